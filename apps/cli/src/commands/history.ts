// `cchdrm history`: a range of one profile's history as sparklines with gaps (or --json / --csv).
import { Command, Options } from "@effect/cli"
import { history as historyOf, Sparkline, UsageHistory } from "@cchdrm/core"
import { Console, Effect, Schema } from "effect"
import { UsageError } from "../Errors.js"
import { profileOption, rangeOption } from "../GlobalOptions.js"
import { chosenProfile } from "../programs/activeProfile.js"
import { provideLive } from "../Runtime.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the series (points, gaps, resets, outages) as JSON"))
const csv = Options.boolean("csv").pipe(Options.withDescription("print the points as CSV"))

const iso = (millis: number) => new Date(millis).toISOString()

// Cells of the sparkline: wide enough to show shape, narrow enough for an 80-column terminal.
const width = 60

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
      if (csv) {
        const rows = series.points.map((point) =>
          [iso(point.at), point.resolution, point.fiveHour, point.fiveHourPeak, point.sevenDay, point.sevenDayPeak].map((v) => v ?? "").join(",")
        )
        return yield* Console.log(["timestamp,resolution,five_hour,five_hour_peak,seven_day,seven_day_peak", ...rows].join("\n"))
      }
      const line = (pick: (point: UsageHistory.HistoryPoint) => number | null) => {
        const points = series.points.map((point) => ({ at: point.at, value: pick(point) }))
        const peak = Sparkline.peakOf(points)
        return `${Sparkline.sparkline({ from: series.from, to: series.to, points, gaps: series.gaps, width })}  peak ${peak === null ? "—" : `${Math.round(peak)}%`}`
      }
      yield* Console.log([
        `${series.profile} · ${range} · ${series.points.length} points · ${series.gaps.length} gaps · ${series.resets.length} resets`,
        `5h used │${line((point) => point.fiveHourPeak)}`,
        `7d used │${line((point) => point.sevenDayPeak)}`,
        `        ${iso(series.from).slice(0, 16)}Z → ${iso(series.to).slice(0, 16)}Z (blank = no data)`
      ].join("\n"))
    }))
).pipe(Command.withDescription("usage history of a range as sparklines with gaps, or --json / --csv"))
