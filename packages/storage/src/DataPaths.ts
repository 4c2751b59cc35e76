// cc-hdrm's directories as an Effect value: PlatformDirs' rule, with a typed error for a bad override.
import { homedir } from "node:os"
import { DataPathInvalid } from "@cchdrm/core/services/Installation"
import { Config, Effect, Either, Option } from "effect"
import * as PlatformDirs from "./PlatformDirs.js"

export type { DataPaths, Input, Source } from "./PlatformDirs.js"
export { appName, configFileName, databaseFileName } from "./PlatformDirs.js"
export { DataPathInvalid }

/** cc-hdrm's paths (see {@link PlatformDirs.locate}); a relative override fails with {@link DataPathInvalid}. */
export const resolve = (input: PlatformDirs.Input): Either.Either<PlatformDirs.DataPaths, DataPathInvalid> => {
  const located = PlatformDirs.locate(input)
  return PlatformDirs.isRelativeOverride(located) ? Either.left(new DataPathInvalid(located)) : Either.right(located)
}

/** The paths of the running process. */
export const ofProcess = (): Either.Either<PlatformDirs.DataPaths, DataPathInvalid> =>
  resolve({ platform: process.platform, env: process.env, home: homedir() })

const variables = ["CCHDRM_DATA_DIR", "CCHDRM_CONFIG_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "APPDATA"] as const

/**
 * The paths from the configuration (API.md B.1) rather than `process.env`, so a `ConfigProvider`
 * (a demo, a test) can point them elsewhere; a relative override fails with {@link DataPathInvalid}.
 */
export const fromConfig: Effect.Effect<PlatformDirs.DataPaths, DataPathInvalid> = Effect.gen(function*() {
  const env: Record<string, string | undefined> = {}
  // A variable that is set can always be read as a string: only a missing one is possible here.
  for (const name of variables) env[name] = Option.getOrUndefined(yield* Config.option(Config.string(name)).pipe(Effect.orDie))
  return yield* resolve({ platform: process.platform, env, home: homedir() })
})
