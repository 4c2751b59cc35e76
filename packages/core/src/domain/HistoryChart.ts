// A history range as a chart draws it (SPEC §4): points, the gaps and outages to shade, the reset
// marks, and a one-line caption. The view model every frontend's chart renders and a bridge sends.
import { Schema } from "effect"
import { Range, type Series } from "../services/UsageHistory.js"
import { plural } from "./Format.js"

/** A stretch to shade (a gap in the data, or an outage still open at the range's end). */
export const Span = Schema.Struct({ from: Schema.Number, to: Schema.Number })

/** One point: averages for lines, peaks for the bars of longer ranges (percent used, `null` unknown). */
export const Point = Schema.Struct({
  at: Schema.Number,
  fiveHour: Schema.NullOr(Schema.Number),
  fiveHourPeak: Schema.NullOr(Schema.Number),
  sevenDay: Schema.NullOr(Schema.Number),
  sevenDayPeak: Schema.NullOr(Schema.Number)
})

/** The chart of one profile's range. */
export const HistoryChart = Schema.Struct({
  range: Range,
  from: Schema.Number,
  to: Schema.Number,
  points: Schema.Array(Point),
  gaps: Schema.Array(Span),
  outages: Schema.Array(Span),
  /** Times of the 5-hour resets. */
  resets: Schema.Array(Schema.Number),
  /** `929 points · 5 gaps · 10 resets · 0 outages`. */
  caption: Schema.String
})
/** @see HistoryChart */
export type HistoryChart = typeof HistoryChart.Type

/** `3 points`, `1 gap`, `0 resets`: what a range holds, as every frontend words it. */
export const counts = (series: Series): ReadonlyArray<string> => [
  plural(series.points.length, "point"),
  plural(series.gaps.length, "gap"),
  plural(series.resets.length, "reset")
]

/** The chart of `series`, read for `range`. */
export const fromSeries = (series: Series, range: Range): HistoryChart => ({
  range,
  from: series.from,
  to: series.to,
  points: series.points.map((p) => ({
    at: p.at,
    fiveHour: p.fiveHour,
    fiveHourPeak: p.fiveHourPeak,
    sevenDay: p.sevenDay,
    sevenDayPeak: p.sevenDayPeak
  })),
  gaps: series.gaps.map((gap) => ({ from: gap.from, to: gap.to })),
  outages: series.outages.map((outage) => ({ from: outage.startedAt, to: outage.endedAt ?? series.to })),
  resets: series.resets.map((reset) => reset.at),
  caption: [...counts(series), plural(series.outages.length, "outage")].join(" · ")
})
