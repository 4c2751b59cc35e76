import { FetchHttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Responses, UsageBodies } from "@cchdrm/testkit"
import type { AccountHandle, AccountOptions, FakeAnthropic, ScriptedResponse } from "@cchdrm/testkit"
import { assert, describe, it, layer } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Redacted, TestClock } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import { UsageSnapshot, UsageWindow } from "../../src/domain/Usage.js"
import * as HttpUsageApi from "../../src/services/HttpUsageApi.js"
import { AccountProfile, UsageApi } from "../../src/services/UsageApi.js"
import type { RequestContext } from "../../src/services/UsageApi.js"
import * as Fixture from "../fixtures/usageBodies.js"
import { apiLayer, assertSafe, closedPort, Fake } from "./httpFakeAnthropic.js"

const context: RequestContext = { profile: ProfileName.make("work"), tier: "default_claude_max_20x" }
const now = Date.UTC(2026, 7, 12, 1, 0, 0)
const window = (utilization: number | null, resetsAt: number | null) => new UsageWindow({ utilization, resetsAt })

/** The A.1 example as a snapshot fetched at `now`. */
const exampleSnapshot = Fixture.exampleSnapshot({ ...context, fetchedAt: now })

/** A fresh account on the shared fake, answering the usage and profile routes with `scripts` first. */
const account = (options: AccountOptions & { readonly usage?: never } = {}, ...scripts: ReadonlyArray<ScriptedResponse>) =>
  Effect.map(Fake, (fake) => {
    const handle = fake.addAccount(options)
    handle.scriptUsage(...scripts)
    handle.scriptProfile(...scripts)
    return handle
  })

const fetchUsage = (handle: AccountHandle) =>
  Effect.flatMap(UsageApi, (api) => api.fetchUsage(Redacted.make(handle.accessToken), context))
const fetchProfile = (handle: AccountHandle) =>
  Effect.flatMap(UsageApi, (api) => api.fetchProfile(Redacted.make(handle.accessToken), context))

/** Both endpoints' failure for one scripted answer, each checked for safety. */
const failures = (scripted: ScriptedResponse) =>
  Effect.gen(function*() {
    const handle = yield* account({}, scripted)
    const usage = yield* Effect.flip(fetchUsage(handle))
    const profile = yield* Effect.flip(fetchProfile(handle))
    assertSafe(usage, handle.accessToken)
    assertSafe(profile, handle.accessToken)
    return { usage, profile }
  })

const lastRequest = (fake: FakeAnthropic, path: string) => {
  const requests = fake.requestsTo(path)
  const last = requests[requests.length - 1]
  assert.isDefined(last)
  return last!
}

