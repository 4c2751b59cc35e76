// Installation: where cc-hdrm's files are on this machine and what is there — the file-system facts
// `doctor` reports, behind a service so core stays free of Node (storage implements it).
import { Context, Schema } from "effect"
import type { Effect, Option } from "effect"
import type { CredentialSource } from "./CredentialStore.js"

/** A directory or file and the setting it came from (`CCHDRM_DATA_DIR`, `XDG_DATA_HOME`, `default`, …). */
export interface Place {
  readonly path: string
  readonly source: string
}

/** A cc-hdrm directory override that is not an absolute path (exit code 2). */
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

/** The installation's places and facts. Reading them never fails: a missing file is a fact too. */
export class Installation extends Context.Tag("@cchdrm/core/Installation")<Installation, {
  readonly dataDir: Place
  readonly configFile: Place
  readonly databaseFile: string
  /**
   * The team database history lives in instead of the file (API.md B.8), for people: its URL with
   * the password masked, and the member name. `None` when history is the local file.
   */
  readonly sharedDatabase: Option.Option<string>
  /** The schema version this build writes. */
  readonly schemaVersion: number
  /** The database file's size in bytes; `None` before the first poll creates it. */
  readonly databaseSize: Effect.Effect<Option.Option<number>>
  /** Where the credentials of a profile of `source` are kept, for people. */
  readonly credentialsPlace: (source: CredentialSource) => string
}>() {}
