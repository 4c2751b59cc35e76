// StatusReport: the document `cchdrm status --json` prints (API.md B.2), built from each profile's state.
import { Option, Schema } from "effect"
import type { CreditLimits } from "./Credits.js"
import * as Display from "./Display.js"
import * as Forecast from "./Forecast.js"
import * as Format from "./Format.js"
import * as Headroom from "./Headroom.js"
import { ProfileName } from "./Profile.js"
import * as Slope from "./Slope.js"
import type { ModelCap, UsageSnapshot, UsageWindow } from "./Usage.js"
import { extraUsagePercent } from "./Usage.js"
import { iso } from "./IsoTime.js"

// Field order in these structs IS the JSON key order of API.md B.2, which other programs read.

const IsoTime = Schema.NullOr(Schema.String)

/**
 * One window. A window the API sent with unknown utilization keeps its place with `utilization` and
 * `headroom` `null` and state `disconnected` (its reset time may still be known); a window the API did
 * not send at all is `null` in its parent. `headroom` is unrounded and negative over the limit.
 */
export const WindowReport = Schema.Struct({
  utilization: Schema.NullOr(Schema.Number),
  headroom: Schema.NullOr(Schema.Number),
  state: Headroom.State,
  slope: Slope.Level,
  resetsAt: IsoTime,
  resetsIn: Schema.NullOr(Schema.String),
  /** Against an even burn (SPEC §2): `delta` (one decimal) positive is ahead of pace; `null` while undefined. */
  pace: Schema.NullOr(Schema.Struct({ delta: Schema.Number, runsOutAt: IsoTime })),
  /** `1h 10m`: time to exhaustion at the current rate, when before the reset (5h window only). */
  limitIn: Schema.NullOr(Schema.String)
})
/** @see WindowReport */
export type WindowReport = typeof WindowReport.Type

/** The 7-day window, plus the 5h quotas it has left: unrounded, `null` when the limits are unknown. */
export const SevenDayReport = Schema.Struct({
  ...WindowReport.fields,
  quotasLeft: Schema.NullOr(Schema.Number)
})
/** @see SevenDayReport */
export type SevenDayReport = typeof SevenDayReport.Type

/** A model-scoped weekly cap. */
export const CapReport = Schema.Struct({
  label: Schema.String,
  utilization: Schema.NullOr(Schema.Number),
  headroom: Schema.NullOr(Schema.Number),
  state: Headroom.State,
  resetsAt: IsoTime
})
/** @see CapReport */
export type CapReport = typeof CapReport.Type

/** Extra usage in cents; `percent` is `usedCents / limitCents × 100`, `null` when either is unknown. */
export const ExtraUsageReport = Schema.Struct({
  enabled: Schema.Boolean,
  usedCents: Schema.NullOr(Schema.Number),
  limitCents: Schema.NullOr(Schema.Number),
  percent: Schema.NullOr(Schema.Number)
})
/** @see ExtraUsageReport */
export type ExtraUsageReport = typeof ExtraUsageReport.Type

/** A user-facing failure: a stable code and one line that says how to fix it. */
export const ErrorReport = Schema.Struct({
  code: Schema.String,
  message: Schema.String
})
/** @see ErrorReport */
export type ErrorReport = typeof ErrorReport.Type

/** One profile's entry. */
export const ProfileReport = Schema.Struct({
  name: ProfileName,
  connection: Display.Connection,
  fetchedAt: IsoTime,
  subscription: Schema.Struct({
    type: Schema.NullOr(Schema.String),
    tier: Schema.NullOr(Schema.String)
  }),
  windows: Schema.Struct({
    fiveHour: Schema.NullOr(WindowReport),
    sevenDay: Schema.NullOr(SevenDayReport)
  }),
  caps: Schema.Array(CapReport),
  extraUsage: Schema.NullOr(ExtraUsageReport),
  binding: Headroom.Binding,
  menuTitle: Schema.String,
  error: Schema.NullOr(ErrorReport)
})
/** @see ProfileReport */
export type ProfileReport = typeof ProfileReport.Type

/** The whole `cchdrm status --json` document (API.md B.2). */
export const StatusReport = Schema.Struct({
  generatedAt: Schema.String,
  activeProfile: ProfileName,
  profiles: Schema.Array(ProfileReport)
})
/** @see StatusReport */
export type StatusReport = typeof StatusReport.Type

