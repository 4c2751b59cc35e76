import { assert, describe, it } from "@effect/vitest"
import { FastCheck, Option } from "effect"
import * as Credits from "../../src/domain/Credits.js"
import * as Headroom from "../../src/domain/Headroom.js"
import { UsageWindow } from "../../src/domain/Usage.js"

const window = (utilization: number | null, resetsAt: number | null = null) => new UsageWindow({ utilization, resetsAt })
const snapshot = (fiveHour: number | null, sevenDay: number | null) => ({
  fiveHour: fiveHour === null ? null : window(fiveHour),
  sevenDay: sevenDay === null ? null : window(sevenDay)
})
const tierLimits = (tier: string) => Option.getOrThrow(Credits.limitsFor(tier))
const pro = Credits.limitsFor("default_claude_pro")
const unknown = Option.none<Credits.CreditLimits>()

describe("Headroom.stateOfHeadroom", () => {
  const cases: ReadonlyArray<readonly [number, Headroom.State]> = [
    [-40, "exhausted"],
    [0, "exhausted"],
    [0.0001, "critical"],
    [4.9999, "critical"],
    [5, "warning"],
    [19.999, "warning"],
    [20, "caution"],
    [40, "caution"],
    [40.0001, "normal"],
    [100, "normal"]
  ]
  for (const [headroom, state] of cases) {
    it(`headroom ${headroom} is ${state}`, () => {
      assert.strictEqual(Headroom.stateOfHeadroom(headroom), state)
    })
  }

  it("unknown headroom (null or NaN) is disconnected", () => {
    assert.strictEqual(Headroom.stateOfHeadroom(null), "disconnected")
    assert.strictEqual(Headroom.stateOfHeadroom(Number.NaN), "disconnected")
  })
})

describe("Headroom.stateOf", () => {
  it("utilization over 100 gives negative headroom and is exhausted", () => {
    assert.strictEqual(Headroom.headroomOf(140), -40)
    assert.strictEqual(Headroom.headroomOfWindow(window(140)), -40)
    assert.strictEqual(Headroom.stateOf(window(140)), "exhausted")
  })

  it("utilization 60 is caution (headroom exactly 40), 59.9 is normal", () => {
    assert.strictEqual(Headroom.stateOf(window(60)), "caution")
    assert.strictEqual(Headroom.stateOf(window(59.9)), "normal")
  })

  it("utilization 100 is exhausted, 99.9 is critical", () => {
    assert.strictEqual(Headroom.stateOf(window(100)), "exhausted")
    assert.strictEqual(Headroom.stateOf(window(99.9)), "critical")
  })

  it("a missing window or unknown utilization is disconnected, never 0 %", () => {
    assert.strictEqual(Headroom.stateOf(null), "disconnected")
    assert.strictEqual(Headroom.stateOf(window(null)), "disconnected")
    assert.isNull(Headroom.headroomOfWindow(window(null)))
  })

  it.prop(
    "is monotone: higher utilization never gives a less severe state",
    [FastCheck.double({ min: -50, max: 300, noNaN: true }), FastCheck.double({ min: -50, max: 300, noNaN: true })],
    ([a, b]) => {
      const [low, high] = a <= b ? [a, b] : [b, a]
      assert.isAtLeast(
        Headroom.severity(Headroom.stateOf(window(high))),
        Headroom.severity(Headroom.stateOf(window(low)))
      )
    }
  )
})

describe("Headroom.severity", () => {
  it("orders the states from disconnected to exhausted", () => {
    const ordered: ReadonlyArray<Headroom.State> = ["disconnected", "normal", "caution", "warning", "critical", "exhausted"]
    const values = ordered.map(Headroom.severity)
    for (let i = 1; i < values.length; i++) assert.isAbove(values[i]!, values[i - 1]!)
  })
})

describe("Headroom.quotasLeft", () => {
  it("an empty week holds credits7d / credits5h quotas for each tier (SPEC §2 limits)", () => {
    assert.closeTo(Headroom.quotasLeft(0, tierLimits("default_claude_pro")), 5_000_000 / 550_000, 1e-12)
    assert.closeTo(Headroom.quotasLeft(0, tierLimits("default_claude_max_5x")), 41_666_700 / 3_300_000, 1e-12)
    assert.closeTo(Headroom.quotasLeft(0, tierLimits("default_claude_max_20x")), 83_333_300 / 11_000_000, 1e-12)
  })

  it("scales with the week's headroom: Pro at 7d 50 % has 2,500,000 / 550,000 quotas", () => {
    assert.closeTo(Headroom.quotasLeft(50, tierLimits("default_claude_pro")), 2_500_000 / 550_000, 1e-12)
  })

  it("Max 5x at 7d 90 % has 4,166,670 / 3,300,000 quotas; Max 20x at 95 % has 4,166,665 / 11,000,000", () => {
    assert.closeTo(Headroom.quotasLeft(90, tierLimits("default_claude_max_5x")), 4_166_670 / 3_300_000, 1e-9)
    assert.closeTo(Headroom.quotasLeft(95, tierLimits("default_claude_max_20x")), 4_166_665 / 11_000_000, 1e-9)
  })

  it("Pro at 7d 89 % has exactly one quota left (11 % of 5,000,000 = 550,000)", () => {
    assert.closeTo(Headroom.quotasLeft(89, tierLimits("default_claude_pro")), 1, 1e-12)
  })

  it("is never negative, even when the week is over its limit", () => {
    assert.strictEqual(Headroom.quotasLeft(100, tierLimits("default_claude_pro")), 0)
    assert.strictEqual(Headroom.quotasLeft(140, tierLimits("default_claude_pro")), 0)
  })
})

