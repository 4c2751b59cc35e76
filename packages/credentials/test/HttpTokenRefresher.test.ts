import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Responses } from "@cchdrm/testkit"
import { ProfileName } from "@cchdrm/core/domain/Profile"
import { TokenRefresher } from "@cchdrm/core/services/TokenRefresher"
import { ConfigProvider, Effect, Exit, Fiber, Layer, Redacted, TestClock } from "effect"
import * as HttpTokenRefresher from "../src/HttpTokenRefresher.js"
import * as FakeServer from "./support/FakeServer.js"
import * as Fixtures from "./support/Fixtures.js"

const profile = ProfileName.make("work")

const waitFor = (condition: () => boolean) =>
  Effect.promise(async () => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
  })

describe("HttpTokenRefresher", () => {
  it.scoped("posts the refresh_token grant as JSON and returns the rotated tokens", () =>
    Effect.gen(function*() {
      const fake = yield* FakeServer.start()
      const account = fake.addAccount({ scopes: ["user:inference", "user:profile"] })
      const refresher = yield* FakeServer.refresher(fake.tokenUrl)
      const before = FakeServer.credentialsOf(account)
      yield* TestClock.setTime(1_000_000)
      fake.scriptToken({ expiresIn: 3_600, scopeFormat: "array" })
      const after = yield* refresher.refresh(profile, "claude-code", before)

      const [request] = FakeServer.tokenRequests(fake)
      assert.deepStrictEqual(request?.json, {
        grant_type: "refresh_token",
        refresh_token: Redacted.value(before.refreshToken!),
        client_id: HttpTokenRefresher.clientId
      })
      assert.include(request?.headers["content-type"], "application/json")
      assert.strictEqual(Redacted.value(after.accessToken), account.accessToken)
      assert.notStrictEqual(Redacted.value(after.accessToken), Redacted.value(before.accessToken))
      assert.strictEqual(Redacted.value(after.refreshToken!), account.refreshToken)
      assert.notStrictEqual(Redacted.value(after.refreshToken!), Redacted.value(before.refreshToken!))
      assert.strictEqual(after.expiresAt, 1_000_000 + 3_600_000)
      assert.deepStrictEqual(after.scopes, ["user:inference", "user:profile"])
      assert.strictEqual(after.subscriptionType, "max")
      assert.strictEqual(after.rateLimitTier, "default_claude_max_20x")
    }))

  it.scoped("keeps the old refresh token when none is returned, and splits a space-separated scope", () =>
    Effect.gen(function*() {
      const fake = yield* FakeServer.start()
      const account = fake.addAccount({ scopes: ["user:inference", "user:profile"] })
      const refresher = yield* FakeServer.refresher(fake.tokenUrl)
      const before = FakeServer.credentialsOf(account)
      fake.scriptToken({ omitRefreshToken: true, scopeFormat: "string" })
      const after = yield* refresher.refresh(profile, "claude-code", before)
      assert.strictEqual(Redacted.value(after.refreshToken!), Redacted.value(before.refreshToken!))
      assert.deepStrictEqual(after.scopes, ["user:inference", "user:profile"])
      assert.strictEqual(Redacted.value(after.accessToken), account.accessToken)
    }))

  it.scoped("turns invalid_grant (a reused or revoked refresh token) into TokenExpired", () =>
    Effect.gen(function*() {
      const fake = yield* FakeServer.start()
      const account = fake.addAccount()
      const refresher = yield* FakeServer.refresher(fake.tokenUrl)
      const before = FakeServer.credentialsOf(account)
      yield* refresher.refresh(profile, "vault", before)
      const reused = yield* Effect.flip(refresher.refresh(profile, "vault", before))
      assert.strictEqual(reused._tag, "TokenExpired")
      if (reused._tag === "TokenExpired") assert.strictEqual(reused.source, "vault")
      account.revokeRefreshToken()
      const revoked = yield* Effect.flip(refresher.refresh(profile, "claude-code", FakeServer.credentialsOf(account)))
      assert.strictEqual(revoked._tag, "TokenExpired")
    }))

  it.scoped("fails with TokenExpired without a request when there is no refresh token", () =>
    Effect.gen(function*() {
      const fake = yield* FakeServer.start()
      const refresher = yield* FakeServer.refresher(fake.tokenUrl)
      const error = yield* Effect.flip(refresher.refresh(profile, "claude-code", Fixtures.credentials({ refreshToken: null })))
      assert.strictEqual(error._tag, "TokenExpired")
      assert.strictEqual(fake.requests.length, 0)
    }))

  const failures: ReadonlyArray<readonly [string, Responses.ScriptedResponse, string]> = [
    ["a 500", Responses.serverError(500), "HTTP 500"],
    ["a 502 HTML page", { status: 502, body: "<html>Bad Gateway</html>" }, "HTTP 502"],
    ["a 400 other than invalid_grant", Responses.oauthError(400, "invalid_request", "nope"), "HTTP 400 invalid_request"],
    ["a 200 without access_token", Responses.json({ token_type: "Bearer" }), "not a token response"],
    ["a 200 with HTML", { status: 200, body: "<html></html>" }, "not a token response"],
    ["a dropped connection", Responses.closeConnection(), "network error"]
  ]

  for (const [name, response, reason] of failures) {
    it.scoped(`turns ${name} into TokenRefreshFailed (${reason})`, () =>
      Effect.gen(function*() {
        const fake = yield* FakeServer.start()
        const account = fake.addAccount()
        const refresher = yield* FakeServer.refresher(fake.tokenUrl)
        fake.scriptToken({ respond: response })
        const error = yield* Effect.flip(refresher.refresh(profile, "claude-code", FakeServer.credentialsOf(account)))
        assert.strictEqual(error._tag, "TokenRefreshFailed")
        if (error._tag === "TokenRefreshFailed") assert.include(error.reason, reason)
        assert.notInclude(error.message, "\n")
      }))
  }

  it.scoped("reports an unreachable endpoint as a network error", () =>
    Effect.gen(function*() {
      const fake = yield* FakeServer.start()
      const account = fake.addAccount()
      yield* Effect.promise(() => fake.close())
      const refresher = yield* FakeServer.refresher(fake.tokenUrl)
      const error = yield* Effect.flip(refresher.refresh(profile, "claude-code", FakeServer.credentialsOf(account)))
      assert.strictEqual(error._tag, "TokenRefreshFailed")
      if (error._tag === "TokenRefreshFailed") assert.match(error.reason, /^network error/)
    }))

  it.scoped("gives up after 10 seconds", () =>
    Effect.gen(function*() {
      const fake = yield* FakeServer.start()
      const account = fake.addAccount()
      const refresher = yield* FakeServer.refresher(fake.tokenUrl)
      fake.scriptToken({ respond: Responses.hang() })
      const fiber = yield* Effect.fork(refresher.refresh(profile, "claude-code", FakeServer.credentialsOf(account)))
      yield* waitFor(() => fake.requests.length === 1)
      yield* TestClock.adjust("9 seconds")
      assert.isTrue((yield* Fiber.poll(fiber))._tag === "None")
      yield* TestClock.adjust("1 second")
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "TokenRefreshFailed")
      if (error._tag === "TokenRefreshFailed") assert.strictEqual(error.reason, "timed out after 10s")
    }))
})

