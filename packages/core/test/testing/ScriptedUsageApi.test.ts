import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Option, Redacted, TestClock } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import { ApiUnreachable, RateLimited, UsageApi } from "../../src/services/UsageApi.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as ScriptedUsageApi from "../../src/testing/ScriptedUsageApi.js"

const work = ProfileName.make("work")
const home = ProfileName.make("home")
const context = { profile: work, tier: "default_claude_pro" }
const token = Redacted.make("token-1")

const run = <A, E>(effect: Effect.Effect<A, E, UsageApi | ScriptedUsageApi.ScriptedUsageApiControl>) =>
  Effect.provide(effect, ScriptedUsageApi.layer)

describe("ScriptedUsageApi", () => {
  it.effect("answers scripted steps in order, then the default", () =>
    run(Effect.gen(function*() {
      const api = yield* UsageApi
      const control = yield* ScriptedUsageApi.ScriptedUsageApiControl
      const first = Fixtures.snapshot({ profile: "work", fetchedAt: 1, fiveHour: 11 })
      yield* control.script(work, first, new ApiUnreachable({ profile: work, reason: "HTTP 502" }))
      assert.strictEqual(yield* api.fetchUsage(token, context), first)
      const error = yield* Effect.flip(api.fetchUsage(token, context))
      assert.strictEqual(error._tag, "ApiUnreachable")
      yield* TestClock.setTime(42_000)
      const fresh = yield* api.fetchUsage(token, context)
      assert.strictEqual(fresh.fetchedAt, 42_000)
      assert.strictEqual(fresh.profile, work)
      assert.strictEqual(fresh.tier, "default_claude_pro")
      assert.strictEqual(yield* control.calls(work), 3)
    })))

  it.effect("a function step is stamped with the Clock's time", () =>
    run(Effect.gen(function*() {
      const api = yield* UsageApi
      const control = yield* ScriptedUsageApi.ScriptedUsageApiControl
      yield* TestClock.setTime(5_000)
      yield* control.script(work, (now) => Fixtures.snapshot({ profile: "work", fetchedAt: now, fiveHour: 77 }))
      const snapshot = yield* api.fetchUsage(token, context)
      assert.deepStrictEqual([snapshot.fetchedAt, snapshot.fiveHour?.utilization], [5_000, 77])
    })))

  it.effect("setDefault replaces the answer for an empty script", () =>
    run(Effect.gen(function*() {
      const api = yield* UsageApi
      const control = yield* ScriptedUsageApi.ScriptedUsageApiControl
      yield* control.setDefault(work, new RateLimited({ profile: work, retryAfterMillis: 60_000 }))
      for (let i = 0; i < 3; i++) {
        const error = yield* Effect.flip(api.fetchUsage(token, context))
        assert.strictEqual(error._tag, "RateLimited")
      }
      assert.strictEqual((yield* api.fetchUsage(token, { profile: home, tier: null })).profile, home)
    })))

  it.effect("a delay waits on the Clock before answering", () =>
    run(Effect.gen(function*() {
      const api = yield* UsageApi
      const control = yield* ScriptedUsageApi.ScriptedUsageApiControl
      yield* control.script(work, ScriptedUsageApi.delay("5 seconds", ScriptedUsageApi.fresh))
      const fiber = yield* Effect.fork(api.fetchUsage(token, context))
      yield* TestClock.adjust("4 seconds")
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust("1 second")
      const snapshot = yield* Fiber.join(fiber)
      assert.strictEqual(snapshot.fetchedAt, 5_000)
    })))

  it.effect("hang never answers, so a timeout fires", () =>
    run(Effect.gen(function*() {
      const api = yield* UsageApi
      const control = yield* ScriptedUsageApi.ScriptedUsageApiControl
      yield* control.script(work, ScriptedUsageApi.hang)
      const fiber = yield* Effect.fork(Effect.timeout(api.fetchUsage(token, context), "10 seconds"))
      yield* TestClock.adjust("10 seconds")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "TimeoutException")
      assert.strictEqual(yield* control.calls(work), 1)
    })))

  it.effect("tokensSeen records each request's token, per profile", () =>
    run(Effect.gen(function*() {
      const api = yield* UsageApi
      const control = yield* ScriptedUsageApi.ScriptedUsageApiControl
      yield* api.fetchUsage(Redacted.make("old"), context)
      yield* api.fetchUsage(Redacted.make("new"), context)
      yield* api.fetchUsage(Redacted.make("other"), { profile: home, tier: null })
      assert.deepStrictEqual((yield* control.tokensSeen(work)).map(Redacted.value), ["old", "new"])
      assert.deepStrictEqual((yield* control.tokensSeen(home)).map(Redacted.value), ["other"])
      assert.strictEqual(yield* control.calls(ProfileName.make("nobody")), 0)
    })))

  it.effect("scripts of different profiles are independent", () =>
    run(Effect.gen(function*() {
      const api = yield* UsageApi
      const control = yield* ScriptedUsageApi.ScriptedUsageApiControl
      yield* control.script(home, new ApiUnreachable({ profile: home, reason: "connection refused" }))
      const ok = yield* api.fetchUsage(token, context)
      assert.strictEqual(ok.profile, work)
      assert.strictEqual((yield* Effect.flip(api.fetchUsage(token, { profile: home, tier: null })))._tag, "ApiUnreachable")
    })))

  it.effect("fetchProfile answers the default account, or what setAccount says", () =>
    run(Effect.gen(function*() {
      const api = yield* UsageApi
      const control = yield* ScriptedUsageApi.ScriptedUsageApiControl
      assert.strictEqual((yield* api.fetchProfile(token, context)).accountId, "account-work")
      yield* control.setAccount(work, new ApiUnreachable({ profile: work, reason: "HTTP 500" }))
      assert.strictEqual((yield* Effect.flip(api.fetchProfile(token, context)))._tag, "ApiUnreachable")
      assert.strictEqual(yield* control.profileCalls(work), 2)
      assert.strictEqual(yield* control.calls(work), 0)
    })))

  it.effect("each layer build starts with fresh scripts", () =>
    Effect.gen(function*() {
      const calls = Effect.flatMap(ScriptedUsageApi.ScriptedUsageApiControl, (c) => c.calls(work))
      const fetch = Effect.flatMap(UsageApi, (api) => api.fetchUsage(token, context))
      yield* Effect.provide(Effect.zipRight(fetch, calls), Layer.fresh(ScriptedUsageApi.layer))
      assert.strictEqual(yield* Effect.provide(calls, Layer.fresh(ScriptedUsageApi.layer)), 0)
    }))
})
