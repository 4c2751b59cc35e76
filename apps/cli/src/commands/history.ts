// `cchdrm history`: a range of one profile's history as sparklines with gaps (or --json / --csv).
import { Command, Options } from "@effect/cli"
import { history as historyOf, HistoryText, UsageHistory } from "@cchdrm/core"
import { Console, Effect, Schema } from "effect"
import { UsageError } from "../Errors.js"
import { profileOption, rangeOption } from "../GlobalOptions.js"
import { chosenProfile } from "../programs/activeProfile.js"
import { provideLive } from "../Runtime.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the series (points, gaps, resets, outages) as JSON"))
const csv = Options.boolean("csv").pipe(Options.withDescription("print the points as CSV"))

/** The `history` command. */
export const history = Command.make(
  "history",
  { profile: profileOption, range: rangeOption("24h"), json, csv },
  ({ csv, json, profile, range }) =>
    provideLive(Effect.gen(function*() {
      if (json && csv) return yield* new UsageError({ message: "--json and --csv cannot be combined — pick one" })
      const name = yield* chosenProfile(profile)
      const series = yield* historyOf(name, range)
      if (json) {
        return yield* Console.log(JSON.stringify({ range, ...Schema.encodeSync(UsageHistory.Series)(series) }, null, 2))
      }
      if (csv) return yield* Console.log([HistoryText.csvHeader, ...HistoryText.csvRows(series)].join("\n"))
      yield* Console.log(HistoryText.lines(series, range).join("\n"))
    }))
).pipe(Command.withDescription("usage history of a range as sparklines with gaps, or --json / --csv"))
