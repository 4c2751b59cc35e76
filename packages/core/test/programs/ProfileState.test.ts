import { assert, describe, it } from "@effect/vitest"
import { Option } from "effect"
import { CreditLimits } from "../../src/domain/Credits.js"
import { ProfileName } from "../../src/domain/Profile.js"
import * as ProfileState from "../../src/programs/ProfileState.js"
import * as Fixtures from "../../src/testing/Fixtures.js"

const main = ProfileName.make("default")
const minute = 60_000

describe("ProfileState", () => {
  it("delayMillis: the interval, then interval × 2^(n−1), capped at an hour", () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 40].map((failures) =>
      ProfileState.delayMillis({ failures, retryAfterMillis: null }, 180) / 1_000)
    assert.deepStrictEqual(delays, [180, 180, 360, 720, 1440, 2880, 3600, 3600])
  })

  it("delayMillis: Retry-After floors the backoff but never passes the cap", () => {
    assert.strictEqual(ProfileState.delayMillis({ failures: 1, retryAfterMillis: 600_000 }, 180), 600_000)
    assert.strictEqual(ProfileState.delayMillis({ failures: 3, retryAfterMillis: 600_000 }, 180), 720_000)
    assert.strictEqual(ProfileState.delayMillis({ failures: 1, retryAfterMillis: 7_200_000 }, 180), 3_600_000)
    // Without a failure there is nothing to back off from.
    assert.strictEqual(ProfileState.delayMillis({ failures: 0, retryAfterMillis: 600_000 }, 60), 60_000)
  })

  it("bootstrap: slope buffers from recent polls, the newest poll shown", () => {
    const polls = [0, 5, 10].map((m) => Fixtures.snapshot({ fetchedAt: m * minute, fiveHour: { utilization: 10 + m, resetsAt: 99 * minute }, sevenDay: null }))
    const state = ProfileState.bootstrap(main, polls, Option.some(polls[2]!))
    assert.strictEqual(state.slope5h.length, 3)
    assert.strictEqual(state.slope7d.length, 0)
    assert.strictEqual(state.snapshot?.fetchedAt, 10 * minute)
    assert.strictEqual(state.connection, "disconnected")
    assert.strictEqual(ProfileState.slopeLevels(state, Option.none()).fiveHour, "rising")
  })

  it("slopeLevels: the 7-day rate is scaled by the tier's factor", () => {
    const polls = [0, 5, 10].map((m) => Fixtures.snapshot({ fetchedAt: m * minute, sevenDay: { utilization: 40 + m * 0.05, resetsAt: 9e12 } }))
    const state = ProfileState.bootstrap(main, polls, Option.none())
    // 0.05 %/min of the week is flat alone, rising at 10× (credits7d / credits5h).
    assert.strictEqual(ProfileState.slopeLevels(state, Option.none()).sevenDay, "flat")
    const limits = Option.some(new CreditLimits({ fiveHour: 1, sevenDay: 10 }))
    assert.strictEqual(ProfileState.slopeLevels(state, limits).sevenDay, "rising")
  })

  it("stillRefused: only the very tokens that were refused", () => {
    const refused = Fixtures.credentials({ accessToken: "a", refreshToken: "r" })
    const state = { ...ProfileState.initial(main), refused: { accessToken: refused.accessToken, refreshToken: refused.refreshToken } }
    assert.isTrue(ProfileState.stillRefused(state, Fixtures.credentials({ accessToken: "a", refreshToken: "r" })))
    assert.isFalse(ProfileState.stillRefused(state, Fixtures.credentials({ accessToken: "a", refreshToken: "r2" })))
    assert.isFalse(ProfileState.stillRefused(state, Fixtures.credentials({ accessToken: "b", refreshToken: "r" })))
    assert.isFalse(ProfileState.stillRefused(ProfileState.initial(main), refused))
  })
})
