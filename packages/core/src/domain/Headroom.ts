// Headroom: the state of a window, which window binds, and how many 5h quotas the week has left (SPEC §2).
import { Option, Schema } from "effect"
import type { CreditLimits } from "./Credits.js"
import type { UsageSnapshot, UsageWindow } from "./Usage.js"

/** The six headroom states; `disconnected` means there is no usable number. */
export const State = Schema.Literal("normal", "caution", "warning", "critical", "exhausted", "disconnected")
/** @see State */
export type State = typeof State.Type

/** Which window drives the headline number. */
export const Binding = Schema.Literal("fiveHour", "sevenDay")
/** @see Binding */
export type Binding = typeof Binding.Type

/** Headroom in percent: `100 − utilization`; negative when usage is over the limit. */
export const headroomOf = (utilization: number): number => 100 - utilization

/** The state for a headroom percentage; `null` (unknown) is `disconnected`. */
export const stateOfHeadroom = (headroom: number | null): State => {
  if (headroom === null || Number.isNaN(headroom)) return "disconnected"
  if (headroom <= 0) return "exhausted"
  if (headroom < 5) return "critical"
  if (headroom < 20) return "warning"
  if (headroom <= 40) return "caution"
  return "normal"
}

/** The headroom of a window, `null` when the window or its utilization is unknown. */
export const headroomOfWindow = (window: UsageWindow | null): number | null =>
  window === null || window.utilization === null ? null : headroomOf(window.utilization)

/** The state of a window; a missing window or unknown utilization is `disconnected`. */
export const stateOf = (window: UsageWindow | null): State => stateOfHeadroom(headroomOfWindow(window))

/** How bad a state is, for "warning or worse" comparisons: normal 0 … exhausted 4; disconnected -1. */
export const severity = (state: State): number => {
  switch (state) {
    case "disconnected":
      return -1
    case "normal":
      return 0
    case "caution":
      return 1
    case "warning":
      return 2
    case "critical":
      return 3
    case "exhausted":
      return 4
  }
}

/**
 * How many full 5h quotas the 7-day window has left:
 * `((100 − u7) / 100 × credits7d) / credits5h`, unrounded (displays show its floor; SPEC §2).
 * Never negative.
 */
export const quotasLeft = (sevenDayUtilization: number, limits: CreditLimits): number =>
  Math.max(0, ((100 - sevenDayUtilization) / 100) * limits.sevenDay) / limits.fiveHour

/**
 * The window the headline shows (SPEC §2). The 5h window, unless the 7-day window leaves less
 * than one full 5h quota (tier known), or — tier unknown — the 7-day state is warning or worse
 * with less headroom than the 5h window. An exhausted 5h window keeps showing its own reset
 * countdown, except when the 7-day window is exhausted too: then the window that resets later
 * binds, the moment work can resume.
 */
export const bindingOf = (snapshot: Pick<UsageSnapshot, "fiveHour" | "sevenDay">, limits: Option.Option<CreditLimits>): Binding => {
  const h5 = headroomOfWindow(snapshot.fiveHour)
  const h7 = headroomOfWindow(snapshot.sevenDay)
  if (h7 === null) return "fiveHour"
  if (h5 === null) return "sevenDay"
  const s5 = stateOfHeadroom(h5)
  const s7 = stateOfHeadroom(h7)
  if (s5 === "exhausted") return s7 === "exhausted" ? laterReset(snapshot) : "fiveHour"
  return Option.match(limits, {
    onNone: () => severity(s7) >= severity("warning") && h7 < h5,
    onSome: (l) => quotasLeft(100 - h7, l) < 1
  }) ? "sevenDay" : "fiveHour"
}

// Both windows exhausted: work resumes at the later reset. The 7-day window keeps the title while
// its reset is unknown, so the title never promises the earlier 5h reset.
const laterReset = (snapshot: Pick<UsageSnapshot, "fiveHour" | "sevenDay">): Binding => {
  const fiveHourReset = snapshot.fiveHour?.resetsAt ?? null
  const sevenDayReset = snapshot.sevenDay?.resetsAt ?? null
  return fiveHourReset !== null && sevenDayReset !== null && fiveHourReset > sevenDayReset ? "fiveHour" : "sevenDay"
}
