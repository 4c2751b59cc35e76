// Pace: how a window is being spent against an even burn, and when it runs out at that rate (SPEC §2).
import { Option } from "effect"
import * as Format from "./Format.js"

const hour = 3_600_000

/** How long each window lasts: its start is `resetsAt − length` (SPEC §2). */
export const windowLength = { fiveHour: 5 * hour, sevenDay: 7 * 24 * hour } as const

/** Pace says nothing this early in a window: one poll would swing it wildly (SPEC §2). */
export const minElapsed = 0.05

const minLeadMillis = 60_000

/**
 * A window's pace. `delta` is utilization minus the even burn's (`u − elapsed × 100`): positive is a
 * deficit ("ahead of pace"), negative a reserve. `runsOutAt` (epoch ms) is when the window's own
 * average rate reaches 100 %, `null` when the reset comes first or the limit is already reached.
 */
export interface Pace {
  readonly delta: number
  readonly runsOutAt: number | null
  readonly resetsAt: number
}

/** What pace is computed from: one window's utilization and reset time, its length, and `now`. */
export interface Input {
  readonly utilization: number | null
  readonly resetsAt: number | null
  readonly length: number
  readonly now: number
}

/**
 * The pace of a window at `now` (SPEC §2); `None` while less than 5 % of the window has passed,
 * once it is past its reset (the data is from an earlier window), or when the reset time or the
 * utilization is unknown.
 */
export const paceOf = (input: Input): Option.Option<Pace> => {
  const { length, now, resetsAt, utilization } = input
  if (resetsAt === null || utilization === null || !Number.isFinite(utilization) || !Number.isFinite(resetsAt)) {
    return Option.none()
  }
  if (!(length > 0) || !Number.isFinite(now)) return Option.none()
  const start = resetsAt - length
  const elapsed = (now - start) / length
  if (!(elapsed >= minElapsed) || elapsed > 1) return Option.none()
  const used = Math.max(0, utilization)
  // At the average rate so far, 100 % is reached after (100 / u) of the time spent; only a
  // projection past 100 % at the reset (u / elapsed > 100) runs out before it. Under a minute
  // early is an even burn in float noise, not a forecast.
  const projected = used > 0 && used < 100 ? start + (100 / used) * (now - start) : null
  const runsOutAt = projected !== null && resetsAt - projected >= minLeadMillis ? projected : null
  return Option.some({ delta: utilization - elapsed * 100, runsOutAt, resetsAt })
}

/** A window's pace by its name (`fiveHour` or `sevenDay`). */
export const paceOfWindow = (
  window: keyof typeof windowLength,
  usage: { readonly utilization: number | null; readonly resetsAt: number | null } | null,
  now: number
): Option.Option<Pace> =>
  usage === null ? Option.none() : paceOf({ ...usage, length: windowLength[window], now })

/** Deltas that round to 0 are an even burn. */
const roundedDelta = (delta: number): number => Math.round(Math.abs(delta))

/**
 * The pace as detailed views show it: `12% ahead of pace — runs out ~Tue 4:10 PM, 9h 0m before
 * the reset`, `12% ahead of pace`, `8% in reserve`, `on pace`.
 */
export const text = (pace: Pace, now: number, time?: Format.TimeOptions): string => {
  const amount = roundedDelta(pace.delta)
  const head = amount === 0 ? "on pace" : pace.delta > 0 ? `${amount}% ahead of pace` : `${amount}% in reserve`
  if (pace.runsOutAt === null) return head
  const at = Format.absoluteTime(pace.runsOutAt, now, time).replace(/^at /, "~")
  return `${head} — runs out ${at}, ${Format.duration(pace.resetsAt - pace.runsOutAt)} before the reset`
}
