import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer, Option, Redacted, TestClock } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import { pollProfile } from "../../src/programs/pollProfile.js"
import * as ProfileState from "../../src/programs/ProfileState.js"
import { CredentialStore } from "../../src/services/CredentialStore.js"
import { TokenExpired, TokenRefresher, TokenRefreshFailed } from "../../src/services/TokenRefresher.js"
import { ApiUnreachable, MissingScope, RateLimited, Unauthorized } from "../../src/services/UsageApi.js"
import { UsageBodyInvalid } from "../../src/domain/UsageBody.js"
import { UsageHistory } from "../../src/services/UsageHistory.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import { MemoryCredentialStoreControl } from "../../src/testing/MemoryCredentialStore.js"
import { MemoryNotifierControl } from "../../src/testing/MemoryNotifier.js"
import { ScriptedTokenRefresherControl } from "../../src/testing/ScriptedTokenRefresher.js"
import { ScriptedUsageApiControl } from "../../src/testing/ScriptedUsageApi.js"
import * as TestEnv from "./TestEnv.js"

const work = ProfileName.make("default")
const workEntry = TestEnv.entry("default")

// Runs `cycles` cycles in a row, moving the clock `every` ms before each one after the first.
const cycles = (count: number, every = 180_000, state = ProfileState.initial(work), options = {}) =>
  Effect.gen(function*() {
    let current = state
    const states: Array<ProfileState.ProfileState> = []
    for (let index = 0; index < count; index++) {
      if (index > 0) yield* TestClock.adjust(every)
      current = yield* pollProfile(workEntry, current, options)
      states.push(current)
    }
    return states
  })

const tokens = (all: ReadonlyArray<Redacted.Redacted<string>>) => all.map(Redacted.value)

const apiError = (reason = "HTTP 502") => new ApiUnreachable({ profile: work, reason })