layer(apiLayer({ timeout: "5 seconds" }))("HttpUsageApi over real HTTP", (it) => {
  describe("200 bodies", () => {
    it.effect("the A.1 example decodes to the exact snapshot, stamped with the Clock", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const snapshot = yield* fetchUsage(yield* account({}, Responses.example()))
        assert.deepStrictEqual(snapshot, exampleSnapshot)
      }))

    it.effect("unknown keys at every level change nothing", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        assert.deepStrictEqual(yield* fetchUsage(yield* account({}, Responses.unknownKeys())), exampleSnapshot)
      }))

    it.effect("{} has no windows, caps or extra usage", () =>
      Effect.gen(function*() {
        const snapshot = yield* fetchUsage(yield* account({}, Responses.minimal()))
        assert.deepStrictEqual([snapshot.fiveHour, snapshot.sevenDay, snapshot.caps, snapshot.extraUsage], [null, null, [], null])
        assert.strictEqual(snapshot.tier, context.tier)
      }))

    it.effect("every known key null reads like {}", () =>
      Effect.gen(function*() {
        const snapshot = yield* fetchUsage(yield* account({}, Responses.allNull()))
        assert.deepStrictEqual([snapshot.fiveHour, snapshot.sevenDay, snapshot.caps, snapshot.extraUsage], [null, null, [], null])
      }))

    it.effect("null utilization and reset stay unknown, never 0", () =>
      Effect.gen(function*() {
        const snapshot = yield* fetchUsage(yield* account({}, Responses.nullUtilization()))
        assert.deepStrictEqual([snapshot.fiveHour, snapshot.sevenDay], [window(null, null), window(null, null)])
        assert.isNull(snapshot.extraUsage)
      }))

    it.effect("a body from UsageBodies.build round-trips through the wire", () =>
      Effect.gen(function*() {
        const body = UsageBodies.build({ fiveHour: { utilization: 101.5, resetsAt: 1_786_000_000_000 }, sevenDay: null })
        const snapshot = yield* fetchUsage(yield* account({}, Responses.json(body)))
        assert.deepStrictEqual([snapshot.fiveHour, snapshot.sevenDay], [window(101.5, 1_786_000_000_000), null])
      }))
  })

  describe("request", () => {
    it.effect("GETs /api/oauth/usage with the A.1 headers", () =>
      Effect.gen(function*() {
        const handle = yield* account()
        yield* fetchUsage(handle)
        const request = lastRequest(yield* Fake, "/api/oauth/usage")
        assert.strictEqual(request.method, "GET")
        assert.strictEqual(request.headers["authorization"], `Bearer ${handle.accessToken}`)
        assert.strictEqual(request.headers["anthropic-beta"], "oauth-2025-04-20")
        assert.strictEqual(request.headers["accept"], "application/json")
        assert.strictEqual(request.headers["user-agent"], `claude-code/${HttpUsageApi.defaultUserAgentVersion}`)
      }))

    it.effect("GETs /api/oauth/profile with the same headers", () =>
      Effect.gen(function*() {
        const handle = yield* account()
        yield* fetchProfile(handle)
        const request = lastRequest(yield* Fake, "/api/oauth/profile")
        assert.deepStrictEqual(
          [request.method, request.headers["authorization"], request.headers["anthropic-beta"], request.headers["user-agent"]],
          ["GET", `Bearer ${handle.accessToken}`, "oauth-2025-04-20", "claude-code/2.1.80"]
        )
      }))

    it.effect("sends the configured Claude Code version", () =>
      Effect.gen(function*() {
        const fake = yield* Fake
        const handle = yield* account()
        const api = yield* HttpUsageApi.make({ baseUrl: new URL(fake.url), userAgentVersion: "9.8.7" })
        yield* api.fetchUsage(Redacted.make(handle.accessToken), context)
        assert.strictEqual(lastRequest(fake, "/api/oauth/usage").headers["user-agent"], "claude-code/9.8.7")
      }))

    it.effect("keeps a path prefix of the base URL", () =>
      Effect.gen(function*() {
        const fake = yield* Fake
        const handle = yield* account()
        const api = yield* HttpUsageApi.make({ baseUrl: new URL(`${fake.url}/proxy/`) })
        const error = yield* Effect.flip(api.fetchUsage(Redacted.make(handle.accessToken), context))
        assert.strictEqual(fake.requests[fake.requests.length - 1]?.path, "/proxy/api/oauth/usage")
        assert.deepStrictEqual([error._tag, error._tag === "ApiUnreachable" && error.reason], ["ApiUnreachable", "HTTP 404"])
      }))
  })

  describe("error statuses", () => {
    it.effect("401 (expired token) is Unauthorized on both endpoints", () =>
      Effect.gen(function*() {
        const { profile, usage } = yield* failures(Responses.tokenExpired())
        assert.deepStrictEqual([usage._tag, profile._tag], ["Unauthorized", "Unauthorized"])
        assert.strictEqual(usage._tag === "Unauthorized" && usage.profile, context.profile)
      }))

    it.effect("a token the server does not know is Unauthorized", () =>
      Effect.gen(function*() {
        const api = yield* UsageApi
        const token = "sk-ant-oat01-not-a-token-the-fake-knows-0123456789"
        const error = yield* Effect.flip(api.fetchUsage(Redacted.make(token), context))
        assert.strictEqual(error._tag, "Unauthorized")
        assertSafe(error, token)
      }))

    it.effect("403 is MissingScope, scripted or from a token without user:profile", () =>
      Effect.gen(function*() {
        const { profile, usage } = yield* failures(Responses.forbidden())
        assert.deepStrictEqual([usage._tag, profile._tag], ["MissingScope", "MissingScope"])
        const unscoped = yield* account({ scopes: ["user:inference"] })
        assert.strictEqual((yield* Effect.flip(fetchUsage(unscoped)))._tag, "MissingScope")
      }))

    const retryAfter = (header: number | Date | string | undefined) =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const { profile, usage } = yield* failures(Responses.rateLimited(header))
        assert.strictEqual(usage._tag, "RateLimited")
        assert.strictEqual(profile._tag, "RateLimited")
        const millis = [usage, profile].map((error) => (error._tag === "RateLimited" ? error.retryAfterMillis : "other"))
        assert.strictEqual(millis[0], millis[1])
        return millis[0]
      })

    it.effect("429 with Retry-After seconds", () =>
      Effect.map(retryAfter(600), (millis) => assert.strictEqual(millis, 600_000)))

    it.effect("429 with Retry-After as an HTTP date, relative to the Clock", () =>
      Effect.map(retryAfter(new Date(now + 90_000)), (millis) => assert.strictEqual(millis, 90_000)))

    it.effect("429 with Retry-After as an HTTP date in the past", () =>
      Effect.map(retryAfter(new Date(now - 1_000)), (millis) => assert.isNull(millis)))

    it.effect("429 with Retry-After: 0", () => Effect.map(retryAfter(0), (millis) => assert.isNull(millis)))

    it.effect("429 without Retry-After", () => Effect.map(retryAfter(undefined), (millis) => assert.isNull(millis)))

    it.effect("429 with a garbage Retry-After", () => Effect.map(retryAfter("soon"), (millis) => assert.isNull(millis)))

    it.effect("a user agent other than Claude Code's gets the 429 the real edge sends", () =>
      Effect.gen(function*() {
        const fake = yield* Fake
        const api = yield* HttpUsageApi.make({ baseUrl: new URL(fake.url), userAgentVersion: "" })
        const handle = yield* account()
        const error = yield* Effect.flip(api.fetchUsage(Redacted.make(handle.accessToken), context))
        assert.strictEqual(error._tag, "RateLimited")
      }))

    for (const [name, scripted, reason] of [
      ["500", Responses.serverError(), "HTTP 500"],
      ["529 overloaded", Responses.overloaded(), "HTTP 529"],
      ["502 Cloudflare HTML page", Responses.cloudflare502(), "HTTP 502"],
      ["418", Responses.apiError(418, "teapot", "I'm a teapot"), "HTTP 418"],
      ["204 (a 2xx other than 200)", { status: 204 }, "HTTP 204"],
      ["302 redirect", { status: 302, headers: { location: "https://example.com/" } }, "HTTP 302"]
    ] as const) {
      it.effect(`${name} is ApiUnreachable '${reason}'`, () =>
        Effect.gen(function*() {
          const { profile, usage } = yield* failures(scripted)
          for (const error of [usage, profile]) {
            assert.strictEqual(error._tag, "ApiUnreachable")
            assert.strictEqual(error._tag === "ApiUnreachable" && error.reason, reason)
            assert.strictEqual(error.message, `Unable to reach Claude API (${reason}) — will retry`)
          }
        }))
    }
  })

  describe("bodies that are not usage data", () => {
    const invalid = (scripted: ScriptedResponse) =>
      Effect.gen(function*() {
        const { profile, usage } = yield* failures(scripted)
        assert.strictEqual(usage._tag, "UsageBodyInvalid")
        assert.strictEqual(profile._tag, "UsageBodyInvalid")
        assert.deepStrictEqual(profile, usage, "both endpoints classify a body alike")
        return usage._tag === "UsageBodyInvalid" ? usage : assert.fail("expected UsageBodyInvalid")
      })

    it.effect("a Cloudflare HTML page with status 200 shows its visible text", () =>
      Effect.gen(function*() {
        const error = yield* invalid({ ...Responses.cloudflare502(), status: 200 })
        assert.deepStrictEqual([error.reason, error.html, error.excerpt], ["not_json", true, "502 Bad Gateway cloudflare"])
        assert.include(error.message, "HTML: \"502 Bad Gateway cloudflare\"")
      }))

    it.effect("malformed JSON", () =>
      Effect.gen(function*() {
        const error = yield* invalid(Responses.malformedJson())
        assert.deepStrictEqual([error.reason, error.html], ["not_json", false])
        assert.isTrue(error.excerpt.startsWith("{\"five_hour\""))
      }))

    it.effect("an empty body", () =>
      Effect.map(invalid(Responses.emptyBody()), (error) => assert.strictEqual(error.reason, "empty")))

    it.effect("a JSON array", () =>
      Effect.map(invalid(Responses.json([1, 2, 3])), (error) => assert.strictEqual(error.reason, "not_an_object")))

    it.effect("a page echoing the token never shows it", () =>
      Effect.gen(function*() {
        const handle = yield* account()
        handle.scriptUsage({ status: 200, body: `<html><body>Bad request for Bearer ${handle.accessToken}</body></html>` })
        const error = yield* Effect.flip(fetchUsage(handle))
        assert.strictEqual(error._tag, "UsageBodyInvalid")
        assertSafe(error, handle.accessToken)
      }))
  })

  describe("fetchProfile", () => {
    it.effect("decodes the A.3 body", () =>
      Effect.gen(function*() {
        const handle = yield* account({ email: "ada@example.com", displayName: "Ada", tier: "default_claude_max_5x" })
        assert.deepStrictEqual(
          yield* fetchProfile(handle),
          new AccountProfile({
            accountId: handle.id,
            email: "ada@example.com",
            displayName: "Ada",
            subscriptionType: "max",
            rateLimitTier: "default_claude_max_5x"
          })
        )
      }))

    it.effect("maps organization_type to the subscription type, keeping unknown ones raw", () =>
      Effect.gen(function*() {
        const types = ["claude_pro", "claude_max", "claude_team", "claude_enterprise", "claude_free_trial"]
        const mapped = yield* Effect.forEach(types, (organizationType) =>
          Effect.flatMap(account({ organizationType }), fetchProfile))
        assert.deepStrictEqual(mapped.map((profile) => profile.subscriptionType), ["pro", "max", "team", "enterprise", "claude_free_trial"])
      }))

    it.effect("missing or null fields are null; unknown keys are ignored", () =>
      Effect.gen(function*() {
        const uuid = "4f7c1a2e-0000-4000-8000-000000000001"
        const handle = yield* account({}, Responses.json({ account: { uuid, email_address: 42, zebra: 1 }, organization: null, extra: [] }))
        assert.deepStrictEqual(
          yield* fetchProfile(handle),
          new AccountProfile({ accountId: uuid, email: null, displayName: null, subscriptionType: null, rateLimitTier: null })
        )
      }))

    it.effect("a JSON object without account.uuid is UsageBodyInvalid not_an_object", () =>
      Effect.gen(function*() {
        const handle = yield* account()
        handle.scriptProfile(Responses.json({ organization: { organization_type: "claude_max" } }))
        const error = yield* Effect.flip(fetchProfile(handle))
        assert.deepStrictEqual([error._tag, error._tag === "UsageBodyInvalid" && error.reason], ["UsageBodyInvalid", "not_an_object"])
        assertSafe(error, handle.accessToken)
      }))
  })
})

