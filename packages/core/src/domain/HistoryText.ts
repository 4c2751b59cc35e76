// A range of history as terminal text (sparklines, gaps left blank) and as CSV rows.
import type { HistoryPoint, Series } from "../services/UsageHistory.js"
import * as HistoryChart from "./HistoryChart.js"
import * as Sparkline from "./Sparkline.js"
import { iso } from "./IsoTime.js"

/** Cells of a sparkline: wide enough to show shape, narrow enough for an 80-column terminal. */
export const defaultWidth = 60

const minute = (millis: number): string => `${iso(millis).slice(0, 16)}Z`

const row = (label: string, series: Series, pick: (point: HistoryPoint) => number | null, width: number): string => {
  const points = series.points.map((point) => ({ at: point.at, value: pick(point) }))
  const peak = Sparkline.peakOf(points)
  const line = Sparkline.sparkline({ from: series.from, to: series.to, points, gaps: series.gaps, width })
  return `${label} │${line}  peak ${peak === null ? "—" : `${Math.round(peak)}%`}`
}

/** One window's sparkline row (`5h used │▂▅█  ▃│  peak 100%`), as the dashboard shows the last 24 h. */
export const windowRow = (series: Series, window: "fiveHour" | "sevenDay", width: number = defaultWidth): string =>
  window === "fiveHour"
    ? row("5h used", series, (point) => point.fiveHourPeak, width)
    : row("7d used", series, (point) => point.sevenDayPeak, width)

/**
 * The header (profile, range, counts), one sparkline of peaks per window — a blank cell is a
 * gap, never interpolated — and the time span they cover.
 */
export const lines = (series: Series, range: string, width: number = defaultWidth): ReadonlyArray<string> => [
  [series.profile, range, ...HistoryChart.counts(series)].join(" · "),
  windowRow(series, "fiveHour", width),
  windowRow(series, "sevenDay", width),
  `        ${minute(series.from)} → ${minute(series.to)} (blank = no data)`
]

/** CSV header of {@link csvRows}. */
export const csvHeader = "timestamp,resolution,five_hour,five_hour_peak,seven_day,seven_day_peak"

/** One CSV row per point, oldest first; an unknown value is an empty cell. */
export const csvRows = (series: Series): ReadonlyArray<string> =>
  series.points.map((point) =>
    [iso(point.at), point.resolution, point.fiveHour, point.fiveHourPeak, point.sevenDay, point.sevenDayPeak]
      .map((value) => value ?? "")
      .join(",")
  )
