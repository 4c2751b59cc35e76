// HttpTokenRefresher against the TokenRefresher contract, over real HTTP to testkit's fake token
// endpoint: each staged answer is a scripted response or a revoked refresh token.
import { FetchHttpClient } from "@effect/platform"
import { Responses } from "@cchdrm/testkit"
import type { FakeAnthropic } from "@cchdrm/testkit"
import { type StagedRefresh, TokenRefresherContract, TokenRefresherHarness } from "@cchdrm/core/testing/contracts"
import { Effect, Layer } from "effect"
import * as HttpTokenRefresher from "../src/HttpTokenRefresher.js"
import * as FakeServer from "./support/FakeServer.js"

// The fake's token script is one queue consumed per request; the contract's tests run one at a time.
const stageOn = (fake: FakeAnthropic, answer: StagedRefresh) => {
  const account = fake.addAccount({ scopes: ["user:inference", "user:profile"] })
  switch (answer) {
    case "rotated":
      fake.scriptToken({ scopeFormat: "array" })
      break
    case "withoutRefreshToken":
      fake.scriptToken({ omitRefreshToken: true, scopeFormat: "string" })
      break
    case "invalidGrant":
      account.revokeRefreshToken()
      break
    case "unavailable":
      fake.scriptToken({ respond: Responses.serverError(503) })
      break
  }
  return FakeServer.credentialsOf(account)
}

const http = Layer.unwrapScoped(Effect.map(FakeServer.start(), (fake) =>
  Layer.merge(
    Layer.succeed(TokenRefresherHarness, TokenRefresherHarness.of({ stage: (_, answer) => Effect.sync(() => stageOn(fake, answer)) })),
    HttpTokenRefresher.layer({ tokenUrl: fake.tokenUrl }).pipe(Layer.provide(FetchHttpClient.layer))
  )))

TokenRefresherContract("HttpTokenRefresher (fake token endpoint on loopback)", http)