/** What one profile's entry is built from. */
export interface ProfileInput {
  readonly name: ProfileName
  readonly connection: Display.Connection
  /** The latest good poll (also kept while rate limited or disconnected), `null` if none. */
  readonly snapshot: UsageSnapshot | null
  /** The credentials' `subscriptionType` (`pro`, `max`, …), `null` when unknown. */
  readonly subscriptionType: string | null
  readonly slope5h: Slope.Level
  readonly slope7d: Slope.Level
  /** The 5h window's burn rate in %/min (`Slope.rateOf`), `null` or absent without a valid one. */
  readonly rate5h?: number | null | undefined
  readonly error: ErrorReport | null
  /** `Credits.limitsFor(tier, custom)` of the profile. */
  readonly limits: Option.Option<CreditLimits>
}

/** What the document is built from; `generatedAt` is epoch ms and is also the `now` of every countdown. */
export interface Input {
  readonly generatedAt: number
  readonly activeProfile: ProfileName
  readonly profiles: ReadonlyArray<ProfileInput>
}

/** Builds the document, keys in API.md B.2 order, ready for `JSON.stringify`. */
export const make = (input: Input): StatusReport => ({
  generatedAt: iso(input.generatedAt),
  activeProfile: input.activeProfile,
  profiles: input.profiles.map((profile) => profileReport(profile, input.generatedAt))
})

/** One profile's entry; `now` is the report's `generatedAt`. */
export const profileReport = (profile: ProfileInput, now: number): ProfileReport => {
  const snapshot = profile.snapshot
  const fiveHour = snapshot?.fiveHour ?? null
  const sevenDay = snapshot?.sevenDay ?? null
  const extra = snapshot?.extraUsage ?? null
  const forecasts = Forecast.ofSnapshot(snapshot, profile.rate5h ?? null, now)
  return {
    name: profile.name,
    connection: profile.connection,
    fetchedAt: snapshot === null ? null : iso(snapshot.fetchedAt),
    subscription: { type: profile.subscriptionType, tier: snapshot?.tier ?? null },
    windows: {
      fiveHour: fiveHour === null ? null : windowReport(fiveHour, profile.slope5h, forecasts.fiveHour, now),
      sevenDay: sevenDay === null ? null : sevenDayReport(sevenDay, profile.slope7d, forecasts.sevenDay, profile.limits, now)
    },
    caps: snapshot === null ? [] : snapshot.caps.map(capReport),
    extraUsage: extra === null ? null : {
      enabled: extra.enabled,
      usedCents: extra.usedCents,
      limitCents: extra.limitCents,
      percent: extraUsagePercent(extra)
    },
    binding: snapshot === null ? "fiveHour" : Headroom.bindingOf(snapshot, profile.limits),
    menuTitle: Display.menuTitle({
      snapshot,
      connected: Display.isConnected(profile.connection),
      limits: profile.limits,
      slope5h: profile.slope5h,
      slope7d: profile.slope7d,
      now
    }),
    error: profile.error
  }
}

const windowReport = (window: UsageWindow, slope: Slope.Level, forecast: Forecast.Forecast, now: number): WindowReport => {
  const headroom = Headroom.headroomOfWindow(window)
  return {
    utilization: window.utilization,
    headroom,
    state: Headroom.stateOfHeadroom(headroom),
    slope,
    resetsAt: window.resetsAt === null ? null : iso(window.resetsAt),
    resetsIn: window.resetsAt === null ? null : Format.countdown(window.resetsAt, now),
    pace: forecast.pace === null
      ? null
      : { delta: Math.round(forecast.pace.delta * 10) / 10, runsOutAt: forecast.pace.runsOutAt === null ? null : iso(forecast.pace.runsOutAt) },
    limitIn: forecast.limitAt === null ? null : Format.duration(forecast.limitAt - now)
  }
}

const sevenDayReport = (
  window: UsageWindow,
  slope: Slope.Level,
  forecast: Forecast.Forecast,
  limits: Option.Option<CreditLimits>,
  now: number
): SevenDayReport => {
  const utilization = window.utilization
  return {
    ...windowReport(window, slope, forecast, now),
    quotasLeft: utilization === null
      ? null
      : Option.getOrNull(Option.map(limits, (l) => Headroom.quotasLeft(utilization, l)))
  }
}

const capReport = (cap: ModelCap): CapReport => {
  const headroom = cap.utilization === null ? null : Headroom.headroomOf(cap.utilization)
  return {
    label: cap.label,
    utilization: cap.utilization,
    headroom,
    state: Headroom.stateOfHeadroom(headroom),
    resetsAt: cap.resetsAt === null ? null : iso(cap.resetsAt)
  }
}

