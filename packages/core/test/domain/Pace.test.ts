import { assert, describe, it } from "@effect/vitest"
import { FastCheck, Option } from "effect"
import * as Pace from "../../src/domain/Pace.js"

const hour = 3_600_000
const week = Pace.windowLength.sevenDay
// Tue 2026-11-24 00:00 UTC: the week below ends on the following Tuesday.
const resetsAt = Date.UTC(2026, 11, 1, 18, 0)
const start = resetsAt - week
const at = (fraction: number) => start + fraction * week

const pace = (utilization: number | null, now: number, reset: number | null = resetsAt) =>
  Pace.paceOf({ utilization, resetsAt: reset, length: week, now })

const fraction = FastCheck.double({ min: Pace.minElapsed, max: 1, noNaN: true })

describe("Pace.paceOf", () => {
  it.prop("an even burn is exactly on pace at any elapsed fraction", [fraction], ([elapsed]) => {
    const now = at(elapsed)
    // The even burn's utilization at `now`, from the same instants the function sees.
    const even = ((now - start) / week) * 100
    const result = Option.getOrThrow(pace(even, now))
    assert.closeTo(result.delta, 0, 1e-9)
    assert.isNull(result.runsOutAt)
  })

  it.prop(
    "the run-out time never moves later as utilization grows",
    [fraction, FastCheck.double({ min: 0, max: 99.99, noNaN: true }), FastCheck.double({ min: 0, max: 99.99, noNaN: true })],
    ([elapsed, a, b]) => {
      const now = at(elapsed)
      const [low, high] = a <= b ? [a, b] : [b, a]
      const lower = Option.getOrThrow(pace(low, now)).runsOutAt
      const higher = Option.getOrThrow(pace(high, now)).runsOutAt
      if (lower !== null) {
        assert.isNotNull(higher, "more usage at the same moment runs out too")
        assert.isAtMost(higher!, lower)
      }
      for (const runsOut of [lower, higher]) {
        if (runsOut !== null) {
          assert.isAbove(runsOut, now, "a run-out time is always ahead")
          assert.isBelow(runsOut, resetsAt, "and before the reset")
        }
      }
    }
  )

  it.prop(
    "undefined cases give no pace; defined ones are finite",
    [
      FastCheck.double({ min: -0.5, max: 1.5, noNaN: true }),
      FastCheck.oneof(FastCheck.constant(null), FastCheck.double({ noNaN: false })),
      FastCheck.boolean()
    ],
    ([elapsed, utilization, knownReset]) => {
      const now = at(elapsed)
      const result = pace(utilization, now, knownReset ? resetsAt : null)
      const undefinedCase = !knownReset || utilization === null || !Number.isFinite(utilization) ||
        (now - start) / week < Pace.minElapsed || now > resetsAt
      if (undefinedCase) return assert.isTrue(Option.isNone(result))
      const value = Option.getOrThrow(result)
      assert.isTrue(Number.isFinite(value.delta))
      if (value.runsOutAt !== null) {
        assert.isTrue(Number.isFinite(value.runsOutAt))
        assert.isAbove(value.runsOutAt, now)
      }
    }
  )

  it("projects the run-out time at the window's average rate (SPEC §2)", () => {
    // Half the week gone, 60 % used: 100 % after 5/6 of the week, 28 h before the reset.
    const result = Option.getOrThrow(pace(60, at(0.5)))
    assert.closeTo(result.delta, 10, 1e-9)
    assert.strictEqual(result.runsOutAt, start + (100 / 60) * (at(0.5) - start))
    assert.strictEqual(resetsAt - result.runsOutAt!, 28 * hour)
  })

  it("has no run-out time once the limit is reached", () => {
    assert.isNull(Option.getOrThrow(pace(100, at(0.5))).runsOutAt)
  })
})

describe("Pace.text", () => {
  const time = { locale: "en-US", timeZone: "UTC" }

  it("names a deficit and when it runs out", () => {
    const now = at(0.5)
    assert.strictEqual(
      Pace.text(Option.getOrThrow(pace(60, now)), now, time),
      "10% ahead of pace — runs out ~Mon 2:00 PM, 1d 4h before the reset"
    )
  })

  it("names a reserve and an even burn", () => {
    assert.strictEqual(Pace.text(Option.getOrThrow(pace(42, at(0.5))), at(0.5), time), "8% in reserve")
    assert.strictEqual(Pace.text(Option.getOrThrow(pace(49.8, at(0.5))), at(0.5), time), "on pace")
  })
})

describe("Pace.paceOfWindow", () => {
  it("uses the 5-hour window's length", () => {
    const reset = 10 * hour
    const result = Option.getOrThrow(Pace.paceOfWindow("fiveHour", { utilization: 30, resetsAt: reset }, reset - 2.5 * hour))
    assert.closeTo(result.delta, -20, 1e-9)
    assert.isTrue(Option.isNone(Pace.paceOfWindow("fiveHour", null, reset)))
  })
})
