// The command line of `cchdrm-tui`: `--demo`, `--profile NAME`, `--help`, and `--demo-without-login`
// (what `npm start` passes: the user's own login when there is one, else the simulated account).
import { Either } from "effect"

/** What the command line asks for. */
export interface Options {
  readonly demo: boolean
  readonly demoWithoutLogin: boolean
  readonly profile: string | null
  readonly help: boolean
}

/** `--help` text. */
export const usage = `Usage: cchdrm-tui [--demo] [--profile NAME]

A live dashboard of Claude Code headroom: 5h and 7d gauges, caps, extra usage,
a 24h sparkline, every profile and analytics.

  --demo                run on the built-in simulated account (no Claude login needed)
  --demo-without-login  use the simulated account only when no Claude Code login is found
  --profile NAME        start on profile NAME (made the active profile)
  -h, --help            show this help

Keys: r refresh · p/tab next profile · a analytics · 1-4 range · ? help · q quit`

/** The options of `argv` (without node and the script), or a one-line message naming the problem. */
export const parse = (argv: ReadonlyArray<string>): Either.Either<Options, string> => {
  let options: Options = { demo: false, demoWithoutLogin: false, profile: null, help: false }
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!
    if (arg === "--demo") options = { ...options, demo: true }
    else if (arg === "--demo-without-login") options = { ...options, demoWithoutLogin: true }
    else if (arg === "-h" || arg === "--help") options = { ...options, help: true }
    else if (arg === "--profile" || arg.startsWith("--profile=")) {
      const value = arg === "--profile" ? argv[++index] : arg.slice("--profile=".length)
      if (value === undefined || value === "" || value.startsWith("-")) return Either.left("--profile needs a profile name, e.g. --profile work")
      options = { ...options, profile: value }
    } else return Either.left(`unknown option ${arg} — run cchdrm-tui --help for the options`)
  }
  return Either.right(options)
}
