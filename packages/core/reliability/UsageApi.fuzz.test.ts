// 10,000 hostile usage bodies through the live UsageApi over HTTP (testkit's fake on loopback):
// each is a typed error or a valid snapshot — never a defect, never a token in an error.
import { UsageBodies } from "@cchdrm/testkit"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Redacted } from "effect"
import { ProfileName } from "../src/domain/Profile.js"
import { UsageApi } from "../src/services/UsageApi.js"
import { apiLayer, assertSafe, Fake } from "../test/services/httpFakeAnthropic.js"
import { hostileText, random } from "./hostile.js"

export const bodies = 10_000
const context = { profile: ProfileName.make("fuzz"), tier: "default_claude_max_20x" }
const finiteOrNull = (value: number | null) => value === null || Number.isFinite(value)

describe("UsageApi under hostile bodies", () => {
  it.live(`${bodies} generated bodies: zero defects, each a typed error or a valid snapshot`, () =>
    Effect.gen(function*() {
      const fake = yield* Fake
      const api = yield* UsageApi
      const handle = fake.addAccount()
      const rng = random(16)
      const valid = UsageBodies.example() as unknown as Record<string, unknown>
      const outcomes = { snapshot: 0, error: 0 }
      for (let index = 0; index < bodies; index++) {
        const text = hostileText(rng, valid, index)
        handle.scriptUsage({ status: 200, body: text, headers: { "content-type": "application/json" } })
        const exit = yield* Effect.exit(api.fetchUsage(Redacted.make(handle.accessToken), context))
        if (Exit.isSuccess(exit)) {
          const snapshot = exit.value
          for (const window of [snapshot.fiveHour, snapshot.sevenDay]) {
            if (window !== null) assert.isTrue(finiteOrNull(window.utilization) && finiteOrNull(window.resetsAt), `body ${index}`)
          }
          for (const cap of snapshot.caps) assert.isTrue(finiteOrNull(cap.utilization), `body ${index}`)
          outcomes.snapshot++
        } else {
          const failure = Cause.failureOption(exit.cause)
          assert.isTrue(failure._tag === "Some", `body ${index} died: ${Cause.pretty(exit.cause).split("\n")[0]}`)
          if (failure._tag === "Some") assertSafe(failure.value, handle.accessToken)
          outcomes.error++
        }
      }
      assert.strictEqual(outcomes.snapshot + outcomes.error, bodies)
      // Both kinds of outcome occur: the generator is hostile, not merely broken.
      assert.isAbove(outcomes.snapshot, 1_000)
      assert.isAbove(outcomes.error, 1_000)
      console.log(`UsageApi fuzz: ${bodies} bodies, ${outcomes.snapshot} snapshots, ${outcomes.error} typed errors, 0 defects`)
    }).pipe(Effect.provide(apiLayer())), { timeout: 600_000 })
})
