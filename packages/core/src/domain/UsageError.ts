// UsageError: a command or call that cannot be served as asked (exit code 2, API.md B.3).
import { Schema } from "effect"

/** A request that cannot be served as asked; `message` says what is wrong and what to do instead. */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", { message: Schema.String }) {}
