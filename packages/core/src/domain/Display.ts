// Display: the texts every frontend shows — menu-bar title, gauges, status messages, alerts (SPEC §2, §3).
import { Option, Schema } from "effect"
import type { CreditLimits } from "./Credits.js"
import type * as Forecast from "./Forecast.js"
import * as Format from "./Format.js"
import * as Headroom from "./Headroom.js"
import * as Pace from "./Pace.js"
import * as Slope from "./Slope.js"
import type { UsageSnapshot } from "./Usage.js"

/** How the last poll of a profile went (SPEC §1.5, API.md B.2). */
export const Connection = Schema.Literal("connected", "rate_limited", "disconnected", "token_expired", "no_credentials")
/** @see Connection */
export type Connection = typeof Connection.Type

/**
 * Whether a connection state keeps showing numbers. A 429 is throttling, not an outage: the last
 * good data stays on screen, marked stale (SPEC §1.5); every other failure shows `—`.
 */
export const isConnected = (connection: Connection): boolean =>
  connection === "connected" || connection === "rate_limited"

/** A window a gauge or alert is about: the 5h window, the 7-day window, or a model-scoped weekly cap. */
export type WindowRef = "fiveHour" | "sevenDay" | { readonly cap: string }

/** The short label of a gauge: `5h`, `7d`, or the cap's model label. */
export const gaugeLabel = (window: WindowRef): string =>
  window === "fiveHour" ? "5h" : window === "sevenDay" ? "7d" : window.cap

/**
 * The shape that pairs each state's colour with a symbol, so colour is never the only signal
 * (SPEC §2): filled, half, triangle, cross, barred circle, empty circle — in rising severity.
 */
export const stateSymbol = (state: Headroom.State): string => {
  switch (state) {
    case "normal":
      return "●"
    case "caution":
      return "◐"
    case "warning":
      return "▲"
    case "critical":
      return "✖"
    case "exhausted":
      return "⊘"
    case "disconnected":
      return "○"
  }
}

/** What the menu-bar title is computed from. `connected` is {@link isConnected} of the profile's state. */
export interface TitleInput {
  readonly snapshot: Pick<UsageSnapshot, "fiveHour" | "sevenDay"> | null
  readonly connected: boolean
  readonly limits: Option.Option<CreditLimits>
  readonly slope5h: Slope.Level
  readonly slope7d: Slope.Level
  readonly now: number
}

type Headline =
  | { readonly _tag: "none" }
  | { readonly _tag: "exhausted"; readonly binding: Headroom.Binding; readonly resetsAt: number | null }
  | {
    readonly _tag: "headroom"
    readonly binding: Headroom.Binding
    readonly headroom: number
    readonly state: Headroom.State
    readonly slope: Slope.Level
  }

const headline = (input: TitleInput): Headline => {
  if (!input.connected || input.snapshot === null) return { _tag: "none" }
  const binding = Headroom.bindingOf(input.snapshot, input.limits)
  const window = input.snapshot[binding]
  const headroom = Headroom.headroomOfWindow(window)
  if (window === null || headroom === null) return { _tag: "none" }
  const state = Headroom.stateOfHeadroom(headroom)
  if (state === "exhausted") return { _tag: "exhausted", binding, resetsAt: window.resetsAt }
  return { _tag: "headroom", binding, headroom, state, slope: binding === "fiveHour" ? input.slope5h : input.slope7d }
}

/**
 * The menu-bar title (SPEC §2): `—` when disconnected or never fetched; `↻ 47m` when the shown
 * window is exhausted (`0%` when its reset time is unknown); otherwise the floored headroom, `83%`,
 * plus ` ↗` or ` ⬆` (the menu bar shows escalation only). The 7-day window, when it binds, is
 * prefixed `7d `: `7d 12% ↗`, `7d ↻ 2d 1h`.
 */
