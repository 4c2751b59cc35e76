// `cchdrm analyze`: the headroom breakdown of a range — used, 7d-constrained and unused credits
// (API.md B.5 with --json; a labelled bar plus the numbers for people).
import { Command } from "@effect/cli"
import { Analyze, BreakdownBar, PollNow } from "@cchdrm/core"
import { Console, Effect } from "effect"
import { jsonOption, profileOption, rangeOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"

const barWidth = 50

/** The `analyze` command. */
export const analyze = Command.make(
  "analyze",
  { profile: profileOption, range: rangeOption("7d"), json: jsonOption("print the analysis document of API.md B.5") },
  ({ json, profile, range }) =>
    Layers.provideLive(Effect.gen(function*() {
      const analysis = yield* Analyze.analyze(yield* PollNow.chosenProfile(profile), range)
      if (json) return yield* Console.log(JSON.stringify(analysis, null, 2))
      yield* Console.log(BreakdownBar.analysisLines(analysis, barWidth).join("\n"))
    }), Layers.stored)
).pipe(Command.withDescription("headroom breakdown of a range: used, 7d-constrained and unused credits"))
