// `cchdrm team`: every member's newest headroom and the range's analysis from the team database
// (API.md B.8; --json for the document, else one line per member and profile tinted by state).
import { Command } from "@effect/cli"
import { Team, TeamReport } from "@cchdrm/core"
import { Clock, Console, Effect } from "effect"
import { jsonOption, rangeOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"
import { colorEnabled, paint } from "../Terminal.js"

/** The `team` command. */
export const team = Command.make(
  "team",
  { range: rangeOption("7d"), json: jsonOption("print the team document of API.md B.8") },
  ({ json, range }) =>
    Layers.provideLive(Effect.gen(function*() {
      const report = yield* Team.team(range)
      if (json) return yield* Console.log(JSON.stringify(report, null, 2))
      const now = yield* Clock.currentTimeMillis
      yield* Console.log(paint(TeamReport.lines(report, now), colorEnabled(process.stdout, process.env)))
    }), Layers.stored)
).pipe(Command.withDescription("every team member's headroom and the range's analysis (needs CCHDRM_DATABASE_URL)"))