export const menuTitle = (input: TitleInput): string => {
  const shown = headline(input)
  switch (shown._tag) {
    case "none":
      return "—"
    case "exhausted":
      return prefix(shown.binding) + (shown.resetsAt === null ? "0%" : `↻ ${Format.countdown(shown.resetsAt, input.now)}`)
    case "headroom": {
      const arrow = Slope.menuArrowOf(shown.slope)
      return prefix(shown.binding) + Format.percent(shown.headroom) + (arrow === null ? "" : ` ${arrow}`)
    }
  }
}

/**
 * The screen-reader label of the menu-bar title: `Claude headroom 83 percent, normal, rising`,
 * `Claude 7-day headroom 12 percent, warning, rising`, `Claude headroom exhausted, resets in 47 minutes`,
 * `Claude headroom 0 percent, exhausted` (reset unknown), `Claude headroom unavailable, disconnected`.
 * Unlike the title it always names the slope.
 */
export const accessibilityLabel = (input: TitleInput): string => {
  const shown = headline(input)
  switch (shown._tag) {
    case "none":
      return "Claude headroom unavailable, disconnected"
    case "exhausted": {
      const subject = `Claude ${shown.binding === "sevenDay" ? "7-day " : ""}headroom`
      return shown.resetsAt === null
        ? `${subject} 0 percent, exhausted`
        : `${subject} exhausted, resets in ${Format.spokenDuration(shown.resetsAt - input.now)}`
    }
    case "headroom": {
      const subject = `Claude ${shown.binding === "sevenDay" ? "7-day " : ""}headroom`
      return `${subject} ${Format.percentValue(shown.headroom)} percent, ${shown.state}, ${shown.slope}`
    }
  }
}

const prefix = (binding: Headroom.Binding): string => binding === "sevenDay" ? "7d " : ""

/** Everything a gauge (popover, TUI, CLI table) shows for one window; frontends only lay it out. */
export const Gauge = Schema.Struct({
  /** `5h`, `7d` or the cap's label. */
  label: Schema.String,
  state: Headroom.State,
  /** {@link stateSymbol} of the state. */
  symbol: Schema.String,
  /** `83%`, or `—` when the utilization is unknown. */
  percent: Schema.String,
  /** Unrounded headroom (a bar's fill), `null` when the utilization is unknown. */
  headroom: Schema.NullOr(Schema.Number),
  /** The slope arrow (detailed views show all four), `null` when the window has no slope (caps). */
  arrow: Schema.NullOr(Schema.String),
  /** `resets in 2h 13m`, `null` when the reset time is unknown. */
  resetsIn: Schema.NullOr(Schema.String),
  /** `at 4:52 PM` / `at Mon 7:05 PM`, `null` when the reset time is unknown. */
  resetsAt: Schema.NullOr(Schema.String),
  /** `limit in ~40m`: the 5h window rising or steep reaches its limit before the reset (SPEC §2), else `null`. */
  limitIn: Schema.NullOr(Schema.String),
  /** `12% ahead of pace — runs out ~Tue 4:10 PM, 9h before the reset` / `8% in reserve` (SPEC §2 Pace), else `null`. */
  pace: Schema.NullOr(Schema.String),
  /** `5-hour headroom: 83 percent, normal, rising, resets in 2 hours 13 minutes, at 4:52 PM`. */
  accessibilityLabel: Schema.String
})
/** @see Gauge */
export type Gauge = typeof Gauge.Type

/** What a gauge is computed from; `usage` is the window or cap, `null` when the API did not send it. */
export interface GaugeInput {
  readonly window: WindowRef
  readonly usage: { readonly utilization: number | null; readonly resetsAt: number | null } | null
  readonly slope: Slope.Level | null
  readonly now: number
  readonly time?: Format.TimeOptions | undefined
  /** The window's forecast (`Forecast.of`); without one the gauge shows no pace or limit. */
  readonly forecast?: Forecast.Forecast | undefined
}

