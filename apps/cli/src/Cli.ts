// The whole command tree of `cchdrm`: each subcommand is a `Command` that runs its program through `provideLive`.
import { Command } from "@effect/cli"
import { analyze } from "./commands/analyze.js"
import { config } from "./commands/config.js"
import { doctor } from "./commands/doctor.js"
import { exportCommand } from "./commands/export.js"
import { guard } from "./commands/guard.js"
import { history } from "./commands/history.js"
import { importCommand, stdinLast } from "./commands/import.js"
import { profiles } from "./commands/profiles.js"
import { status } from "./commands/status.js"
import { statusline } from "./commands/statusline.js"
import { watch } from "./commands/watch.js"
import { demoFirst, globalOptions } from "./GlobalOptions.js"

/** `cchdrm` with its subcommands. */
export const command = globalOptions.pipe(
  Command.withDescription("Claude Code headroom: what is left of your 5-hour and 7-day limits"),
  Command.withSubcommands([status, statusline, history, analyze, guard, watch, doctor, exportCommand, importCommand, profiles, config])
)

/** Runs `cchdrm` against an argv (`process.argv` form: node, script, args…). */
export const cli = (version: string) => {
  const run = Command.run(command, { name: "cchdrm", version })
  return (argv: ReadonlyArray<string>) => run(stdinLast(demoFirst(argv)))
}
