import type { ProfileName } from "../../src/domain/Profile.js"
import { Responses, UsageBodies } from "@cchdrm/testkit"
import type { ScriptedResponse } from "@cchdrm/testkit"
import { Effect, Either, Layer, Redacted } from "effect"
import * as UsageBody from "../../src/domain/UsageBody.js"
import { ApiUnreachable, MissingScope, RateLimited, Unauthorized } from "../../src/services/UsageApi.js"
import { type StagedAnswer, UsageApiContract, UsageApiHarness } from "../../src/testing/contracts/index.js"
import * as ScriptedUsageApi from "../../src/testing/ScriptedUsageApi.js"
import { ScriptedUsageApiControl } from "../../src/testing/ScriptedUsageApi.js"
import { apiLayer, Fake } from "../services/httpFakeAnthropic.js"

const htmlPage = "<html><head><title>Maintenance</title></head><body><h1>Back soon</h1></body></html>"

// The scripted API stages each answer as the step the live API would turn it into.
const scriptedStep = (profile: ProfileName, answer: StagedAnswer): ScriptedUsageApi.Step => {
  if (typeof answer === "object") {
    return new RateLimited({ profile, retryAfterMillis: answer.rateLimited === null ? null : answer.rateLimited * 1_000 })
  }
  switch (answer) {
    case "example":
      return (now, context) =>
        Either.getOrThrow(UsageBody.decode(JSON.stringify(UsageBodies.example()), { profile: context.profile, fetchedAt: now, tier: context.tier }))
    case "unauthorized":
      return new Unauthorized({ profile })
    case "forbidden":
      return new MissingScope({ profile })
    case "serverError":
      return new ApiUnreachable({ profile, reason: "HTTP 500" })
    case "html":
      return Either.getOrThrow(Either.flip(UsageBody.decode(htmlPage, { profile, fetchedAt: 0, tier: null })))
  }
}

const scripted = Layer.effect(
  UsageApiHarness,
  Effect.map(ScriptedUsageApiControl, (control) =>
    UsageApiHarness.of({
      stage: (profile, answer) =>
        Effect.as(control.script(profile, scriptedStep(profile, answer)), Redacted.make(`sk-ant-oat01-contract-${profile}`))
    }))
).pipe(Layer.provideMerge(ScriptedUsageApi.layer))

// The live API stages each answer on the fake server, for a fresh account per profile.
const responseOf = (answer: StagedAnswer): ScriptedResponse => {
  if (typeof answer === "object") return Responses.rateLimited(answer.rateLimited ?? undefined)
  switch (answer) {
    case "example":
      return Responses.example()
    case "unauthorized":
      return Responses.unauthorized()
    case "forbidden":
      return Responses.forbidden()
    case "serverError":
      return Responses.serverError()
    case "html":
      return { status: 200, body: htmlPage, headers: { "content-type": "text/html" } }
  }
}

const http = Layer.effect(
  UsageApiHarness,
  Effect.map(Fake, (fake) =>
    UsageApiHarness.of({
      stage: (_profile, answer) =>
        Effect.sync(() => {
          const account = fake.addAccount()
          account.scriptUsage(responseOf(answer))
          return Redacted.make(account.accessToken)
        })
    }))
).pipe(Layer.provideMerge(apiLayer({ timeout: "5 seconds" })))

UsageApiContract("ScriptedUsageApi", scripted)
UsageApiContract("HttpUsageApi over the testkit's fake server", http)
