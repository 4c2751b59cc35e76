// The UsageApi contract: each answer of the usage endpoint becomes the documented snapshot or typed error (SPEC §1.5, API.md A.1).
import { assert, layer } from "@effect/vitest"
import { Context, Effect, Redacted, TestClock } from "effect"
import type { Layer } from "effect"
import { ProfileName } from "../../domain/Profile.js"
import { type RequestContext, UsageApi } from "../../services/UsageApi.js"

/**
 * What the server answers to a profile's next usage request: the A.1 example body (200), 401,
 * 403, 429 with `Retry-After: <seconds>` (or none), a 5xx, or a 200 whose body is an HTML page.
 */
export type StagedAnswer =
  | "example"
  | "unauthorized"
  | "forbidden"
  | { readonly rateLimited: number | null }
  | "serverError"
  | "html"

/**
 * How the contract stages the server's answers. A scripted implementation scripts itself; a
 * real HTTP implementation stages them on a fake server and is pointed at it.
 */
export class UsageApiHarness extends Context.Tag("@cchdrm/core/testing/contracts/UsageApiHarness")<UsageApiHarness, {
  /**
   * Makes the profile's next usage request get `answer` and returns the access token to send
   * (an `sk-ant-…` token the server accepts; the contract checks no error ever shows it).
   * Later requests of the profile succeed.
   */
  readonly stage: (profile: ProfileName, answer: StagedAnswer) => Effect.Effect<Redacted.Redacted<string>>
}>() {}

const p = (name: string) => ProfileName.make(`contract-api-${name}`)
const contextOf = (profile: ProfileName): RequestContext => ({ profile, tier: "default_claude_max_20x" })
const now = Date.UTC(2026, 7, 12, 1, 0, 0)

// Stages `answer` for a fresh profile and makes one usage request with the staged token.
const request = (name: string, answer: StagedAnswer) =>
  Effect.gen(function*() {
    const profile = p(name)
    const token = yield* (yield* UsageApiHarness).stage(profile, answer)
    const result = yield* Effect.either((yield* UsageApi).fetchUsage(token, contextOf(profile)))
    return { profile, token: Redacted.value(token), result }
  })

// An error a user may read: one short line, without the token in its message or fields.
const assertSafe = (error: { readonly message: string }, token: string) => {
  assert.notMatch(error.message, /[\r\n\u2028\u2029]/, "message is one line")
  for (const text of [error.message, JSON.stringify(error)]) {
    assert.notInclude(text, token)
    assert.notMatch(text, /bearer|authorization/i)
  }
}

// The request's error, checked for safety.
const failure = (name: string, answer: StagedAnswer) =>
  Effect.gen(function*() {
    const { profile, result, token } = yield* request(name, answer)
    assert.isTrue(result._tag === "Left", "the request fails")
    if (result._tag !== "Left") return assert.fail("unreachable")
    assertSafe(result.left, token)
    assert.isTrue(!("profile" in result.left) || result.left.profile === profile, "the error names the requesting profile")
    return result.left
  })

/**
 * Runs the UsageApi contract. `implementation` provides the API and a harness staging its
 * server's answers; tests share it, so each uses its own profile.
 */
export const UsageApiContract = (
  name: string,
  implementation: Layer.Layer<UsageApi | UsageApiHarness, unknown>
) =>
  layer(implementation)(`UsageApi contract: ${name}`, (it) => {
    it.effect("the A.1 example decodes to its values, stamped with the Clock's time", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const { profile, result } = yield* request("example", "example")
        if (result._tag !== "Right") return assert.fail(`the request failed: ${result.left.message}`)
        const snapshot = result.right
        assert.strictEqual(snapshot.profile, profile)
        assert.strictEqual(snapshot.fetchedAt, now)
        assert.strictEqual(snapshot.source, "api")
        assert.strictEqual(snapshot.tier, "default_claude_max_20x")
        assert.strictEqual(snapshot.fiveHour?.utilization, 15)
        assert.strictEqual(snapshot.fiveHour?.resetsAt, Date.UTC(2026, 7, 12, 3, 40, 0, 59))
        assert.strictEqual(snapshot.sevenDay?.utilization, 67)
        assert.strictEqual(snapshot.sevenDay?.resetsAt, Date.UTC(2026, 7, 12, 22, 0, 1, 59))
        assert.deepStrictEqual(snapshot.caps.map((cap) => [cap.label, cap.utilization, cap.resetsAt]), [
          ["Sonnet", 12, null],
          ["Fable", 63, Date.UTC(2026, 7, 12, 22, 0, 0, 59)]
        ])
        assert.strictEqual(snapshot.extraUsage?.enabled, true)
        assert.strictEqual(snapshot.extraUsage?.usedCents, 1561)
        assert.strictEqual(snapshot.extraUsage?.limitCents, 5000)
      }))

    it.effect("401 fails with Unauthorized", () =>
      Effect.gen(function*() {
        const error = yield* failure("unauthorized", "unauthorized")
        assert.strictEqual(error._tag, "Unauthorized")
      }))

    it.effect("403 fails with MissingScope, whose message says how to fix it", () =>
      Effect.gen(function*() {
        const error = yield* failure("forbidden", "forbidden")
        assert.strictEqual(error._tag, "MissingScope")
        assert.include(error.message, "log in")
      }))

    it.effect("429 with Retry-After fails with RateLimited carrying the wait", () =>
      Effect.gen(function*() {
        const error = yield* failure("rate-limited", { rateLimited: 120 })
        assert.strictEqual(error._tag, "RateLimited")
        if (error._tag === "RateLimited") assert.strictEqual(error.retryAfterMillis, 120_000)
      }))

    it.effect("429 without Retry-After fails with RateLimited and no wait", () =>
      Effect.gen(function*() {
        const error = yield* failure("rate-limited-bare", { rateLimited: null })
        assert.strictEqual(error._tag, "RateLimited")
        if (error._tag === "RateLimited") assert.isNull(error.retryAfterMillis)
      }))

    it.effect("5xx fails with ApiUnreachable naming the status", () =>
      Effect.gen(function*() {
        const error = yield* failure("server-error", "serverError")
        assert.strictEqual(error._tag, "ApiUnreachable")
        if (error._tag === "ApiUnreachable") assert.match(error.reason, /^HTTP 5\d\d$/)
      }))

    it.effect("a 200 HTML page fails with UsageBodyInvalid (not JSON)", () =>
      Effect.gen(function*() {
        const error = yield* failure("html", "html")
        assert.strictEqual(error._tag, "UsageBodyInvalid")
        if (error._tag === "UsageBodyInvalid") assert.strictEqual(error.reason, "not_json")
      }))

    it.effect("after a staged failure the profile's next request answers again", () =>
      Effect.gen(function*() {
        const { profile, token } = yield* request("recovers", "serverError")
        const snapshot = yield* (yield* UsageApi).fetchUsage(Redacted.make(token), contextOf(profile))
        assert.strictEqual(snapshot.profile, profile)
      }))

    it.effect("fetchProfile names the token's account", () =>
      Effect.gen(function*() {
        const profile = p("account")
        const token = yield* (yield* UsageApiHarness).stage(profile, "example")
        const account = yield* (yield* UsageApi).fetchProfile(token, contextOf(profile))
        assert.isAbove(account.accountId.trim().length, 0)
      }))
  })