describe("Headroom.bindingOf, tier known", () => {
  it("7d with just below one quota left (Pro, 7d 89.0001 %) is shown", () => {
    assert.isBelow(Headroom.quotasLeft(89.0001, tierLimits("default_claude_pro")), 1)
    assert.strictEqual(Headroom.bindingOf(snapshot(10, 89.0001), pro), "sevenDay")
  })

  it("7d with exactly one quota left (Pro, 7d 89 %) is not shown", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(10, 89), pro), "fiveHour")
  })

  it("7d with just above one quota left (Pro, 7d 88.9999 %) is not shown", () => {
    assert.isAbove(Headroom.quotasLeft(88.9999, tierLimits("default_claude_pro")), 1)
    assert.strictEqual(Headroom.bindingOf(snapshot(10, 88.9999), pro), "fiveHour")
  })

  it("uses the tier's own limits: 7d 87 % binds on Max 20x but not on Pro", () => {
    const max20x = Credits.limitsFor("default_claude_max_20x")
    // One Max 20x quota is 11,000,000 / 83,333,300 ≈ 13.2 % of the week; one Pro quota is 11 %.
    assert.strictEqual(Headroom.bindingOf(snapshot(10, 87), max20x), "sevenDay")
    assert.strictEqual(Headroom.bindingOf(snapshot(10, 87), pro), "fiveHour")
    assert.strictEqual(Headroom.bindingOf(snapshot(10, 86.7), max20x), "fiveHour")
  })

  it("an exhausted 5h window stays shown while the 7d window is not exhausted", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(100, 95), pro), "fiveHour")
    assert.strictEqual(Headroom.bindingOf(snapshot(120, 99.9), pro), "fiveHour")
  })

  it("an exhausted 5h window gives way when the 7d window is exhausted too", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(100, 100), pro), "sevenDay")
  })

  it("both exhausted: the window that resets later binds (SPEC §2)", () => {
    const now = 1_750_000_000_000
    const minutes = 60_000
    const fiveHourLater = { fiveHour: window(100, now + 180 * minutes), sevenDay: window(100, now + 20 * minutes) }
    const sevenDayLater = { fiveHour: window(100, now + 20 * minutes), sevenDay: window(100, now + 180 * minutes) }
    const sevenDayUnknown = { fiveHour: window(100, now + 180 * minutes), sevenDay: window(100) }
    assert.strictEqual(Headroom.bindingOf(fiveHourLater, pro), "fiveHour")
    assert.strictEqual(Headroom.bindingOf(fiveHourLater, unknown), "fiveHour")
    assert.strictEqual(Headroom.bindingOf(sevenDayLater, pro), "sevenDay")
    assert.strictEqual(Headroom.bindingOf(sevenDayUnknown, pro), "sevenDay")
  })

  it("an exhausted 7d window binds over a healthy 5h window", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(10, 100), pro), "sevenDay")
  })
})

describe("Headroom.bindingOf, tier unknown", () => {
  it("7d warning with less headroom than 5h is shown", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(50, 81), unknown), "sevenDay")
  })

  it("7d warning with more headroom than 5h is not shown", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(90, 81), unknown), "fiveHour")
  })

  it("7d warning with equal headroom is not shown", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(81, 81), unknown), "fiveHour")
  })

  it("7d at the warning boundary (headroom 20, caution) never promotes; 19.999 does", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(0, 80), unknown), "fiveHour")
    assert.strictEqual(Headroom.bindingOf(snapshot(0, 80.001), unknown), "sevenDay")
  })

  it("7d caution never promotes, however low 5h usage is", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(0, 70), unknown), "fiveHour")
  })

  it("7d critical with less headroom than 5h is shown", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(70, 97), unknown), "sevenDay")
  })

  it("an exhausted 5h window stays shown unless 7d is exhausted too", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(100, 99), unknown), "fiveHour")
    assert.strictEqual(Headroom.bindingOf(snapshot(100, 100), unknown), "sevenDay")
  })
})

describe("Headroom.bindingOf, missing windows", () => {
  it("a missing 7d window (or unknown 7d utilization) leaves the 5h window", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(10, null), pro), "fiveHour")
    assert.strictEqual(Headroom.bindingOf({ fiveHour: window(10), sevenDay: window(null) }, unknown), "fiveHour")
  })

  it("with only the 7d window known, the 7d window is shown", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(null, 10), pro), "sevenDay")
    assert.strictEqual(Headroom.bindingOf({ fiveHour: window(null), sevenDay: window(10) }, unknown), "sevenDay")
  })

  it("with neither window known, the 5h window (shown as disconnected) stays", () => {
    assert.strictEqual(Headroom.bindingOf(snapshot(null, null), pro), "fiveHour")
  })
})