/** The view model of one gauge. */
export const gauge = (input: GaugeInput): Gauge => {
  const headroom = input.usage === null || input.usage.utilization === null
    ? null
    : Headroom.headroomOf(input.usage.utilization)
  const state = Headroom.stateOfHeadroom(headroom)
  const resetsAt = input.usage?.resetsAt ?? null
  const limitAt = headroom === null ? null : input.forecast?.limitAt ?? null
  const pace = headroom === null ? null : input.forecast?.pace ?? null
  const spoken = [
    `${spokenWindow(input.window)} headroom:`,
    headroom === null ? "unavailable" : `${Format.percentValue(headroom)} percent, ${state}`
  ].join(" ")
  const details = [
    ...(headroom !== null && input.slope !== null ? [input.slope] : []),
    ...(resetsAt === null
      ? []
      : [`resets in ${Format.spokenDuration(resetsAt - input.now)}`, Format.absoluteTime(resetsAt, input.now, input.time)])
  ]
  return {
    label: gaugeLabel(input.window),
    state,
    symbol: stateSymbol(state),
    percent: headroom === null ? "—" : Format.percent(headroom),
    headroom,
    arrow: input.slope === null ? null : Slope.arrowOf(input.slope),
    resetsIn: resetsAt === null ? null : Format.resetsIn(resetsAt, input.now),
    resetsAt: resetsAt === null ? null : Format.absoluteTime(resetsAt, input.now, input.time),
    limitIn: limitAt === null ? null : Format.limitIn(limitAt - input.now),
    pace: pace === null ? null : Pace.text(pace, input.now, input.time),
    accessibilityLabel: [spoken, ...details].join(", ")
  }
}

const spokenWindow = (window: WindowRef): string =>
  window === "fiveHour" ? "5-hour" : window === "sevenDay" ? "7-day" : `${window.cap} 7-day`

/** Where a profile's credentials live: Claude Code's own login, or cc-hdrm's vault (SPEC §1.1). */
export type CredentialSource = "claude-code" | "vault"

/** What a status message is computed from. */
export interface StatusInput {
  /** When the data on screen was fetched, `null` when there is none. */
  readonly fetchedAt: number | null
  readonly now: number
  /** Default `"claude-code"`; vault profiles are fixed by re-importing, not by `claude`. */
  readonly credentials?: CredentialSource | undefined
  /** When given, connected data older than 5 intervals says "Data may be outdated". */
  readonly pollIntervalSeconds?: number | undefined
}

/**
 * The one-line status message of a profile (SPEC §1.3, §1.5), `null` when there is nothing to say:
 * rate limited → `Rate limited — showing data from 3m ago`; disconnected → `Unable to reach Claude
 * API — will retry`; token expired → `Token expired — run \`claude\` to log in again`.
 */
export const statusMessage = (connection: Connection, input: StatusInput): string | null => {
  const vault = input.credentials === "vault"
  switch (connection) {
    case "connected":
      return input.fetchedAt === null || input.pollIntervalSeconds === undefined
        ? null
        : Format.freshnessNote(Format.freshness(input.fetchedAt, input.now, input.pollIntervalSeconds))
    case "rate_limited":
      return input.fetchedAt === null
        ? "Rate limited — will retry"
        : `Rate limited — showing data from ${Format.elapsed(input.now - input.fetchedAt)} ago`
    case "disconnected":
      return "Unable to reach Claude API — will retry"
    case "token_expired":
      return vault
        ? "Token expired — run `claude` to log in, then re-import this profile"
        : "Token expired — run `claude` to log in again"
    case "no_credentials":
      return vault
        ? "No credentials stored for this profile — re-import it"
        : "No Claude credentials found — run `claude` to log in"
  }
}

/** Shown instead of the credit breakdown when neither the tier nor custom limits are known (SPEC §2). */
export { unavailableText as breakdownUnavailableText } from "./BreakdownBar.js"

/** What a headroom alert is computed from. */
export interface AlertInput {
  readonly window: WindowRef
  readonly headroom: number
  readonly resetsAt: number | null
  /** Pass the profile's name only when more than one profile exists (SPEC §3). */
  readonly profile?: string | undefined
  readonly now: number
  readonly time?: Format.TimeOptions | undefined
}

