// Dashboard: the one view model the live frontends (TUI, tray popover, browser page) render from the
// monitor's state — gauges, caps, extra usage, every profile's row and the status line (SPEC §2, §5).
import { Option, Schema } from "effect"
import * as Credits from "../domain/Credits.js"
import * as Display from "../domain/Display.js"
import * as Forecast from "../domain/Forecast.js"
import * as Format from "../domain/Format.js"
import * as Headroom from "../domain/Headroom.js"
import { ProfileName } from "../domain/Profile.js"
import * as StatusReport from "../domain/StatusReport.js"
import * as StatusText from "../domain/StatusText.js"
import { extraUsagePercent, type ExtraUsage } from "../domain/Usage.js"
import { CredentialSource } from "../services/CredentialStore.js"
import { activeView, limitsOf, type MonitorState, type ProfileView } from "./MonitorState.js"

/** Extra usage as a card or a line: `Extra usage $15.61 of $50.00 (31%)`, its percent a bar's fill. */
export const ExtraUsageView = Schema.Struct({
  text: Schema.String,
  percent: Schema.NullOr(Schema.Number)
})
/** @see ExtraUsageView */
export type ExtraUsageView = typeof ExtraUsageView.Type

/** One row of the all-profiles list. */
export const ProfileRow = Schema.Struct({
  name: ProfileName,
  active: Schema.Boolean,
  connection: Display.Connection,
  /** The state of the window the title shows (its symbol pairs with the colour). */
  state: Headroom.State,
  symbol: Schema.String,
  /** The state in words, or what keeps the numbers from being current: `normal`, `rate limited`, `token expired`. */
  stateLabel: Schema.String,
  /** `83%` or `—`. */
  fiveHour: Schema.String,
  sevenDay: Schema.String,
  /** The profile's menu-bar title (`83%`, `7d 12% ↗`, `↻ 47m`, `—`). */
  title: Schema.String,
  /** `12s ago`, `never`. */
  freshness: Schema.String,
  accessibilityLabel: Schema.String
})
/** @see ProfileRow */
export type ProfileRow = typeof ProfileRow.Type

/** How current the numbers on screen are, and what is wrong, with its fix. */
export const StatusLineView = Schema.Struct({
  /** `Updated 12s ago`, `No data yet`. */
  freshness: Schema.String,
  level: Schema.Literal("fresh", "stale", "very_stale", "none"),
  /** The problem to show with its fix (`Rate limited — showing data from 3m ago`, `Data may be outdated`), else `null`. */
  message: Schema.NullOr(Schema.String),
  /** `Next poll in 2m 30s`, `Polling…`, or `Retrying in 12m` during backoff. */
  schedule: Schema.String,
  /** Whether the schedule is a backoff after failures (rate limited or unreachable). */
  backingOff: Schema.Boolean
})
/** @see StatusLineView */
export type StatusLineView = typeof StatusLineView.Type

/** Everything a live dashboard shows for the active profile, plus the list of all profiles. */
export const DashboardView = Schema.Struct({
  profile: ProfileName,
  source: Schema.NullOr(CredentialSource),
  /** `Max 20x`, the subscription type, or `null` when unknown. */
  plan: Schema.NullOr(Schema.String),
  connection: Display.Connection,
  /** The menu-bar title and its spoken form (SPEC §2). */
  title: Schema.String,
  titleLabel: Schema.String,
  /** The window the title shows; a popover draws it large. */
  binding: Headroom.Binding,
  fiveHour: Schema.NullOr(Display.Gauge),
  sevenDay: Schema.NullOr(Display.Gauge),
  /** `4 × 5h left` beside the 7-day gauge, `null` when the tier is unknown. */
  quotasLeft: Schema.NullOr(Schema.String),
  caps: Schema.Array(Display.Gauge),
  extraUsage: Schema.NullOr(ExtraUsageView),
  profiles: Schema.Array(ProfileRow),
  status: StatusLineView,
  /** A problem of the monitor itself (config file, profiles, history), shown above everything. */
  error: Schema.NullOr(StatusReport.ErrorReport)
})
/** @see DashboardView */
export type DashboardView = typeof DashboardView.Type

/** Extra usage as text and a bar's fill, `null` when extra usage is off or unknown. */
export const extraUsageView = (extra: ExtraUsage | null): ExtraUsageView | null => {
  const text = StatusText.extraUsageText(extra)
  return text === null || extra === null ? null : { text, percent: extraUsagePercent(extra) }
}

const titleInput = (view: ProfileView, state: MonitorState, now: number): Display.TitleInput => ({
  snapshot: view.snapshot,
  connected: Display.isConnected(view.connection),
  limits: limitsOf(view.snapshot, state.preferences),
  slope5h: view.slope5h,
  slope7d: view.slope7d,
  now
})

