import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted, TestClock } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import { Credentials } from "../../src/services/CredentialStore.js"
import { TokenExpired, TokenRefresher, TokenRefreshFailed } from "../../src/services/TokenRefresher.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as ScriptedTokenRefresher from "../../src/testing/ScriptedTokenRefresher.js"

const work = ProfileName.make("work")
const home = ProfileName.make("home")
const old = Fixtures.credentials({ accessToken: "old-access", refreshToken: "old-refresh", tier: "default_claude_pro" })

const run = <A, E>(
  effect: Effect.Effect<A, E, TokenRefresher | ScriptedTokenRefresher.ScriptedTokenRefresherControl>
) => Effect.provide(effect, ScriptedTokenRefresher.layer)

describe("ScriptedTokenRefresher", () => {
  it.effect("rotates both tokens by default, expiring 8 h from now and keeping the other fields", () =>
    run(Effect.gen(function*() {
      const refresher = yield* TokenRefresher
      yield* TestClock.setTime(1_000)
      const next = yield* refresher.refresh(work, "vault", old)
      assert.strictEqual(Redacted.value(next.accessToken), "rotated-access-1")
      assert.strictEqual(next.refreshToken === null ? null : Redacted.value(next.refreshToken), "rotated-refresh-1")
      assert.strictEqual(next.expiresAt, 1_000 + 8 * 3_600_000)
      assert.strictEqual(next.rateLimitTier, "default_claude_pro")
      const again = yield* refresher.refresh(work, "vault", next)
      assert.strictEqual(Redacted.value(again.accessToken), "rotated-access-2")
    })))

  it.effect("answers scripted failures in order, then the default", () =>
    run(Effect.gen(function*() {
      const refresher = yield* TokenRefresher
      const control = yield* ScriptedTokenRefresher.ScriptedTokenRefresherControl
      yield* control.script(
        work,
        new TokenRefreshFailed({ profile: work, reason: "HTTP 500" }),
        new TokenExpired({ profile: work, source: "claude-code" })
      )
      assert.strictEqual((yield* Effect.flip(refresher.refresh(work, "claude-code", old)))._tag, "TokenRefreshFailed")
      assert.strictEqual((yield* Effect.flip(refresher.refresh(work, "claude-code", old)))._tag, "TokenExpired")
      assert.strictEqual(Redacted.value((yield* refresher.refresh(work, "claude-code", old)).accessToken), "rotated-access-3")
      assert.strictEqual(yield* control.calls(work), 3)
    })))

  it.effect("refreshed computes the new credentials from the old ones", () =>
    run(Effect.gen(function*() {
      const refresher = yield* TokenRefresher
      const control = yield* ScriptedTokenRefresher.ScriptedTokenRefresherControl
      yield* control.script(
        work,
        ScriptedTokenRefresher.refreshed((credentials, now) =>
          new Credentials({ ...credentials, accessToken: Redacted.make("custom"), expiresAt: now + 1 }))
      )
      const next = yield* refresher.refresh(work, "vault", old)
      assert.strictEqual(Redacted.value(next.accessToken), "custom")
      assert.strictEqual(next.refreshToken === null ? null : Redacted.value(next.refreshToken), "old-refresh")
      assert.strictEqual(next.expiresAt, 1)
    })))

  it.effect("setDefault changes the answer for an empty script; profiles are independent", () =>
    run(Effect.gen(function*() {
      const refresher = yield* TokenRefresher
      const control = yield* ScriptedTokenRefresher.ScriptedTokenRefresherControl
      yield* control.setDefault(work, new TokenExpired({ profile: work, source: "vault" }))
      assert.strictEqual((yield* Effect.flip(refresher.refresh(work, "vault", old)))._tag, "TokenExpired")
      assert.strictEqual((yield* Effect.flip(refresher.refresh(work, "vault", old)))._tag, "TokenExpired")
      yield* refresher.refresh(home, "vault", old)
      assert.deepStrictEqual([yield* control.calls(work), yield* control.calls(home)], [2, 1])
    })))

  it.effect("received records each call's source and credentials", () =>
    run(Effect.gen(function*() {
      const refresher = yield* TokenRefresher
      const control = yield* ScriptedTokenRefresher.ScriptedTokenRefresherControl
      yield* refresher.refresh(work, "claude-code", old)
      const [call] = yield* control.received(work)
      assert.strictEqual(call?.source, "claude-code")
      assert.strictEqual(call === undefined ? null : Redacted.value(call.credentials.accessToken), "old-access")
      assert.deepStrictEqual(yield* control.received(home), [])
    })))
})