describe("HttpUsageApi transport failures", () => {
  it.live("a server that never answers times out after the configured timeout", () =>
    Effect.gen(function*() {
      const handle = yield* account({}, Responses.hang())
      const started = Date.now()
      const error = yield* Effect.flip(fetchUsage(handle))
      assert.deepStrictEqual([error._tag, error._tag === "ApiUnreachable" && error.reason], ["ApiUnreachable", "timed out after 0.2s"])
      assert.isBelow(Date.now() - started, 3_000)
      assertSafe(error, handle.accessToken)
    }).pipe(Effect.provide(apiLayer({ timeout: "200 millis" }))))

  it.live("an answer slower than the timeout times out, one within it succeeds", () =>
    Effect.gen(function*() {
      const handle = yield* account({}, Responses.delayed(50), Responses.delayed(1_500))
      assert.strictEqual((yield* fetchUsage(handle)).fiveHour?.utilization, 15)
      const error = yield* Effect.flip(fetchUsage(handle))
      assert.strictEqual(error._tag === "ApiUnreachable" && error.reason, "timed out after 0.5s")
    }).pipe(Effect.provide(apiLayer({ timeout: "500 millis" }))))

  it.effect("the default timeout is 10 s", () =>
    Effect.gen(function*() {
      const fake = yield* Fake
      const handle = yield* account({}, Responses.hang())
      const fiber = yield* Effect.fork(Effect.flip(fetchUsage(handle)))
      while (fake.requestsTo("/api/oauth/usage").length === 0) yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 5)))
      yield* TestClock.adjust("10 seconds")
      const error = yield* fiber.await.pipe(Effect.flatten)
      assert.strictEqual(error.message, "Unable to reach Claude API (timed out after 10s) — will retry")
    }).pipe(Effect.provide(apiLayer())))

  for (const [name, client] of [["undici", NodeHttpClient.layerUndici], ["fetch", FetchHttpClient.layer]] as const) {
    it.live(`a closed port is 'connection refused' (${name})`, () =>
      Effect.gen(function*() {
        const port = yield* closedPort
        const api = yield* HttpUsageApi.make({ baseUrl: new URL(`http://127.0.0.1:${port}`) })
        const token = "sk-ant-oat01-refused-connection-token-0123456789"
        for (const error of [
          yield* Effect.flip(api.fetchUsage(Redacted.make(token), context)),
          yield* Effect.flip(api.fetchProfile(Redacted.make(token), context))
        ]) {
          assert.deepStrictEqual([error._tag, error._tag === "ApiUnreachable" && error.reason], ["ApiUnreachable", "connection refused"])
          assertSafe(error, token)
        }
      }).pipe(Effect.provide(client)))

    it.live(`a dropped connection is ApiUnreachable (${name})`, () =>
      Effect.gen(function*() {
        const handle = yield* account({}, Responses.closeConnection())
        const error = yield* Effect.flip(fetchUsage(handle))
        assert.deepStrictEqual([error._tag, error._tag === "ApiUnreachable" && error.reason], ["ApiUnreachable", "connection closed"])
        assertSafe(error, handle.accessToken)
      }).pipe(Effect.provide(apiLayer({}, client))))

    it.live(`the A.1 example arrives intact (${name})`, () =>
      Effect.gen(function*() {
        const snapshot = yield* fetchUsage(yield* account())
        assert.deepStrictEqual(snapshot, new UsageSnapshot({ ...exampleSnapshot, fetchedAt: snapshot.fetchedAt }))
        assert.isAtMost(Math.abs(snapshot.fetchedAt - Date.now()), 5_000)
      }).pipe(Effect.provide(apiLayer({}, client))))
  }
})

