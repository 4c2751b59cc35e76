// The whole command tree of `cchdrm`: each subcommand is a `Command` that runs its program through `provideLive`.
import { Command } from "@effect/cli"
import { Console } from "effect"
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
import { team } from "./commands/team.js"
import { watch } from "./commands/watch.js"
import { demoFirst, globalOptions } from "./GlobalOptions.js"
import { quietErrors } from "./Terminal.js"

/** `cchdrm` with its subcommands. */
export const command = globalOptions.pipe(
  Command.withDescription("Claude Code headroom: what is left of your 5-hour and 7-day limits"),
  Command.withSubcommands([status, statusline, history, analyze, guard, team, watch, doctor, exportCommand, importCommand, profiles, config])
)

/**
 * Runs `cchdrm` against an argv (`process.argv` form: node, script, args…). Parsing runs on a
 * console without errors (the caller prints parse errors its own way); commands get `console`.
 */
export const cli = (version: string) => (argv: ReadonlyArray<string>, console: Console.Console) =>
  Command.run(Command.transformHandler(command, (handler) => Console.withConsole(handler, console)), { name: "cchdrm", version })(
    stdinLast(demoFirst(argv))
  ).pipe(Console.withConsole(quietErrors(console)))
