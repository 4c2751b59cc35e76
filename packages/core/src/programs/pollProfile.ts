// pollProfile: one poll cycle of one profile — credentials, refresh, fetch, store, derive, notify (SPEC §1.2–1.5, §3).
import { Clock, Data, Effect, Option, Redacted } from "effect"
import * as Forecast from "../domain/Forecast.js"
import * as Preferences from "../domain/Preferences.js"
import { defaultProfile } from "../domain/Profile.js"
import * as Slope from "../domain/Slope.js"
import type { ErrorReport } from "../domain/StatusReport.js"
import * as Thresholds from "../domain/Thresholds.js"
import type { UsageSnapshot } from "../domain/Usage.js"
import { CredentialStore, type Credentials } from "../services/CredentialStore.js"
import { Notifier } from "../services/Notifier.js"
import type { ProfileEntry } from "../services/ProfileStore.js"
import { type TokenExpired, TokenRefresher } from "../services/TokenRefresher.js"
import { UsageApi } from "../services/UsageApi.js"
import { UsageHistory } from "../services/UsageHistory.js"
import { notificationOf } from "./notificationOf.js"
import { accountUnchecked, appendSample, type ProfileState, stillRefused } from "./ProfileState.js"

/** What a cycle reads besides the profile. */
export interface PollOptions {
  /** Thresholds, toggles and custom limits in effect; defaults when absent. */
  readonly preferences?: Preferences.Preferences | undefined
  /** Whether more than one profile is watched, so alert texts name the profile (SPEC §3). */
  readonly multipleProfiles?: boolean | undefined
  /**
   * Whether thresholds follow the account behind the credentials (one profile request per new
   * login, SPEC §3); default true. A one-shot poll whose thresholds end with it (`status`) skips it.
   */
  readonly trackAccount?: boolean | undefined
}

// Refresh a vault profile this long before `expiresAt`, so a token never expires mid-request (SPEC §1.3).
// Claude Code's own login has no margin: it is refreshed only once expired (see `refreshDue`).
const refreshMarginMillis = 5 * 60_000

/**
 * Whether a profile's access token is due for a refresh at `now`. Claude Code refreshes its own
 * login and a refresh token is spent by use (API.md A.2), so cc-hdrm refreshes that login only
 * when its token has expired (or the API answered 401) — never ahead of Claude Code.
 */
export const refreshDue = (source: ProfileEntry["source"], expiresAt: number | null, now: number): boolean =>
  expiresAt !== null && expiresAt - now <= (source === "claude-code" ? 0 : refreshMarginMillis)

/** Why cc-hdrm left a login alone instead of refreshing it. */
export class RefreshLeftToClaudeCode extends Data.TaggedError("RefreshLeftToClaudeCode")<{
  readonly reason: "preference" | "shared"
  readonly profile: string
}> {
  override get message(): string {
    return this.reason === "preference"
      ? "Claude Code's login has expired — open Claude Code to refresh its login (refreshClaudeCodeLogin is false)"
      : `Profile '${this.profile}' shares Claude Code's login, which cc-hdrm never refreshes — open Claude Code to refresh its login`
  }
}

// The store still holds the tokens a refresh was refused for: stay token_expired, ask nobody.
class StillRefused extends Data.TaggedError("StillRefused")<{ readonly error: ErrorReport | null }> {}

// A refresh was refused (or a fresh token was still rejected): the login is gone until the user logs in again.
class RefreshRefused extends Data.TaggedError("RefreshRefused")<{
  readonly error: { readonly _tag: string; readonly message: string }
  readonly credentials: Credentials
}> {}

const report = (error: { readonly _tag: string; readonly message: string }): ErrorReport => ({
  code: error._tag,
  message: error.message
})

