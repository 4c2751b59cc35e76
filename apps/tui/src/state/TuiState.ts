// TuiState: what the dashboard shows right now — the monitor's state, the screen, the range, the
// loaded history and the latest alert. Plain data and a reducer; the Effect side feeds it events.
import type { Analyze, MonitorState, UsageHistory } from "@cchdrm/core"

/** The three screens. */
export type Screen = "dashboard" | "analytics" | "help"

/** The analytics ranges, keys `1`–`4`. */
export const ranges = ["24h", "7d", "30d", "all"] as const satisfies ReadonlyArray<UsageHistory.Range>

/** Which account the dashboard runs on: the user's own login, or the simulated one (`--demo`). */
export type Account = "login" | "simulated"

/** An alert shown as a banner until it expires. */
export interface Banner {
  readonly text: string
  readonly until: number
}

/** A history query's answer, or why there is none. */
export type Loaded<A> =
  | { readonly _tag: "loading" }
  | { readonly _tag: "loaded"; readonly value: A }
  | { readonly _tag: "failed"; readonly message: string }

/** The analytics of one range. */
export interface RangeAnalytics {
  readonly analysis: Analyze.Analysis
  readonly series: UsageHistory.Series
}

/** The whole screen state. */
export interface TuiState {
  readonly account: Account
  readonly screen: Screen
  /** The screen `?` returns to. */
  readonly back: Exclude<Screen, "help">
  readonly range: UsageHistory.Range
  readonly monitor: MonitorState.MonitorState | null
  readonly now: number
  readonly columns: number
  readonly rows: number
  /** The active profile's last 24 hours (the dashboard's sparkline). */
  readonly day: Loaded<UsageHistory.Series>
  readonly analytics: Loaded<RangeAnalytics>
  readonly banner: Banner | null
}

/** What changes the state. */
export type Event =
  | { readonly _tag: "Monitor"; readonly monitor: MonitorState.MonitorState }
  | { readonly _tag: "Tick"; readonly now: number }
  | { readonly _tag: "Resize"; readonly columns: number; readonly rows: number }
  | { readonly _tag: "Show"; readonly screen: Screen }
  | { readonly _tag: "Range"; readonly range: UsageHistory.Range }
  | { readonly _tag: "Day"; readonly day: Loaded<UsageHistory.Series> }
  | { readonly _tag: "Analytics"; readonly analytics: Loaded<RangeAnalytics> }
  | { readonly _tag: "Alert"; readonly text: string; readonly until: number }

/** The state before the monitor has published anything. */
export const initial = (options: { readonly account: Account; readonly now: number; readonly columns: number; readonly rows: number }): TuiState => ({
  account: options.account,
  screen: "dashboard",
  back: "dashboard",
  range: "24h",
  monitor: null,
  now: options.now,
  columns: options.columns,
  rows: options.rows,
  day: { _tag: "loading" },
  analytics: { _tag: "loading" },
  banner: null
})

/** The state after `event`. */
export const reduce = (state: TuiState, event: Event): TuiState => {
  switch (event._tag) {
    case "Monitor":
      return { ...state, monitor: event.monitor }
    case "Tick":
      return { ...state, now: event.now, banner: state.banner !== null && state.banner.until <= event.now ? null : state.banner }
    case "Resize":
      return { ...state, columns: event.columns, rows: event.rows }
    case "Show":
      // `?` toggles help; leaving help returns where it was opened from.
      if (event.screen === "help") return state.screen === "help" ? { ...state, screen: state.back } : { ...state, screen: "help" }
      if (event.screen === state.screen && event.screen === "analytics") return { ...state, screen: "dashboard", back: "dashboard" }
      return { ...state, screen: event.screen, back: event.screen }
    case "Range":
      return { ...state, range: event.range, screen: "analytics", back: "analytics", analytics: { _tag: "loading" } }
    case "Day":
      return { ...state, day: event.day }
    case "Analytics":
      return { ...state, analytics: event.analytics }
    case "Alert":
      return { ...state, banner: { text: event.text, until: event.until } }
  }
}

/** The profile after the active one, wrapping around; `null` with fewer than two profiles. */
export const nextProfile = (monitor: MonitorState.MonitorState | null) => {
  if (monitor === null || monitor.profiles.length < 2) return null
  const index = monitor.profiles.findIndex((profile) => profile.name === monitor.activeProfile)
  return monitor.profiles[(index + 1) % monitor.profiles.length]!.name
}