/**
 * A headroom alert (SPEC §3): `Claude headroom at 17% — resets in 47m (at 4:52 PM)`,
 * `Claude 7-day headroom (work) at 4% — …`, `Claude Opus 7-day headroom at 8% — …`;
 * without a known reset time the text ends after the percentage.
 */
export const alertText = (input: AlertInput): string => {
  const subject = `Claude ${input.window === "fiveHour" ? "" : `${spokenWindow(input.window)} `}headroom`
  const text = `${subject}${profileTag(input.profile)} at ${Format.percent(input.headroom)}`
  return input.resetsAt === null
    ? text
    : `${text} — ${Format.resetsIn(input.resetsAt, input.now)} (${Format.absoluteTime(input.resetsAt, input.now, input.time)})`
}

/** What a predictive alert is phrased from: the window, when it runs out, and when it resets. */
export interface PredictedInput {
  readonly window: "fiveHour" | "sevenDay"
  readonly runsOutAt: number
  readonly resetsAt: number | null
  /** Pass the profile's name only when more than one profile exists (SPEC §3). */
  readonly profile?: string | undefined
  readonly now: number
  readonly time?: Format.TimeOptions | undefined
}

/**
 * The predictive alert (SPEC §3): `Claude 5h headroom runs out in ~40m, before the reset at 4:52 PM`,
 * `Claude 7-day headroom (work) runs out in ~1d 4h, before the reset at Mon 7:05 PM`.
 */
export const predictedText = (input: PredictedInput): string => {
  const subject = `Claude ${input.window === "fiveHour" ? "5h" : "7-day"} headroom${profileTag(input.profile)}`
  const text = `${subject} runs out in ~${Format.duration(input.runsOutAt - input.now)}`
  return input.resetsAt === null
    ? text
    : `${text}, before the reset ${Format.absoluteTime(input.resetsAt, input.now, input.time)}`
}

/** The alert when an outage opens (SPEC §3): `Claude API unreachable`. */
export const apiUnreachableText = (profile?: string): string => `Claude API unreachable${profileTag(profile)}`

/** The alert when an outage closes (SPEC §3): `Claude API is back`. */
export const apiBackText = (profile?: string): string => `Claude API is back${profileTag(profile)}`

/** The alert when extra usage begins (SPEC §3): `Extra usage started`. */
export const extraUsageStartedText = (profile?: string): string => `Extra usage started${profileTag(profile)}`

/**
 * The alert when extra usage crosses a share of its monthly limit (SPEC §3; computed from cents by
 * the caller): `Extra usage at 75% of your monthly limit`.
 */
export const extraUsageLevelText = (percent: number, profile?: string): string =>
  `Extra usage${profileTag(profile)} at ${Math.floor(percent)}% of your monthly limit`

const profileTag = (profile: string | undefined): string => profile === undefined ? "" : ` (${profile})`

/** `guard`'s verdict: `work 5h headroom 8% < 10%` (below) or `… ≥ 10%`. */
export const guardVerdict = (input: { readonly profile: string; readonly window: "5h" | "7d"; readonly headroom: number; readonly min: number }): string =>
  `${input.profile} ${input.window} headroom ${Format.percent(input.headroom)} ${input.headroom < input.min ? "<" : "≥"} ${input.min}%`

/** `cchdrm guard --json`: the verdict for programs; `headroom` is `null` (and `pass` false) when unknown. */
export const guardDocument = (input: { readonly profile: string; readonly window: "5h" | "7d"; readonly headroom: number | null; readonly min: number }) => ({
  profile: input.profile,
  window: input.window,
  headroom: input.headroom,
  min: input.min,
  pass: input.headroom !== null && input.headroom >= input.min
})

/** `guard` could not tell: the window's headroom is unknown. */
export const guardUnknownText = (profile: string, window: "5h" | "7d"): string =>
  `${window} headroom of profile '${profile}' is unknown — see 'cchdrm status'`