/** The row of one profile in the all-profiles list. */
export const profileRow = (view: ProfileView, state: MonitorState, now: number): ProfileRow => {
  const input = titleInput(view, state, now)
  const snapshot = Display.isConnected(view.connection) ? view.snapshot : null
  const binding = snapshot === null ? "fiveHour" : Headroom.bindingOf(snapshot, input.limits)
  const headroom = (window: "fiveHour" | "sevenDay") => Headroom.headroomOfWindow(snapshot?.[window] ?? null)
  const shown = (window: "fiveHour" | "sevenDay") => {
    const value = headroom(window)
    return value === null ? "—" : Format.percent(value)
  }
  const state_ = Headroom.stateOfHeadroom(headroom(binding))
  return {
    name: view.name,
    active: view.name === state.activeProfile,
    connection: view.connection,
    state: state_,
    symbol: Display.stateSymbol(state_),
    // Before its first cycle a profile is only waiting, not disconnected.
    stateLabel: view.lastPollAt === null ? "waiting" : view.connection === "connected" ? state_ : view.connection.replace("_", " "),
    fiveHour: shown("fiveHour"),
    sevenDay: shown("sevenDay"),
    title: Display.menuTitle(input),
    freshness: view.snapshot === null ? "never" : `${Format.elapsed(now - view.snapshot.fetchedAt)} ago`,
    accessibilityLabel: `${view.name}: ${Display.accessibilityLabel(input)}`
  }
}

const statusLine = (view: ProfileView, state: MonitorState, now: number): StatusLineView => {
  const fetchedAt = view.snapshot?.fetchedAt ?? null
  const interval = state.preferences.pollIntervalSeconds
  // Before the first cycle has run the profile only looks disconnected: nothing is wrong yet.
  const message = view.error?.message ??
    (view.lastPollAt === null ? null : Display.statusMessage(view.connection, { fetchedAt, now, credentials: view.source, pollIntervalSeconds: interval }))
  const backingOff = view.failures > 0
  const schedule = view.polling || view.nextPollAt === null
    ? "Polling…"
    : `${backingOff ? "Retrying" : "Next poll"} in ${Format.elapsed(view.nextPollAt - now)}`
  return {
    freshness: fetchedAt === null ? "No data yet" : Format.freshnessAge(fetchedAt, now),
    level: fetchedAt === null ? "none" : Format.freshness(fetchedAt, now, interval),
    message,
    schedule,
    backingOff
  }
}

/** What a dashboard shows when no profile is known yet (the monitor is starting). */
const starting = (state: MonitorState): DashboardView => ({
  profile: state.activeProfile,
  source: null,
  plan: null,
  connection: "disconnected",
  title: "—",
  titleLabel: "Claude headroom unavailable, disconnected",
  binding: "fiveHour",
  fiveHour: null,
  sevenDay: null,
  quotasLeft: null,
  caps: [],
  extraUsage: null,
  profiles: [],
  status: { freshness: "No data yet", level: "none", message: null, schedule: "Polling…", backingOff: false },
  error: state.error
})

/**
 * The dashboard at `now`: the active profile's gauges (numbers stay while rate limited, SPEC §1.5),
 * caps, extra usage and status line, and a row per profile. `time` sets locale and time zone of
 * absolute reset times.
 */
export const make = (state: MonitorState, now: number, time?: Format.TimeOptions): DashboardView =>
  Option.match(activeView(state), {
    onNone: () => starting(state),
    onSome: (view) => {
      const input = titleInput(view, state, now)
      const snapshot = input.connected ? view.snapshot : null
      const gauge = (window: "fiveHour" | "sevenDay") => {
        const usage = snapshot?.[window] ?? null
        return usage === null
          ? null
          : Display.gauge({
            window,
            usage,
            slope: window === "fiveHour" ? view.slope5h : view.slope7d,
            now,
            time,
            forecast: Forecast.of({ window, usage, rate: window === "fiveHour" ? view.rate5h ?? null : null, now })
          })
      }
      const u7 = snapshot?.sevenDay?.utilization ?? null
      const quotas = u7 === null ? null : Option.getOrNull(Option.map(input.limits, (limits) => Headroom.quotasLeft(u7, limits)))
      return {
        profile: view.name,
        source: view.source,
        plan: Option.getOrNull(Credits.tierName(view.snapshot?.tier ?? null)) ?? view.subscriptionType,
        connection: view.connection,
        title: Display.menuTitle(input),
        titleLabel: Display.accessibilityLabel(input),
        binding: snapshot === null ? "fiveHour" : Headroom.bindingOf(snapshot, input.limits),
        fiveHour: gauge("fiveHour"),
        sevenDay: gauge("sevenDay"),
        quotasLeft: quotas === null ? null : `${Math.floor(quotas)} × 5h left`,
        caps: snapshot === null ? [] : snapshot.caps.map((cap) => Display.gauge({ window: { cap: cap.label }, usage: cap, slope: null, now, time })),
        extraUsage: extraUsageView(snapshot?.extraUsage ?? null),
        profiles: state.profiles.map((profile) => profileRow(profile, state, now)),
        status: statusLine(view, state, now),
        error: state.error
      }
    }
  })
