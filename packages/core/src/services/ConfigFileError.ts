// The config file could not be read or written (exit code 7); it is never silently rewritten.
import { Schema } from "effect"

/** The config file is unreadable, not JSON, or could not be written; names the file and the fix. */
export class ConfigFileError extends Schema.TaggedError<ConfigFileError>()("ConfigFileError", {
  path: Schema.String,
  /** One line: what is wrong and how to fix it. */
  problem: Schema.String
}) {
  override get message(): string {
    return `${this.path}: ${this.problem}`
  }
}
