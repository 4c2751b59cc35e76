// The root `cchdrm` command and the options every subcommand can read (`yield* globalOptions`).
import { Command, Options } from "@effect/cli"

const demo = Options.boolean("demo").pipe(
  Options.withDescription("use a built-in simulated account instead of your Claude login")
)

/** The root command; subcommands read its parsed options by yielding it. */
export const globalOptions = Command.make("cchdrm", { demo })

/** `--profile NAME` (default: the active profile, or every profile for `status`). */
export const profileOption = Options.text("profile").pipe(
  Options.withDescription("only this profile"),
  Options.optional
)

/** `--json`: the machine-readable document on stdout. */
export const jsonOption = (description: string) => Options.boolean("json").pipe(Options.withDescription(description))

/** `--range 24h|7d|30d|all`. */
export const rangeOption = (fallback: "24h" | "7d" | "30d" | "all") =>
  Options.choice("range", ["24h", "7d", "30d", "all"] as const).pipe(
    Options.withDescription("how far back"),
    Options.withDefault(fallback)
  )
