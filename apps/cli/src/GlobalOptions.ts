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

/**
 * `cchdrm status --demo --json`: @effect/cli reads the root's options only before the subcommand or
 * after all of the subcommand's, so `--demo` moves in front wherever it was written (API.md B.4a:
 * the global `--demo` works with each command). Nothing after a `--` moves.
 */
export const demoFirst = (argv: ReadonlyArray<string>): Array<string> => {
  const end = argv.indexOf("--", 2)
  const flags = end === -1 ? argv.slice(2) : argv.slice(2, end)
  if (!flags.includes("--demo")) return [...argv]
  const rest = end === -1 ? [] : argv.slice(end)
  return [...argv.slice(0, 2), "--demo", ...flags.filter((arg) => arg !== "--demo"), ...rest]
}
