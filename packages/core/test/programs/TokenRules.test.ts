// The rules that keep cc-hdrm from logging Claude Code out (SPEC §1.3): a refresh token is spent by
// use, so Claude Code's login is refreshed only once expired (or on a 401), never when the user
// opted out, and a vault copy of Claude Code's current login is never refreshed at all.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as Preferences from "../../src/domain/Preferences.js"
import { pollProfile, refreshDue } from "../../src/programs/pollProfile.js"
import * as ProfileState from "../../src/programs/ProfileState.js"
import { Unauthorized } from "../../src/services/UsageApi.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import { MemoryCredentialStoreControl } from "../../src/testing/MemoryCredentialStore.js"
import { ScriptedTokenRefresherControl } from "../../src/testing/ScriptedTokenRefresher.js"
import { ScriptedUsageApiControl } from "../../src/testing/ScriptedUsageApi.js"
import * as TestEnv from "./TestEnv.js"

const claudeCode = Fixtures.profile("default")
const copy = Fixtures.profile("work")
const optedOut = new Preferences.Preferences({ refreshClaudeCodeLogin: false })
const tokens = (all: ReadonlyArray<Redacted.Redacted<string>>) => all.map(Redacted.value)

describe("token rules", () => {
  it("refreshDue: Claude Code's login once expired, a vault profile 5 minutes ahead", () => {
    assert.isFalse(refreshDue("claude-code", 60_000, 0))
    assert.isTrue(refreshDue("claude-code", 0, 0))
    assert.isTrue(refreshDue("vault", 60_000, 0))
    assert.isFalse(refreshDue("vault", 6 * 60_000, 0))
    assert.isFalse(refreshDue("claude-code", null, 0))
  })

  it.effect("refreshClaudeCodeLogin false: an expired Claude Code login is token_expired and the token endpoint is never asked", () =>
    Effect.gen(function*() {
      const store = yield* MemoryCredentialStoreControl
      yield* store.set(claudeCode, Fixtures.credentials({ expiresAt: 0 }))
      const first = yield* pollProfile(TestEnv.entry("default"), ProfileState.initial(claudeCode), { preferences: optedOut })
      assert.strictEqual(first.connection, "token_expired")
      assert.include(first.error?.message, "open Claude Code to refresh its login")
      // A 401 with a token that has not expired yet is left to Claude Code too.
      yield* store.set(claudeCode, Fixtures.credentials({ accessToken: "revoked" }))
      yield* (yield* ScriptedUsageApiControl).script(claudeCode, new Unauthorized({ profile: claudeCode }))
      const second = yield* pollProfile(TestEnv.entry("default"), first, { preferences: optedOut })
      assert.strictEqual(second.connection, "token_expired")
      // Once Claude Code has refreshed its login, polling goes on.
      yield* store.set(claudeCode, Fixtures.credentials({ accessToken: "claude-code-refreshed" }))
      const third = yield* pollProfile(TestEnv.entry("default"), second, { preferences: optedOut })
      assert.strictEqual(third.connection, "connected")
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(claudeCode), 0)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a vault profile holding Claude Code's refresh token is never refreshed; it takes Claude Code's newer tokens", () =>
    Effect.gen(function*() {
      const store = yield* MemoryCredentialStoreControl
      const login = Fixtures.credentials({ accessToken: "shared-access", refreshToken: "shared-refresh", expiresAt: 0 })
      yield* store.set(claudeCode, login)
      yield* store.set(copy, login)
      const expired = yield* pollProfile(TestEnv.entry("work"), ProfileState.initial(copy))
      assert.strictEqual(expired.connection, "token_expired")
      assert.include(expired.error?.message, "shares Claude Code's login")
      // Claude Code got a new access token for the same refresh token: the copy follows it.
      yield* store.set(claudeCode, Fixtures.credentials({ accessToken: "claude-code-new", refreshToken: "shared-refresh" }))
      const followed = yield* pollProfile(TestEnv.entry("work"), ProfileState.initial(copy))
      assert.strictEqual(followed.connection, "connected")
      assert.deepStrictEqual(tokens(yield* (yield* ScriptedUsageApiControl).tokensSeen(copy)), ["claude-code-new"])
      assert.strictEqual(Redacted.value((yield* store.get(copy))!.accessToken), "claude-code-new")
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(copy), 0)
      // A vault profile of its own (another refresh token) is refreshed as usual.
      yield* store.set(copy, Fixtures.credentials({ accessToken: "own-access", refreshToken: "own-refresh", expiresAt: 0 }))
      const own = yield* pollProfile(TestEnv.entry("work"), ProfileState.initial(copy))
      assert.strictEqual(own.connection, "connected")
      assert.strictEqual(yield* (yield* ScriptedTokenRefresherControl).calls(copy), 1)
    }).pipe(Effect.provide(TestEnv.layer())))
})
