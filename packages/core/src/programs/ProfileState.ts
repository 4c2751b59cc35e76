// ProfileState: what the poller remembers about one profile between cycles (SPEC §1.3–1.7, §2, §3).
import { Option, Redacted } from "effect"
import type { CreditLimits } from "../domain/Credits.js"
import type { Connection } from "../domain/Display.js"
import type { ProfileName } from "../domain/Profile.js"
import * as Slope from "../domain/Slope.js"
import type { ErrorReport } from "../domain/StatusReport.js"
import * as Thresholds from "../domain/Thresholds.js"
import type { UsageSnapshot } from "../domain/Usage.js"
import type { Credentials } from "../services/CredentialStore.js"

/** The tokens a refresh was refused for: no refresh is tried again while the store still holds them (SPEC §1.3). */
export interface RefusedTokens {
  readonly accessToken: Redacted.Redacted<string>
  readonly refreshToken: Redacted.Redacted<string> | null
}

/** One profile's poller state. Tokens appear only as `Redacted` in `refused`, never in views. */
export interface ProfileState {
  readonly profile: ProfileName
  /** How the last cycle went; `disconnected` until the first one. */
  readonly connection: Connection
  /** The last good snapshot, kept on 429 and every failure so it can be shown stale. */
  readonly snapshot: UsageSnapshot | null
  /** What went wrong in the last cycle (also a non-fatal problem of a good cycle), `null` when nothing. */
  readonly error: ErrorReport | null
  /** Slope buffers of the 5h and 7d windows (SPEC §2). */
  readonly slope5h: ReadonlyArray<Slope.Sample>
  readonly slope7d: ReadonlyArray<Slope.Sample>
  /** The notification state machine of this profile. */
  readonly thresholds: Thresholds.AlertState
  /** Consecutive cycles that failed after asking the API (drives backoff, SPEC §1.6). */
  readonly failures: number
  /** Consecutive *disconnected* cycles; two open an outage (SPEC §1.5). */
  readonly disconnects: number
  /** The last 429's `Retry-After` in ms, `null` when none applies. */
  readonly retryAfterMillis: number | null
  readonly outageOpen: boolean
  /** When the last cycle ran, `null` before the first. */
  readonly lastPollAt: number | null
  /** The credentials' `subscriptionType`, once read. */
  readonly subscriptionType: string | null
  readonly refused: RefusedTokens | null
  /** The account behind the credentials (API.md A.3), `null` until a profile request answered. */
  readonly accountId: string | null
  /**
   * The refresh token whose account was last looked up; `None` before the first lookup. A
   * different one means new credentials, maybe of another account (SPEC §3).
   */
  readonly accountCheckedFor: Option.Option<Redacted.Redacted<string> | null>
}

/** A profile before its first cycle: no data, `disconnected`, everything armed. */
export const initial = (profile: ProfileName): ProfileState => ({
  profile,
  connection: "disconnected",
  snapshot: null,
  error: null,
  slope5h: [],
  slope7d: [],
  thresholds: Thresholds.initial,
  failures: 0,
  disconnects: 0,
  retryAfterMillis: null,
  outageOpen: false,
  lastPollAt: null,
  subscriptionType: null,
  refused: null,
  accountId: null,
  accountCheckedFor: Option.none()
})

/** The slope sample a snapshot gives one window, `null` when its utilization is unknown. */
export const sampleOf = (snapshot: UsageSnapshot, window: "fiveHour" | "sevenDay"): Slope.Sample | null => {
  const usage = snapshot[window]
  return usage === null || usage.utilization === null
    ? null
    : { at: snapshot.fetchedAt, utilization: usage.utilization, resetsAt: usage.resetsAt }
}

/** The buffer with the snapshot's sample of `window` added (unchanged when it has none). */
export const appendSample = (
  buffer: ReadonlyArray<Slope.Sample>,
  snapshot: UsageSnapshot,
  window: "fiveHour" | "sevenDay"
): ReadonlyArray<Slope.Sample> => {
  const sample = sampleOf(snapshot, window)
  return sample === null ? buffer : Slope.append(buffer, sample)
}

/**
 * A profile's state at start: slope buffers bootstrapped from its stored polls of the last 15
 * minutes (SPEC §2) and the newest stored poll shown until the first cycle.
 */
export const bootstrap = (
  profile: ProfileName,
  recent: ReadonlyArray<UsageSnapshot>,
  latest: Option.Option<UsageSnapshot>
): ProfileState => {
  const samples = (window: "fiveHour" | "sevenDay") =>
    Slope.fromHistory(recent.flatMap((poll) => {
      const sample = sampleOf(poll, window)
      return sample === null ? [] : [sample]
    }))
  return { ...initial(profile), snapshot: Option.getOrNull(latest), slope5h: samples("fiveHour"), slope7d: samples("sevenDay") }
}

/** The slope levels of both windows; the 7-day rate is scaled by the tier's factor when limits are known (SPEC §2). */
export const slopeLevels = (
  state: ProfileState,
  limits: Option.Option<CreditLimits>
): { readonly fiveHour: Slope.Level; readonly sevenDay: Slope.Level } => ({
  fiveHour: Slope.levelOfBuffer(state.slope5h),
  sevenDay: Slope.levelOfBuffer(state.slope7d, Option.match(limits, { onNone: () => 1, onSome: Slope.sevenDayFactor }))
})

const sameToken = (a: Redacted.Redacted<string> | null, b: Redacted.Redacted<string> | null): boolean =>
  a === null || b === null ? a === b : Redacted.value(a) === Redacted.value(b)

/** Whether `credentials` still hold the tokens a refresh was refused for. */
export const stillRefused = (state: ProfileState, credentials: Credentials): boolean => {
  const refused = state.refused
  if (refused === null) return false
  return sameToken(refused.accessToken, credentials.accessToken) && sameToken(refused.refreshToken, credentials.refreshToken)
}

/** Whether `credentials` are not the ones whose account was last looked up (always so before the first lookup). */
export const accountUnchecked = (state: ProfileState, credentials: Credentials): boolean =>
  Option.match(state.accountCheckedFor, {
    onNone: () => true,
    onSome: (checked) => !sameToken(checked, credentials.refreshToken)
  })

/** Backoff never waits longer than an hour (SPEC §1.6). */
export const maxDelayMillis = 3_600_000

/**
 * How long to wait after a cycle (SPEC §1.6): the interval; after n consecutive failures
 * interval × 2^(n−1), floored by `Retry-After`, capped at 1 hour.
 */
export const delayMillis = (state: Pick<ProfileState, "failures" | "retryAfterMillis">, pollIntervalSeconds: number): number => {
  const interval = pollIntervalSeconds * 1_000
  if (state.failures === 0) return interval
  const backoff = interval * 2 ** Math.min(state.failures - 1, 30)
  return Math.min(maxDelayMillis, Math.max(backoff, state.retryAfterMillis ?? 0))
}

/** Whether a 429's `Retry-After` still forbids asking the API at `now`: a manual refresh waits for it too. */
export const retryPending = (state: Pick<ProfileState, "retryAfterMillis" | "lastPollAt">, now: number): boolean =>
  state.retryAfterMillis !== null && state.lastPollAt !== null && now < state.lastPollAt + state.retryAfterMillis
