// The whole command tree of `cchdrm`.
import { Command } from "@effect/cli"
import { status } from "./commands/status.js"
import { globalOptions } from "./GlobalOptions.js"

/** `cchdrm` with its subcommands, ready to run against `process.argv`. */
export const cli = Command.run(
  globalOptions.pipe(
    Command.withDescription("Claude Code headroom: what is left of your 5-hour and 7-day limits"),
    Command.withSubcommands([status])
  ),
  { name: "cchdrm", version: "0.0.0" }
)
