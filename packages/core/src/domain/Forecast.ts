// Forecast: will a window last until its reset? Pace for both windows, the slope's time to
// exhaustion for the 5-hour one, and the moment a predictive alert is about (SPEC §2, §3).
import { Option } from "effect"
import * as Headroom from "./Headroom.js"
import * as Pace from "./Pace.js"
import * as Slope from "./Slope.js"

/** One window's forecast at `now`. */
export interface Forecast {
  /** The window's pace, `null` when undefined (SPEC §2). */
  readonly pace: Pace.Pace | null
  /**
   * When the window reaches its limit at the current slope (ms since epoch), `null` unless it is
   * rising or steep and the limit comes before the reset. Only the 5-hour window has one: the
   * 7-day window forecasts by its pace, over its longer horizon (SPEC §2).
   */
  readonly limitAt: number | null
}

/** What a window's forecast is computed from. */
export interface Input {
  readonly window: "fiveHour" | "sevenDay"
  readonly usage: { readonly utilization: number | null; readonly resetsAt: number | null } | null
  /** The window's own (unscaled) burn rate in %/min, `null` without a valid one. */
  readonly rate: number | null
  readonly now: number
}

/** No pace, no limit: what a window without data forecasts. */
export const none: Forecast = { pace: null, limitAt: null }

/** A window's forecast at `now` (SPEC §2). */
export const of = (input: Input): Forecast => {
  const pace = Option.getOrNull(Pace.paceOfWindow(input.window, input.usage, input.now))
  return { pace, limitAt: input.window === "fiveHour" ? limitAt(input) : null }
}

const limitAt = ({ now, rate, usage }: Input): number | null => {
  if (usage === null || usage.utilization === null || rate === null) return null
  // Rising or steep only: a flat window is not heading for the wall (SPEC §2 slope levels).
  const level = Slope.levelOf(rate)
  if (level !== "rising" && level !== "steep") return null
  const millis = Slope.timeToExhaustion(Headroom.headroomOf(usage.utilization), rate, usage.resetsAt, now)
  return Option.getOrNull(Option.map(millis, (left) => now + left))
}

/**
 * When the window runs out before its reset, by the measure SPEC §3's predictive alert uses: the
 * 5-hour window by its slope, the 7-day window by its pace projection; `null` when it lasts.
 */
export const runsOutAt = (window: "fiveHour" | "sevenDay", forecast: Forecast): number | null =>
  window === "fiveHour" ? forecast.limitAt : forecast.pace?.runsOutAt ?? null

/** Both windows' forecasts of a snapshot; `rate5h` is the 5-hour window's burn rate in %/min, if valid. */
export const ofSnapshot = (
  snapshot: { readonly fiveHour: Input["usage"]; readonly sevenDay: Input["usage"] } | null,
  rate5h: number | null,
  now: number
): { readonly fiveHour: Forecast; readonly sevenDay: Forecast } => ({
  fiveHour: snapshot === null ? none : of({ window: "fiveHour", usage: snapshot.fiveHour, rate: rate5h, now }),
  sevenDay: snapshot === null ? none : of({ window: "sevenDay", usage: snapshot.sevenDay, rate: null, now })
})