describe("HttpUsageApi configuration", () => {
  const withEnv = (env: Record<string, string>) => Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

  it.live("layerConfig reads CCHDRM_API_URL", () =>
    Effect.gen(function*() {
      const fake = yield* Fake
      const handle = fake.addAccount()
      const snapshot = yield* fetchUsage(handle).pipe(Effect.provide(HttpUsageApi.layerConfig.pipe(
        Layer.provide([NodeHttpClient.layerUndici, withEnv({ CCHDRM_API_URL: fake.url })])
      )))
      assert.strictEqual(snapshot.fiveHour?.utilization, 15)
      assert.strictEqual(fake.requestsTo("/api/oauth/usage").length, 1)
    }).pipe(Effect.provide(apiLayer())))

  it.effect("layerConfig refuses plain http off loopback with a one-line message", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Layer.build(HttpUsageApi.layerConfig.pipe(
        Layer.provide([NodeHttpClient.layerUndici, withEnv({ CCHDRM_API_URL: "http://api.example.com" })])
      )).pipe(Effect.scoped))
      assert.strictEqual(error._tag, "ApiUrlInvalid")
      assert.strictEqual(
        error.message,
        "CCHDRM_API_URL='http://api.example.com/' is not allowed — use https://, or http:// only on loopback (127.0.0.0/8, ::1, localhost)"
      )
    }))

  it.effect("make refuses a non-https URL before any request", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(HttpUsageApi.make({ baseUrl: new URL("ftp://127.0.0.1/") }))
      assert.deepStrictEqual([error._tag, error.variable, error.problem], ["ApiUrlInvalid", "CCHDRM_API_URL", "insecure"])
    }).pipe(Effect.provide(NodeHttpClient.layerUndici)))
})
