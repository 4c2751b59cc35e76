// SPEC §3: threshold state is reset when a profile's credentials change account (API.md A.3).
import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { pollProfile } from "../../src/programs/pollProfile.js"
import * as ProfileState from "../../src/programs/ProfileState.js"
import { AccountProfile, ApiUnreachable, RateLimited } from "../../src/services/UsageApi.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import { MemoryCredentialStoreControl } from "../../src/testing/MemoryCredentialStore.js"
import { MemoryNotifierControl } from "../../src/testing/MemoryNotifier.js"
import { ScriptedTokenRefresherControl } from "../../src/testing/ScriptedTokenRefresher.js"
import { ScriptedUsageApiControl } from "../../src/testing/ScriptedUsageApi.js"
import * as TestEnv from "./TestEnv.js"

const work = Fixtures.profile("default")
const workEntry = TestEnv.entry("default")

// Polls `count` times, 3 minutes apart, from `state`.
const poll = (state: ProfileState.ProfileState, count = 1) =>
  Effect.gen(function*() {
    let current = state
    for (let index = 0; index < count; index++) {
      if (current.lastPollAt !== null) yield* TestClock.adjust(180_000)
      current = yield* pollProfile(workEntry, current)
    }
    return current
  })

const account = (accountId: string) =>
  new AccountProfile({ accountId, email: null, displayName: null, subscriptionType: "max", rateLimitTier: null })

// New credentials in the store, as after `claude` logged in again (maybe to another account).
const relogin = (name: string) =>
  Effect.flatMap(MemoryCredentialStoreControl, (store) =>
    store.set(work, Fixtures.credentials({ accessToken: `${name}-access`, refreshToken: `${name}-refresh` })))

// Every usage answer is 85 % used on the 5-hour window: below the 20 % warning headroom.
const lowHeadroom = Effect.flatMap(ScriptedUsageApiControl, (api) =>
  api.setDefault(work, (now, context) => Fixtures.snapshot({ profile: context.profile, fetchedAt: now, fiveHour: 85, tier: context.tier })))

const warnings = Effect.map(
  Effect.flatMap(MemoryNotifierControl, (notifier) => notifier.sent),
  (sent) => sent.filter((notification) => notification.alert._tag === "Warning").length
)

describe("pollProfile: account changes", () => {
  it.effect("a poll that does not track the account never asks for it", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      const state = yield* pollProfile(workEntry, ProfileState.initial(work), { trackAccount: false })
      assert.strictEqual(state.connection, "connected")
      assert.strictEqual(yield* api.calls(work), 1)
      assert.strictEqual(yield* api.profileCalls(work), 0)
      assert.strictEqual(state.accountId, null)
      // Left unchecked: a later tracking poll of the same login still asks once.
      assert.isTrue(ProfileState.accountUnchecked(state, Fixtures.credentials()))
      yield* pollProfile(workEntry, state)
      assert.strictEqual(yield* api.profileCalls(work), 1)
    }).pipe(Effect.provide(TestEnv.layer())))


  it.effect("asks for the account once per credentials change, not every cycle", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      const state = yield* poll(ProfileState.initial(work), 3)
      assert.strictEqual(yield* api.profileCalls(work), 1)
      assert.strictEqual(state.accountId, "account-default")
      yield* relogin("second")
      const after = yield* poll(state, 3)
      assert.strictEqual(after.connection, "connected")
      assert.strictEqual(yield* api.profileCalls(work), 2)
      assert.strictEqual(yield* api.calls(work), 6)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("its own token refresh is no account change", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      const store = yield* MemoryCredentialStoreControl
      yield* store.set(work, Fixtures.credentials({ expiresAt: 300_000 }))
      // The first cycle looks the account up; the third refreshes (Claude Code's login, expired by then).
      const state = yield* poll(ProfileState.initial(work), 3)
      assert.strictEqual(state.connection, "connected")
      assert.strictEqual(yield* api.profileCalls(work), 1)
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(work), 1)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("switching to another account re-arms a warning that already fired", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* lowHeadroom
      let state = yield* poll(ProfileState.initial(work), 2)
      assert.strictEqual(yield* warnings, 1)
      yield* api.setAccount(work, account("another-account"))
      yield* relogin("another")
      state = yield* poll(state)
      assert.strictEqual(state.accountId, "another-account")
      assert.strictEqual(yield* warnings, 2)
      yield* poll(state)
      assert.strictEqual(yield* warnings, 2)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("new credentials of the same account do not re-arm", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* lowHeadroom
      const state = yield* poll(ProfileState.initial(work), 2)
      assert.strictEqual(yield* warnings, 1)
      yield* relogin("same-account")
      yield* poll(state, 2)
      assert.strictEqual(yield* api.profileCalls(work), 2)
      assert.strictEqual(yield* warnings, 1)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a rate-limited account request still lets the usage poll succeed, and asks nothing more", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* api.setAccount(work, new RateLimited({ profile: work, retryAfterMillis: 600_000 }))
      const state = yield* poll(ProfileState.initial(work))
      assert.strictEqual(state.connection, "connected")
      assert.isNotNull(state.snapshot)
      assert.strictEqual(state.failures, 0)
      assert.isNull(state.retryAfterMillis)
      assert.isNull(state.accountId)
      assert.strictEqual(yield* api.calls(work), 1)
      assert.strictEqual(yield* api.profileCalls(work), 1)
      const next = yield* poll(state)
      assert.strictEqual(next.connection, "connected")
      assert.strictEqual(yield* api.calls(work), 2)
      assert.strictEqual(yield* api.profileCalls(work), 1)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("an unreachable profile endpoint is no outage", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* api.setAccount(work, new ApiUnreachable({ profile: work, reason: "HTTP 502" }))
      let state = yield* poll(ProfileState.initial(work))
      yield* relogin("again")
      state = yield* poll(state)
      assert.strictEqual(state.connection, "connected")
      assert.strictEqual(state.disconnects, 0)
      assert.isFalse(state.outageOpen)
      assert.strictEqual(yield* api.profileCalls(work), 2)
      const sent = yield* (yield* MemoryNotifierControl).sent
      assert.deepStrictEqual(sent.filter((n) => n.alert._tag === "ApiUnreachable"), [])
    }).pipe(Effect.provide(TestEnv.layer())))
})
