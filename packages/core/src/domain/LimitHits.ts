// LimitHits: how often a range hit the wall, and for how long — per window, from raw polls and
// rolled-up buckets alike (SPEC §4 "Limit hits").
import * as Rollup from "./Rollup.js"

/** Per window: a count of limit hits, or hours spent exhausted. */
export interface PerWindow {
  readonly fiveHour: number
  readonly sevenDay: number
}

/** The B.5 keys: `limitHits` counts windows that reached exhausted, `hoursExhausted` the time spent there. */
export interface LimitHits {
  readonly limitHits: PerWindow
  readonly hoursExhausted: PerWindow
}

/**
 * A point of a range: a raw poll (avg = peak = min = its value) or a rolled-up bucket starting at
 * `at`; `UsageHistory.HistoryPoint` is one.
 */
export interface Point {
  readonly at: number
  readonly resolution: "raw" | Rollup.Resolution
  readonly fiveHour: number | null
  readonly fiveHourPeak: number | null
  readonly fiveHourMin: number | null
  readonly sevenDay: number | null
  readonly sevenDayPeak: number | null
  readonly sevenDayMin: number | null
}

/** A reset event as limit hits read it: when, and the 5h peak of the window that just ended. */
export interface Reset {
  readonly at: number
  readonly peak5h: number | null
}

/** What the count reads: a range's points and reset events, its end, and the gap threshold. */
export interface Input {
  readonly points: ReadonlyArray<Point>
  readonly resets: ReadonlyArray<Reset>
  /** The end of the range (ms): the last point counts up to here at most. */
  readonly to: number
  /** A poll stands for at most this long: beyond it there is a gap, never interpolated (SPEC §4). */
  readonly gapThreshold: number
}

const exhausted = (value: number | null): boolean => value !== null && value >= 100

interface Stats {
  readonly avg: number | null
  readonly peak: number | null
  readonly min: number | null
}

const statsOf = (point: Point, window: keyof PerWindow): Stats =>
  window === "fiveHour"
    ? { avg: point.fiveHour, peak: point.fiveHourPeak, min: point.fiveHourMin }
    : { avg: point.sevenDay, peak: point.sevenDayPeak, min: point.sevenDayMin }

/**
 * The share of a point's time spent exhausted. A poll is all or nothing. A bucket whose minimum is
 * exhausted was exhausted throughout; one that only peaked there is estimated from its average, as
 * if the rest of the time sat at its minimum — the least time at 100 % that explains the average.
 */
const exhaustedShare = ({ avg, min, peak }: Stats): number => {
  if (!exhausted(peak)) return 0
  if (exhausted(min) || avg === null || min === null) return exhausted(min) ? 1 : 0
  return Math.min(1, Math.max(0, (avg - min) / (100 - min)))
}

// How long a point stands for: a poll until the next point (at most the gap threshold), a bucket
// its length; neither past the range's end.
const spanOf = (point: Point, next: Point | undefined, input: Input): number => {
  const until = Math.min(next?.at ?? input.to, input.to)
  const length = point.resolution === "raw" ? input.gapThreshold : Rollup.bucketMillis[point.resolution]
  return Math.max(0, Math.min(until - point.at, length))
}

const hoursOf = (points: ReadonlyArray<Point>, window: keyof PerWindow, input: Input): number => {
  let millis = 0
  points.forEach((point, index) => {
    millis += exhaustedShare(statsOf(point, window)) * spanOf(point, points[index + 1], input)
  })
  return Math.round((millis / 3_600_000) * 100) / 100
}

// A reset drops utilization by at least this much (SPEC §2 reset detection); from the limit it
// always does, so a bucket at the limit whose minimum lies this far below holds the window's end.
const resetDrop = 50

// 7-day hits: runs of points at the limit. An exhausted week stays at the limit until its reset,
// so a run is one window, whatever the points' resolution; a bucket holding the reset ends it, so
// two walled weeks in adjacent daily buckets stay two.
const runsOf = (points: ReadonlyArray<Point>, window: keyof PerWindow): number => {
  let runs = 0
  let inRun = false
  for (const point of points) {
    const { min, peak } = statsOf(point, window)
    if (peak === null) continue
    const hit = exhausted(peak)
    if (hit && !inRun) runs++
    inRun = hit && !(min !== null && peak - min >= resetDrop)
  }
  return runs
}

// 5-hour hits: each reset event closes one window and records its peak (SPEC §2), at every age
// (resets are never rolled up); a daily bucket could hide two walls in one day. The window still
// open at the range's end counts when a point after the last reset reached the limit.
const fiveHourHits = (points: ReadonlyArray<Point>, resets: ReadonlyArray<Reset>): number => {
  const closed = resets.filter((reset) => exhausted(reset.peak5h)).length
  const lastReset = resets.reduce((latest, reset) => Math.max(latest, reset.at), Number.NEGATIVE_INFINITY)
  const open = points.some((point) => point.at >= lastReset && exhausted(point.fiveHourPeak))
  return closed + (open ? 1 : 0)
}

/** Limit hits and hours exhausted per window over a range (SPEC §4, API.md B.5). */
export const count = (input: Input): LimitHits => {
  const points = [...input.points].sort((a, b) => a.at - b.at)
  return {
    limitHits: { fiveHour: fiveHourHits(points, input.resets), sevenDay: runsOf(points, "sevenDay") },
    hoursExhausted: { fiveHour: hoursOf(points, "fiveHour", input), sevenDay: hoursOf(points, "sevenDay", input) }
  }
}

const hoursText = (hours: number): string => `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`

/** The analysis line: `Limit hits: 5h 3 (4.5 h exhausted) · 7d 0`. */
export const text = (hits: LimitHits): string =>
  `Limit hits: ${
    (["fiveHour", "sevenDay"] as const).map((window) => {
      const hours = hits.hoursExhausted[window]
      return `${window === "fiveHour" ? "5h" : "7d"} ${hits.limitHits[window]}${hours > 0 ? ` (${hoursText(hours)} exhausted)` : ""}`
    }).join(" · ")
  }`