/**
 * One cycle for one profile (SPEC §1.2–1.5): re-read the credentials; refresh when due
 * (`refreshDue`) or once on a 401 (then retry at once, never loop), writing the rotated tokens
 * back compare-and-swap. Right before a refresh the store is read again and newer tokens found
 * there are used instead; Claude Code's login is left to Claude Code when `refreshClaudeCodeLogin`
 * is false, and a vault profile holding Claude Code's current refresh token is never refreshed
 * (it takes Claude Code's newer tokens when there are any) — both then `token_expired`. Fetch usage; record it; update slopes and thresholds;
 * notify. Every expected failure becomes state — `no_credentials`, `token_expired`,
 * `rate_limited` (last data kept, not an outage) or `disconnected` (two in a row open an
 * outage, the next success closes it) — so the error type is `never`. After a refused refresh
 * no refresh is tried until the stored credentials change. After a good usage request with
 * credentials not seen before (a new refresh token, first cycle included) the account is looked
 * up once (best effort) and passed to the thresholds, so another account re-arms them (SPEC §3).
 */
export const pollProfile = Effect.fn("pollProfile")(function*(
  entry: ProfileEntry,
  state: ProfileState,
  options: PollOptions = {}
) {
  const preferences = options.preferences ?? Preferences.defaults
  const store = yield* CredentialStore
  const refresher = yield* TokenRefresher
  const api = yield* UsageApi
  const history = yield* UsageHistory
  const notifier = yield* Notifier
  const now = yield* Clock.currentTimeMillis
  const profile = entry.name
  // Problems that do not spoil the cycle (write-back, history) are reported beside good data.
  let warning: ErrorReport | null = null
  let refreshed = false
  let subscriptionType = state.subscriptionType

  const notifyAll = (alerts: ReadonlyArray<Thresholds.Alert>) =>
    Effect.forEach(
      alerts,
      (alert) => notifier.notify(notificationOf(alert, { multipleProfiles: options.multipleProfiles ?? false, now })),
      { discard: true }
    )

  // A refused refresh token may only mean another program (Claude Code, a second poller) rotated
  // it first: adopt what the store holds now when its token changed (SPEC §1.3).
  const adoptNewer = (credentials: Credentials, error: TokenExpired) =>
    store.read(profile).pipe(
      Effect.catchTags({ CredentialsNotFound: () => Effect.succeed(credentials), CredentialsInvalid: () => Effect.succeed(credentials) }),
      Effect.filterOrFail(
        (stored) => Redacted.value(stored.accessToken) !== Redacted.value(credentials.accessToken),
        () => new RefreshRefused({ error, credentials })
      )
    )

  const isExpired = (credentials: Credentials) => credentials.expiresAt !== null && credentials.expiresAt <= now
  const sameAccess = (a: Credentials, b: Credentials) => Redacted.value(a.accessToken) === Redacted.value(b.accessToken)
  const sameRefresh = (a: Credentials, b: Credentials) =>
    a.refreshToken !== null && b.refreshToken !== null && Redacted.value(a.refreshToken) === Redacted.value(b.refreshToken)

  // Claude Code's current login, when this store has one and it reads (best effort).
  const claudeCodeLogin = store.sourceOf(defaultProfile) === "claude-code" && profile !== defaultProfile
    ? store.read(defaultProfile).pipe(Effect.option)
    : Effect.succeedNone

  // What to use instead of spending the refresh token, re-read right before (SPEC §1.3): tokens
  // another program stored meanwhile; for a vault copy of Claude Code's login, Claude Code's own
  // newer tokens (saved into the vault); else the refresh, unless that refresh is Claude Code's to do.
  const beforeRefresh = (credentials: Credentials) =>
    Effect.gen(function*() {
      const stored = yield* store.read(profile).pipe(Effect.option)
      if (Option.isSome(stored) && !sameAccess(stored.value, credentials) && !isExpired(stored.value)) {
        return Option.some(stored.value)
      }
      const latest = Option.getOrElse(stored, () => credentials)
      if (entry.source === "claude-code" && !preferences.refreshClaudeCodeLogin) {
        return yield* Effect.fail(new RefreshRefused({ error: new RefreshLeftToClaudeCode({ reason: "preference", profile }), credentials: latest }))
      }
      const login = yield* claudeCodeLogin
      if (Option.isSome(login) && sameRefresh(login.value, latest)) {
        // Refreshing here would spend the refresh token Claude Code holds too, and log it out.
        if (sameAccess(login.value, latest) || isExpired(login.value)) {
          return yield* Effect.fail(new RefreshRefused({ error: new RefreshLeftToClaudeCode({ reason: "shared", profile }), credentials: latest }))
        }
        return Option.some(yield* saved(latest, login.value))
      }
      return Option.none<Credentials>()
    })

  // Writes `next` back over `previous` (compare-and-swap); the tokens work for this cycle even unsaved.
  const saved = (previous: Credentials, next: Credentials) =>
    store.writeBack(profile, previous, next).pipe(
      Effect.catchTags({
        CredentialsWriteFailed: (error) => Effect.as(Effect.sync(() => warning = report(error)), next),
        CredentialsNotFound: (error) => Effect.as(Effect.sync(() => warning = report(error)), next),
        CredentialsInvalid: (error) => Effect.as(Effect.sync(() => warning = report(error)), next)
      })
    )

  const refresh = (credentials: Credentials) =>
    Effect.flatMap(beforeRefresh(credentials), (instead) =>
      Option.isSome(instead)
        ? Effect.as(Effect.sync(() => refreshed = true), instead.value)
        : spend(credentials))

  const spend = (credentials: Credentials) =>
    refresher.refresh(profile, entry.source, credentials).pipe(
      // The store's newer tokens go through writeBack too, which leaves them untouched.
      Effect.catchTag("TokenExpired", (error) => adoptNewer(credentials, error)),
      Effect.flatMap((next) => saved(credentials, next)),
      Effect.tap(() => Effect.sync(() => refreshed = true))
    )

  const fetch = (credentials: Credentials) =>
    api.fetchUsage(credentials.accessToken, { profile, tier: credentials.rateLimitTier }).pipe(
      Effect.map((snapshot) => ({ snapshot, credentials }))
    )

  // The account behind new credentials (SPEC §3), asked once per refresh token after a good usage
  // request. Best effort: any failure (a 429 included) only leaves the account unknown, asks
  // nothing more this cycle and is not retried until the credentials change again.
  const accountOf = (credentials: Credentials): Effect.Effect<string | null> =>
    api.fetchProfile(credentials.accessToken, { profile, tier: credentials.rateLimitTier }).pipe(
      Effect.map((account) => account.accountId),
      Effect.catchTags({
        Unauthorized: () => Effect.succeed(null),
        MissingScope: () => Effect.succeed(null),
        RateLimited: () => Effect.succeed(null),
        ApiUnreachable: () => Effect.succeed(null),
        UsageBodyInvalid: () => Effect.succeed(null)
      })
    )

  const cycle = Effect.gen(function*() {
    const read = yield* store.read(profile)
    let credentials = read
    subscriptionType = credentials.subscriptionType
    if (stillRefused(state, credentials)) return yield* Effect.fail(new StillRefused({ error: state.error }))
    if (refreshDue(entry.source, credentials.expiresAt, now)) credentials = yield* refresh(credentials)
    const used = credentials
    return yield* fetch(used).pipe(
      Effect.catchTag("Unauthorized", (unauthorized) =>
        // One refresh per cycle: a 401 right after refreshing means the login itself is gone.
        refreshed
          ? Effect.fail(new RefreshRefused({ error: unauthorized, credentials: used }))
          : refresh(used).pipe(
            Effect.flatMap((fresh) =>
              fetch(fresh).pipe(
                Effect.catchTag("Unauthorized", (again) => Effect.fail(new RefreshRefused({ error: again, credentials: fresh })))
              )
            )
          )),
      Effect.map((fetched) => ({ ...fetched, read }))
    )
  })

  const base: ProfileState = { ...state, lastPollAt: now }

  const failed = (
    connection: ProfileState["connection"],
    error: ErrorReport | null,
    changes: Partial<ProfileState> = {}
  ): Effect.Effect<ProfileState> =>
    Effect.gen(function*() {
      const disconnects = connection === "disconnected" ? state.disconnects + 1 : state.disconnects
      let next: ProfileState = {
        ...base,
        subscriptionType,
        connection,
        error,
        failures: state.failures + 1,
        disconnects,
        retryAfterMillis: null,
        ...changes
      }
      if (connection === "disconnected" && disconnects >= 2 && !state.outageOpen) {
        // Two failures in a row open an outage (SPEC §1.5); a history problem must not hide the state.
        const stored = yield* history.openOutage(profile, now, error?.message ?? "unreachable").pipe(
          Effect.as(null),
          Effect.catchTag("HistoryError", (problem) => Effect.succeed(report(problem)))
        )
        const [thresholds, alerts] = Thresholds.reduce(next.thresholds, Thresholds.Observation.OutageOpened({ profile }), preferences)
        next = { ...next, thresholds, outageOpen: true, error: next.error ?? stored }
        yield* notifyAll(alerts)
      }
      return next
    })

  // `read` are the stored credentials, `credentials` those that fetched the snapshot (rotated when
  // this cycle refreshed: the same account, so a rotation of checked credentials stays checked).
  const succeeded = ({ credentials, read, snapshot }: {
    readonly snapshot: UsageSnapshot
    readonly credentials: Credentials
    readonly read: Credentials
  }): Effect.Effect<ProfileState> =>
    Effect.gen(function*() {
      const trackAccount = options.trackAccount ?? true
      const checkAccount = trackAccount && accountUnchecked(state, read)
      const accountId = checkAccount ? yield* accountOf(credentials) : state.accountId
      yield* history.record(snapshot).pipe(
        Effect.catchTag("HistoryError", (problem) => Effect.sync(() => warning = warning ?? report(problem)))
      )
      let thresholds = state.thresholds
      const alerts: Array<Thresholds.Alert> = []
      if (state.outageOpen) {
        yield* history.closeOutage(profile, now).pipe(
          Effect.catchTag("HistoryError", (problem) => Effect.sync(() => warning = warning ?? report(problem)))
        )
        const [closed, back] = Thresholds.reduce(thresholds, Thresholds.Observation.OutageClosed({ profile }), preferences)
        thresholds = closed
        alerts.push(...back)
      }
      const slope5h = appendSample(state.slope5h, snapshot, "fiveHour")
      const slope7d = appendSample(state.slope7d, snapshot, "sevenDay")
      // The forecast from this poll's own slope, so a predictive alert never lags a cycle (SPEC §3).
      const forecasts = Forecast.ofSnapshot(snapshot, Option.getOrNull(Slope.rateOf(slope5h)), snapshot.fetchedAt)
      const [observed, fired] = Thresholds.reduce(
        thresholds,
        Thresholds.Observation.Usage({
          profile,
          snapshot,
          accountId: accountId ?? undefined,
          runsOutAt: {
            fiveHour: Forecast.runsOutAt("fiveHour", forecasts.fiveHour),
            sevenDay: Forecast.runsOutAt("sevenDay", forecasts.sevenDay)
          }
        }),
        preferences
      )
      alerts.push(...fired)
      yield* notifyAll(alerts)
      return {
        ...base,
        subscriptionType,
        connection: "connected",
        snapshot,
        error: warning,
        slope5h,
        slope7d,
        thresholds: observed,
        failures: 0,
        disconnects: 0,
        retryAfterMillis: null,
        outageOpen: false,
        refused: null,
        accountId,
        accountCheckedFor: trackAccount ? Option.some(credentials.refreshToken) : state.accountCheckedFor
      } satisfies ProfileState
    })

  return yield* cycle.pipe(
    Effect.matchEffect({
      onSuccess: succeeded,
      onFailure: (error) => {
        switch (error._tag) {
          case "CredentialsNotFound":
          case "CredentialsInvalid":
            // Nothing was asked of the API: no backoff step, no outage.
            return Effect.succeed<ProfileState>({ ...base, subscriptionType, connection: "no_credentials", error: report(error) })
          case "StillRefused":
            return Effect.succeed<ProfileState>({ ...base, subscriptionType, connection: "token_expired", error: error.error })
          case "RefreshRefused":
            return failed("token_expired", report(error.error), {
              refused: { accessToken: error.credentials.accessToken, refreshToken: error.credentials.refreshToken }
            })
          case "MissingScope":
            return failed("token_expired", report(error))
          case "RateLimited":
            // Throttled, not an outage: the disconnect streak is left as it was (SPEC §1.5).
            return failed("rate_limited", report(error), { retryAfterMillis: error.retryAfterMillis, disconnects: state.disconnects })
          case "TokenRefreshFailed":
          case "ApiUnreachable":
          case "UsageBodyInvalid":
            return failed("disconnected", report(error))
        }
      }
    })
  )
})

