// The TokenRefresher contract: rotation, carried-over fields and the two typed failures (SPEC §1.3, API.md A.2).
import { assert, layer } from "@effect/vitest"
import { Context, Effect, Redacted, TestClock } from "effect"
import type { Layer } from "effect"
import { ProfileName } from "../../domain/Profile.js"
import type { Credentials } from "../../services/CredentialStore.js"
import { TokenRefresher } from "../../services/TokenRefresher.js"

/**
 * What the token endpoint answers to a profile's next refresh: new tokens with a rotated refresh
 * token, new tokens without one, `invalid_grant`, or a transient failure (5xx or unreachable).
 */
export type StagedRefresh = "rotated" | "withoutRefreshToken" | "invalidGrant" | "unavailable"

/**
 * How the contract stages the token endpoint's answers. A scripted implementation scripts
 * itself; a real HTTP implementation stages them on a fake server and is pointed at it.
 */
export class TokenRefresherHarness extends Context.Tag("@cchdrm/core/testing/contracts/TokenRefresherHarness")<
  TokenRefresherHarness,
  {
    /**
     * Makes the profile's next refresh get `answer` and returns the credentials to refresh: a
     * refresh token the endpoint knows, scopes, subscription type and tier all set.
     */
    readonly stage: (profile: ProfileName, answer: StagedRefresh) => Effect.Effect<Credentials>
  }
>() {}

const p = (name: string) => ProfileName.make(`contract-refresh-${name}`)
const now = Date.UTC(2026, 7, 12, 1, 0, 0)

const value = (token: Redacted.Redacted<string> | null) => token === null ? null : Redacted.value(token)

// Stages `answer` for a fresh profile and refreshes its staged credentials.
const refresh = (name: string, answer: StagedRefresh) =>
  Effect.gen(function*() {
    const profile = p(name)
    const credentials = yield* (yield* TokenRefresherHarness).stage(profile, answer)
    const result = yield* Effect.either((yield* TokenRefresher).refresh(profile, "vault", credentials))
    return { profile, credentials, result }
  })

// The secrets of `credentials` appear nowhere in `error`.
const assertNoToken = (error: { readonly message: string }, credentials: Credentials) => {
  assert.notMatch(error.message, /[\r\n\u2028\u2029]/, "message is one line")
  for (const secret of [value(credentials.accessToken), value(credentials.refreshToken)]) {
    if (secret === null) continue
    assert.notInclude(error.message, secret)
    assert.notInclude(JSON.stringify(error), secret)
  }
}

const assertCarriedOver = (next: Credentials, old: Credentials) => {
  assert.deepStrictEqual([...next.scopes], [...old.scopes])
  assert.strictEqual(next.subscriptionType, old.subscriptionType)
  assert.strictEqual(next.rateLimitTier, old.rateLimitTier)
}

/**
 * Runs the TokenRefresher contract. `implementation` provides the refresher and a harness
 * staging the endpoint's answers; tests share it, so each uses its own profile.
 */
export const TokenRefresherContract = (
  name: string,
  implementation: Layer.Layer<TokenRefresher | TokenRefresherHarness, unknown>
) =>
  layer(implementation)(`TokenRefresher contract: ${name}`, (it) => {
    it.effect("a refresh rotates both tokens, moves expiresAt past now and keeps the other fields", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const { credentials, result } = yield* refresh("rotated", "rotated")
        if (result._tag !== "Right") return assert.fail(`the refresh failed: ${result.left.message}`)
        const next = result.right
        assert.notStrictEqual(value(next.accessToken), value(credentials.accessToken))
        assert.isNotNull(value(next.refreshToken))
        assert.notStrictEqual(value(next.refreshToken), value(credentials.refreshToken))
        assert.isNotNull(next.expiresAt)
        assert.isAbove(next.expiresAt!, now)
        assertCarriedOver(next, credentials)
      }))

    it.effect("a refresh without a new refresh token keeps the old one", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const { credentials, result } = yield* refresh("kept", "withoutRefreshToken")
        if (result._tag !== "Right") return assert.fail(`the refresh failed: ${result.left.message}`)
        assert.notStrictEqual(value(result.right.accessToken), value(credentials.accessToken))
        assert.strictEqual(value(result.right.refreshToken), value(credentials.refreshToken))
        assertCarriedOver(result.right, credentials)
      }))

    it.effect("invalid_grant fails with TokenExpired, saying how to log in again and showing no token", () =>
      Effect.gen(function*() {
        const { credentials, profile, result } = yield* refresh("invalid-grant", "invalidGrant")
        if (result._tag !== "Left") return assert.fail("the refresh succeeded")
        assert.strictEqual(result.left._tag, "TokenExpired")
        assert.strictEqual(result.left.profile, profile)
        assert.include(result.left.message, "claude")
        assert.include(result.left.message, "log in")
        assertNoToken(result.left, credentials)
      }))

    it.effect("a transient failure fails with TokenRefreshFailed, showing no token", () =>
      Effect.gen(function*() {
        const { credentials, profile, result } = yield* refresh("unavailable", "unavailable")
        if (result._tag !== "Left") return assert.fail("the refresh succeeded")
        assert.strictEqual(result.left._tag, "TokenRefreshFailed")
        assert.strictEqual(result.left.profile, profile)
        assertNoToken(result.left, credentials)
      }))
  })
