import { Effect, Layer, Redacted } from "effect"
import type { ProfileName } from "../../src/domain/Profile.js"
import { Credentials } from "../../src/services/CredentialStore.js"
import { TokenExpired, TokenRefreshFailed } from "../../src/services/TokenRefresher.js"
import { type StagedRefresh, TokenRefresherContract, TokenRefresherHarness } from "../../src/testing/contracts/index.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import { ScriptedTokenRefresherControl } from "../../src/testing/ScriptedTokenRefresher.js"
import * as ScriptedTokenRefresher from "../../src/testing/ScriptedTokenRefresher.js"

// What the real endpoint does without `refresh_token` in its answer: a new access token only.
const withoutRefreshToken = ScriptedTokenRefresher.refreshed((old, now, call) =>
  new Credentials({ ...old, accessToken: Redacted.make(`kept-access-${call}`), expiresAt: now + ScriptedTokenRefresher.defaultLifetimeMillis }))

const stepOf = (profile: ProfileName, answer: StagedRefresh): ScriptedTokenRefresher.Step => {
  switch (answer) {
    case "rotated":
      return ScriptedTokenRefresher.rotate
    case "withoutRefreshToken":
      return withoutRefreshToken
    case "invalidGrant":
      return new TokenExpired({ profile, source: "vault" })
    case "unavailable":
      return new TokenRefreshFailed({ profile, reason: "HTTP 503" })
  }
}

const scripted = Layer.effect(
  TokenRefresherHarness,
  Effect.map(ScriptedTokenRefresherControl, (control) =>
    TokenRefresherHarness.of({
      stage: (profile, answer) =>
        Effect.as(
          control.script(profile, stepOf(profile, answer)),
          Fixtures.credentials({
            accessToken: `sk-ant-oat01-${profile}`,
            refreshToken: `sk-ant-ort01-${profile}`,
            scopes: ["user:inference", "user:profile"],
            subscriptionType: "max",
            tier: "default_claude_max_20x"
          })
        )
    }))
).pipe(Layer.provideMerge(ScriptedTokenRefresher.layer))

TokenRefresherContract("ScriptedTokenRefresher", scripted)