describe("HttpTokenRefresher URLs", () => {
  it("accepts https anywhere and plain http only on loopback", () => {
    for (const url of ["https://platform.claude.com/v1/oauth/token", "http://127.0.0.1:8080/t", "http://localhost/t", "http://[::1]:9/t"]) {
      assert.isTrue(HttpTokenRefresher.isAllowedUrl(url), url)
    }
    for (const url of ["http://platform.claude.com/v1/oauth/token", "http://10.0.0.1/t", "ftp://127.0.0.1/t", "not a url", ""]) {
      assert.isFalse(HttpTokenRefresher.isAllowedUrl(url), url)
    }
  })

  const tokenUrlFrom = (env: ReadonlyArray<[string, string]>) =>
    Effect.withConfigProvider(HttpTokenRefresher.tokenUrl, ConfigProvider.fromMap(new Map(env)))

  it.effect("reads CCHDRM_TOKEN_URL, defaulting to the platform host, and rejects plain http elsewhere", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* tokenUrlFrom([]), "https://platform.claude.com/v1/oauth/token")
      assert.strictEqual(yield* tokenUrlFrom([["CCHDRM_TOKEN_URL", "http://127.0.0.1:1/x"]]), "http://127.0.0.1:1/x")
      const error = yield* Effect.flip(tokenUrlFrom([["CCHDRM_TOKEN_URL", "http://evil.example/x"]]))
      assert.strictEqual(error._tag, "ApiUrlInvalid")
      assert.strictEqual(
        error.message,
        "CCHDRM_TOKEN_URL='http://evil.example/x' is not allowed — use https://, or http:// only on loopback (127.0.0.0/8, ::1, localhost)"
      )
    }))

  it.effect("refuses to build against a non-loopback http URL", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Effect.provide(
        TokenRefresher,
        HttpTokenRefresher.layer({ tokenUrl: "http://platform.claude.com/t" }).pipe(Layer.provide(FetchHttpClient.layer))
      ))
      assert.isTrue(Exit.isFailure(exit))
    }))
})
