// testkit's fake Anthropic on loopback, closed when the scope closes, and a refresher against it.
import { FetchHttpClient } from "@effect/platform"
import { startFakeAnthropic } from "@cchdrm/testkit"
import type { AccountHandle, FakeAnthropic, FakeAnthropicOptions } from "@cchdrm/testkit"
import { Credentials } from "@cchdrm/core/services/CredentialStore"
import { TokenRefresher } from "@cchdrm/core/services/TokenRefresher"
import { Effect, Layer, Redacted } from "effect"
import * as HttpTokenRefresher from "../../src/HttpTokenRefresher.js"

/** A fake that accepts only Claude Code's client id. */
export const start = (options: FakeAnthropicOptions = {}) =>
  Effect.acquireRelease(
    Effect.promise(() => startFakeAnthropic({ clientId: HttpTokenRefresher.clientId, ...options })),
    (fake) => Effect.promise(() => fake.close())
  )

/** The refresher against `tokenUrl`, over the fetch client. */
export const refresher = (tokenUrl: string) =>
  Effect.provide(
    TokenRefresher,
    HttpTokenRefresher.layer({ tokenUrl }).pipe(Layer.provide(FetchHttpClient.layer))
  )

/** An account's credentials as cc-hdrm holds them. */
export const credentialsOf = (account: AccountHandle) =>
  new Credentials({
    accessToken: Redacted.make(account.accessToken),
    refreshToken: Redacted.make(account.refreshToken),
    expiresAt: account.expiresAt,
    scopes: account.scopes,
    subscriptionType: "max",
    rateLimitTier: "default_claude_max_20x"
  })

/** The JSON bodies the token endpoint received. */
export const tokenRequests = (fake: FakeAnthropic) =>
  fake.requestsTo("/v1/oauth/token").map((request) => ({ ...request, json: JSON.parse(request.body) as Record<string, unknown> }))