describe("pollProfile", () => {
  it.effect("a good cycle stores the poll and is connected", () =>
    Effect.gen(function*() {
      const [state] = yield* cycles(1)
      assert.strictEqual(state!.connection, "connected")
      assert.strictEqual(state!.snapshot?.fetchedAt, 0)
      assert.strictEqual(state!.error, null)
      assert.strictEqual(state!.failures, 0)
      assert.strictEqual(state!.slope5h.length, 1)
      assert.strictEqual(state!.subscriptionType, "max")
      const latest = yield* (yield* UsageHistory).latest(work)
      assert.strictEqual(Option.getOrThrow(latest).fetchedAt, 0)
      const api = yield* ScriptedUsageApiControl
      assert.deepStrictEqual(tokens(yield* api.tokensSeen(work)), ["access-token"])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("re-reads the credentials every cycle (another tool may rotate them)", () =>
    Effect.gen(function*() {
      const store = yield* MemoryCredentialStoreControl
      yield* cycles(1)
      yield* store.set(work, Fixtures.credentials({ accessToken: "rotated-elsewhere" }))
      yield* pollProfile(workEntry, ProfileState.initial(work))
      const api = yield* ScriptedUsageApiControl
      assert.deepStrictEqual(tokens(yield* api.tokensSeen(work)), ["access-token", "rotated-elsewhere"])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("refreshes Claude Code's login only once its token has expired, and writes it back", () =>
    Effect.gen(function*() {
      const store = yield* MemoryCredentialStoreControl
      // Four minutes left: Claude Code refreshes its own login, cc-hdrm leaves it alone.
      yield* store.set(work, Fixtures.credentials({ expiresAt: 4 * 60_000 }))
      yield* cycles(1)
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(work), 0)
      yield* store.set(work, Fixtures.credentials({ expiresAt: 0 }))
      const [state] = yield* cycles(1)
      assert.strictEqual(state!.connection, "connected")
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(work), 1)
      assert.deepStrictEqual(tokens(yield* (yield* ScriptedUsageApiControl).tokensSeen(work)), ["access-token", "rotated-access-1"])
      const stored = yield* store.get(work)
      assert.strictEqual(Redacted.value(stored!.accessToken), "rotated-access-1")
      assert.strictEqual((yield* store.writes).length, 1)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("refreshes a vault profile's token within 5 minutes of expiry, before asking", () =>
    Effect.gen(function*() {
      const vault = Fixtures.profile("work")
      const store = yield* MemoryCredentialStoreControl
      yield* store.set(vault, Fixtures.credentials({ accessToken: "work-access", refreshToken: "work-refresh", expiresAt: 4 * 60_000 }))
      const state = yield* pollProfile(TestEnv.entry("work"), ProfileState.initial(vault))
      assert.strictEqual(state.connection, "connected")
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(vault), 1)
      assert.deepStrictEqual(tokens(yield* (yield* ScriptedUsageApiControl).tokensSeen(vault)), ["rotated-access-1"])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("does not refresh a token with more than 5 minutes left", () =>
    Effect.gen(function*() {
      yield* (yield* MemoryCredentialStoreControl).set(work, Fixtures.credentials({ expiresAt: 6 * 60_000 }))
      yield* cycles(1)
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(work), 0)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("uses the newer stored token when another program refreshed meanwhile (compare-and-swap)", () =>
    Effect.gen(function*() {
      const state = yield* pollProfile(workEntry, ProfileState.initial(work))
      assert.strictEqual(state.connection, "connected")
      const api = yield* ScriptedUsageApiControl
      // The refresher ran on the stale read, but the store had a newer token: that one is used, not overwritten.
      assert.deepStrictEqual(tokens(yield* api.tokensSeen(work)), ["claude-code-refreshed"])
      // Re-read right before refreshing: the newer token is used instead of spending the refresh token.
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(work), 0)
      const store = yield* MemoryCredentialStoreControl
      assert.strictEqual((yield* store.writes).length, 0)
      assert.strictEqual(Redacted.value((yield* store.get(work))!.accessToken), "claude-code-refreshed")
    }).pipe(Effect.provide(staleReadLayer)))

  it.effect("a 401 refreshes once and retries at once with the new token, in the same cycle", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* api.script(work, new Unauthorized({ profile: work }))
      const [state] = yield* cycles(1)
      assert.strictEqual(state!.connection, "connected")
      assert.strictEqual(state!.snapshot?.fetchedAt, 0)
      assert.deepStrictEqual(tokens(yield* api.tokensSeen(work)), ["access-token", "rotated-access-1"])
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(work), 1)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a second 401 after the refresh ends in token_expired without another refresh", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* api.script(work, new Unauthorized({ profile: work }), new Unauthorized({ profile: work }))
      const [state] = yield* cycles(1)
      assert.strictEqual(state!.connection, "token_expired")
      assert.strictEqual(state!.error?.code, "Unauthorized")
      assert.strictEqual(yield* api.calls(work), 2)
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(work), 1)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a 401 right after a proactive refresh does not refresh again", () =>
    Effect.gen(function*() {
      yield* (yield* MemoryCredentialStoreControl).set(work, Fixtures.credentials({ expiresAt: 0 }))
      const api = yield* ScriptedUsageApiControl
      yield* api.script(work, new Unauthorized({ profile: work }))
      const [state] = yield* cycles(1)
      assert.strictEqual(state!.connection, "token_expired")
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(work), 1)
      assert.deepStrictEqual(tokens(yield* api.tokensSeen(work)), ["rotated-access-1"])
      assert.strictEqual(Redacted.value(state!.refused!.accessToken), "rotated-access-1")
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a refused refresh ends in token_expired and is not retried until the credentials change, then recovers", () =>
    Effect.gen(function*() {
      const refresher = yield* ScriptedTokenRefresherControl
      const api = yield* ScriptedUsageApiControl
      const store = yield* MemoryCredentialStoreControl
      yield* store.set(work, Fixtures.credentials({ expiresAt: 0 }))
      yield* refresher.script(work, new TokenExpired({ profile: work, source: "claude-code" }))
      const states = yield* cycles(3)
      assert.deepStrictEqual(states.map((s) => s.connection), ["token_expired", "token_expired", "token_expired"])
      assert.strictEqual(states[2]!.error?.code, "TokenExpired")
      assert.include(states[2]!.error!.message, "run 'claude' to log in again")
      assert.strictEqual(yield* refresher.calls(work), 1)
      assert.strictEqual(yield* api.calls(work), 0)
      // The user logs in again: new credentials, and the next cycle works.
      yield* store.set(work, Fixtures.credentials({ accessToken: "new-login", refreshToken: "new-refresh" }))
      const recovered = yield* pollProfile(workEntry, states[2]!)
      assert.strictEqual(recovered.connection, "connected")
      assert.strictEqual(recovered.refused, null)
      assert.deepStrictEqual(tokens(yield* api.tokensSeen(work)), ["new-login"])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a refresh refused because another program rotated first adopts the stored, newer tokens", () =>
    Effect.gen(function*() {
      const store = yield* MemoryCredentialStoreControl
      yield* store.set(work, Fixtures.credentials({ expiresAt: 0 }))
      const api = yield* ScriptedUsageApiControl
      const [state] = yield* cycles(1)
      assert.strictEqual(state!.connection, "connected")
      assert.strictEqual(state!.refused, null)
      assert.deepStrictEqual(tokens(yield* api.tokensSeen(work)), ["rotated-elsewhere"])
      assert.strictEqual(Redacted.value((yield* store.get(work))!.accessToken), "rotated-elsewhere")
    }).pipe(
      // The refresh token was spent by another program, which saved its new pair just before.
      Effect.provide(Layer.effect(
        TokenRefresher,
        Effect.map(MemoryCredentialStoreControl, (store) =>
          TokenRefresher.of({
            refresh: (profile, source) =>
              store.set(profile, Fixtures.credentials({ accessToken: "rotated-elsewhere", refreshToken: "refresh-elsewhere" })).pipe(
                Effect.zipRight(Effect.fail(new TokenExpired({ profile, source })))
              )
          }))
      )),
      Effect.provide(TestEnv.layer())
    ))

  it.effect("missing credentials are no_credentials, with no request and no backoff step", () =>
    Effect.gen(function*() {
      yield* (yield* MemoryCredentialStoreControl).set(work, null)
      const [state] = yield* cycles(1)
      assert.strictEqual(state!.connection, "no_credentials")
      assert.strictEqual(state!.error?.code, "CredentialsNotFound")
      assert.strictEqual(state!.failures, 0)
      assert.strictEqual(yield* (yield* ScriptedUsageApiControl).calls(work), 0)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a 429 is rate_limited: the last data stays, Retry-After is kept, and no outage opens", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      const limited = new RateLimited({ profile: work, retryAfterMillis: 600_000 })
      yield* api.script(work, Fixtures.snapshot({ fiveHour: 30 }), limited, limited, limited)
      const states = yield* cycles(4)
      const last = states[3]!
      assert.strictEqual(last.connection, "rate_limited")
      assert.strictEqual(last.snapshot?.fiveHour?.utilization, 30)
      assert.strictEqual(last.retryAfterMillis, 600_000)
      assert.strictEqual(last.failures, 3)
      assert.isFalse(last.outageOpen)
      const series = yield* (yield* UsageHistory).series(work, { from: 0, to: 10_000_000, gapThreshold: 1e9 })
      assert.strictEqual(series.outages.length, 0)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("5xx, unparseable bodies and an unreachable token endpoint are disconnected", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* api.script(work, apiError(), new UsageBodyInvalid({ reason: "not_json", excerpt: "<html>" }))
      const states = yield* cycles(2)
      assert.deepStrictEqual(states.map((s) => s.error?.code), ["ApiUnreachable", "UsageBodyInvalid"])
      assert.isTrue(states.every((s) => s.connection === "disconnected"))
      yield* (yield* MemoryCredentialStoreControl).set(work, Fixtures.credentials({ expiresAt: 0 }))
      yield* (yield* ScriptedTokenRefresherControl).script(work, new TokenRefreshFailed({ profile: work, reason: "HTTP 500" }))
      const third = yield* pollProfile(workEntry, states[1]!)
      assert.strictEqual(third.connection, "disconnected")
      assert.strictEqual(third.error?.code, "TokenRefreshFailed")
      assert.strictEqual(third.failures, 3)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a 403 (missing scope) asks the user to log in again", () =>
    Effect.gen(function*() {
      yield* (yield* ScriptedUsageApiControl).script(work, new MissingScope({ profile: work }))
      const [state] = yield* cycles(1)
      assert.strictEqual(state!.connection, "token_expired")
      assert.strictEqual(state!.error?.code, "MissingScope")
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(work), 0)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("two failures in a row open an outage and notify once; the next success closes it", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* api.script(work, Fixtures.snapshot(), apiError(), apiError(), apiError())
      const states = yield* cycles(5)
      assert.deepStrictEqual(states.map((s) => s.outageOpen), [false, false, true, true, false])
      const history = yield* UsageHistory
      const series = yield* history.series(work, { from: 0, to: 10_000_000, gapThreshold: 1e9 })
      assert.strictEqual(series.outages.length, 1)
      assert.strictEqual(series.outages[0]!.startedAt, 360_000)
      assert.strictEqual(series.outages[0]!.endedAt, 720_000)
      const sent = yield* (yield* MemoryNotifierControl).sent
      assert.deepStrictEqual(sent.map((n) => n.body), ["Claude API unreachable", "Claude API is back"])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a rate limit between failures neither opens nor breaks the outage streak", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* api.script(work, apiError(), new RateLimited({ profile: work, retryAfterMillis: null }), apiError())
      const states = yield* cycles(3)
      assert.deepStrictEqual(states.map((s) => s.outageOpen), [false, false, true])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("warning and critical notifications fire once each, with the reset time in the text", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      const at = (utilization: number) => (now: number) => Fixtures.snapshot({ fetchedAt: now, fiveHour: { utilization, resetsAt: 47 * 60_000 } })
      yield* api.script(work, at(50), at(85), at(86), at(97), at(98))
      yield* cycles(5, 60_000)
      const sent = yield* (yield* MemoryNotifierControl).sent
      assert.deepStrictEqual(sent.map((n) => n.alert._tag), ["Warning", "Critical"])
      assert.strictEqual(sent[0]!.body, "Claude headroom at 15% — resets in 46m (at 12:47 AM)")
      assert.strictEqual(sent[1]!.title, "Claude headroom critical")
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("alert texts name the profile when more than one profile is watched", () =>
    Effect.gen(function*() {
      yield* (yield* ScriptedUsageApiControl).script(work, Fixtures.snapshot({ fiveHour: { utilization: 90, resetsAt: null } }))
      yield* cycles(1, 0, ProfileState.initial(work), { multipleProfiles: true })
      const sent = yield* (yield* MemoryNotifierControl).sent
      assert.strictEqual(sent[0]!.body, "Claude headroom (default) at 10%")
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a failed write-back keeps the cycle good but reports the problem", () =>
    Effect.gen(function*() {
      const store = yield* MemoryCredentialStoreControl
      yield* store.set(work, Fixtures.credentials({ expiresAt: 0 }))
      yield* store.failWrites(work, "disk full")
      const [state] = yield* cycles(1)
      assert.strictEqual(state!.connection, "connected")
      assert.strictEqual(state!.error?.code, "CredentialsWriteFailed")
      assert.deepStrictEqual(tokens(yield* (yield* ScriptedUsageApiControl).tokensSeen(work)), ["rotated-access-1"])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("slope buffers grow with each poll and a steep climb reads as steep", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      const at = (utilization: number) => (now: number) => Fixtures.snapshot({ fetchedAt: now, fiveHour: { utilization, resetsAt: 5 * 3_600_000 } })
      yield* api.script(work, at(10), at(20), at(30), at(40))
      const states = yield* cycles(4, 5 * 60_000)
      const last = states[3]!
      assert.strictEqual(last.slope5h.length, 4)
      assert.strictEqual(ProfileState.slopeLevels(last, Option.none()).fiveHour, "steep")
    }).pipe(Effect.provide(TestEnv.layer())))
})

// The store answers the first read with a stale token, as if Claude Code refreshed right after we read.
const staleReadLayer = Layer.effectContext(
  Effect.gen(function*() {
    const memory = yield* CredentialStore
    const control = yield* MemoryCredentialStoreControl
    yield* control.set(work, Fixtures.credentials({ accessToken: "claude-code-refreshed", expiresAt: Fixtures.farFuture }))
    let first = true
    const read: typeof memory.read = (profile) => {
      if (!first) return memory.read(profile)
      first = false
      return Effect.succeed(Fixtures.credentials({ accessToken: "stale", expiresAt: 0 }))
    }
    return Context.make(CredentialStore, CredentialStore.of({ ...memory, read }))
  })
).pipe(Layer.provideMerge(TestEnv.layer()))

