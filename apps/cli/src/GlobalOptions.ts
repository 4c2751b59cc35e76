// The root `cchdrm` command and the options every subcommand can read (`yield* globalOptions`).
import { Command, Options } from "@effect/cli"
import { Schema } from "effect"

const demo = Options.boolean("demo").pipe(
  Options.withDescription("use a built-in simulated account instead of your Claude login")
)

/** The root command; subcommands read its parsed options by yielding it. */
export const globalOptions = Command.make("cchdrm", { demo })

/** A command was used in a way it cannot serve (exit code 2, API.md B.3). */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", { message: Schema.String }) {}
