// cc-hdrm's directories as an Effect value: PlatformDirs' rule, with a typed error for a bad override.
import { homedir } from "node:os"
import { Either, Schema } from "effect"
import * as PlatformDirs from "./PlatformDirs.js"

export type { DataPaths, Input, Source } from "./PlatformDirs.js"
export { appName, configFileName, databaseFileName } from "./PlatformDirs.js"

/** A cc-hdrm override that is not an absolute path. */
export class DataPathInvalid extends Schema.TaggedError<DataPathInvalid>()("DataPathInvalid", {
  variable: Schema.String,
  value: Schema.String
}) {
  override get message(): string {
    const hint = this.value.startsWith("~")
      ? " '~' is not expanded here: write the home directory out in full."
      : " Relative paths are not accepted, because they would move with the working directory."
    return `${this.variable} must be an absolute path, got '${this.value}'.${hint} Set it to a full path or unset it.`
  }
}

/** cc-hdrm's paths (see {@link PlatformDirs.locate}); a relative override fails with {@link DataPathInvalid}. */
export const resolve = (input: PlatformDirs.Input): Either.Either<PlatformDirs.DataPaths, DataPathInvalid> => {
  const located = PlatformDirs.locate(input)
  return PlatformDirs.isRelativeOverride(located) ? Either.left(new DataPathInvalid(located)) : Either.right(located)
}

/** The paths of the running process. */
export const ofProcess = (): Either.Either<PlatformDirs.DataPaths, DataPathInvalid> =>
  resolve({ platform: process.platform, env: process.env, home: homedir() })
