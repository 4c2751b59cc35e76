import { assert, describe, it } from "@effect/vitest"
import { FastCheck, Option } from "effect"
import * as Credits from "../../src/domain/Credits.js"

const tierIds = ["default_claude_pro", "default_claude_max_5x", "default_claude_max_20x"] as const
const limits = (tier: string) => Option.getOrThrow(Credits.limitsFor(tier))
const pro = limits("default_claude_pro")

describe("Credits.limitsFor", () => {
  it("knows the three tiers' 5h / 7d credits (SPEC §2)", () => {
    assert.deepStrictEqual(
      tierIds.map((tier) => [limits(tier).fiveHour, limits(tier).sevenDay]),
      [[550_000, 5_000_000], [3_300_000, 41_666_700], [11_000_000, 83_333_300]]
    )
  })

  it("an unknown or missing tier without custom limits has none", () => {
    assert.isTrue(Option.isNone(Credits.limitsFor("default_claude_team")))
    assert.isTrue(Option.isNone(Credits.limitsFor(null)))
  })

  it("a known tier's limits win over custom ones (SPEC §2)", () => {
    const both = Option.getOrThrow(Credits.limitsFor("default_claude_pro", { customCredits5h: 600_000, customCredits7d: 6_000_000 }))
    const fiveHourOnly = Option.getOrThrow(Credits.limitsFor("default_claude_pro", { customCredits5h: 600_000 }))
    assert.deepStrictEqual([both.fiveHour, both.sevenDay], [550_000, 5_000_000])
    assert.deepStrictEqual([fiveHourOnly.fiveHour, fiveHourOnly.sevenDay], [550_000, 5_000_000])
  })

  it("an unknown tier needs both custom limits", () => {
    const both = Credits.limitsFor("mystery", { customCredits5h: 1_000, customCredits7d: 10_000 })
    assert.deepStrictEqual(Option.map(both, (l) => [l.fiveHour, l.sevenDay]), Option.some([1_000, 10_000]))
    assert.isTrue(Option.isNone(Credits.limitsFor("mystery", { customCredits5h: 1_000 })))
    assert.isTrue(Option.isNone(Credits.limitsFor(null, { customCredits7d: 10_000 })))
  })
})

describe("Credits.tierName", () => {
  it("names the known tiers", () => {
    assert.deepStrictEqual(tierIds.map((tier) => Credits.tierName(tier)), [Option.some("Pro"), Option.some("Max 5x"), Option.some("Max 20x")])
  })

  it("has no name for an unknown or missing tier", () => {
    assert.isTrue(Option.isNone(Credits.tierName("default_claude_team")))
    assert.isTrue(Option.isNone(Credits.tierName(null)))
  })
})

describe("Credits.breakdown", () => {
  it("Pro, P = 60, S = 50: used 330,000, unused 220,000, nothing constrained", () => {
    const b = Credits.breakdown(60, 50, pro)
    assert.closeTo(b.usedCredits, 330_000, 1e-6)
    assert.closeTo(b.unusedCredits, 220_000, 1e-6)
    assert.closeTo(b.constrainedCredits, 0, 1e-6)
    assert.closeTo(b.usedPercent, 60, 1e-9)
    assert.closeTo(b.unusedPercent, 40, 1e-9)
  })

  it("Pro, P = 60, S = 97: R7 = 150,000 < R5 = 220,000 → unused 150,000, constrained 70,000", () => {
    const b = Credits.breakdown(60, 97, pro)
    assert.closeTo(b.usedCredits, 330_000, 1e-6)
    assert.closeTo(b.unusedCredits, 150_000, 1e-6)
    assert.closeTo(b.constrainedCredits, 70_000, 1e-6)
    assert.closeTo(b.constrainedPercent, (70_000 / 550_000) * 100, 1e-9)
  })

  it("Pro at R5 = R7 exactly (P = 60, S = 95.6): all of R5 is unused", () => {
    // R7 = 4.4 % of 5,000,000 = 220,000 = R5.
    const b = Credits.breakdown(60, 95.6, pro)
    assert.closeTo(b.unusedCredits, 220_000, 1e-6)
    assert.closeTo(b.constrainedCredits, 0, 1e-6)
  })

  it("Max 5x, P = 25, S = 95: R5 = 2,475,000 > R7 = 2,083,335 → constrained 391,665", () => {
    const b = Credits.breakdown(25, 95, limits("default_claude_max_5x"))
    assert.closeTo(b.usedCredits, 825_000, 1e-6)
    assert.closeTo(b.unusedCredits, 2_083_335, 1e-6)
    assert.closeTo(b.constrainedCredits, 391_665, 1e-6)
  })

  it("Max 20x, P = 40, S = 10: used 4,400,000, unused 6,600,000", () => {
    const b = Credits.breakdown(40, 10, limits("default_claude_max_20x"))
    assert.closeTo(b.usedCredits, 4_400_000, 1e-6)
    assert.closeTo(b.unusedCredits, 6_600_000, 1e-6)
    assert.closeTo(b.constrainedCredits, 0, 1e-6)
  })

  it("an exhausted week constrains everything the 5h window had left", () => {
    const b = Credits.breakdown(30, 100, pro)
    assert.closeTo(b.unusedCredits, 0, 1e-6)
    assert.closeTo(b.constrainedCredits, 385_000, 1e-6)
  })

  it("a peak over 100 % counts as fully used", () => {
    const b = Credits.breakdown(130, 20, pro)
    assert.closeTo(b.usedCredits, 550_000, 1e-6)
    assert.closeTo(b.usedPercent, 100, 1e-9)
  })

  it.prop(
    "percentages sum to 100 and credits are ≥ 0 for any peak and 7d in [−50, 300] and any tier",
    [
      FastCheck.double({ min: -50, max: 300, noNaN: true }),
      FastCheck.double({ min: -50, max: 300, noNaN: true }),
      FastCheck.constantFrom(...tierIds)
    ],
    ([peak, sevenDay, tier]) => {
      const b = Credits.breakdown(peak, sevenDay, limits(tier))
      assert.closeTo(b.usedPercent + b.constrainedPercent + b.unusedPercent, 100, 1e-9)
      for (const credits of [b.usedCredits, b.constrainedCredits, b.unusedCredits]) assert.isAtLeast(credits, 0)
      assert.closeTo(b.usedCredits + b.constrainedCredits + b.unusedCredits, limits(tier).fiveHour, 1e-6)
    }
  )
})

describe("Credits.summarize", () => {
  it("sums credits over events and takes percentages of the summed 5h limits", () => {
    const summary = Credits.summarize([
      { peak: 60, sevenDay: 50, tier: "default_claude_pro" },
      { peak: 60, sevenDay: 97, tier: "default_claude_pro" }
    ])
    assert.strictEqual(summary.resetCount, 2)
    assert.strictEqual(summary.averagePeak, 60)
    const credits = summary.credits!
    assert.closeTo(credits.used, 660_000, 1e-6)
    assert.closeTo(credits.unused, 370_000, 1e-6)
    assert.closeTo(credits.constrained, 70_000, 1e-6)
    const percent = summary.percent!
    assert.closeTo(percent.used, 60, 1e-9)
    assert.closeTo(percent.unused, (370_000 / 1_100_000) * 100, 1e-9)
    assert.closeTo(percent.constrained, (70_000 / 1_100_000) * 100, 1e-9)
  })

  it("weights mixed tiers by their 5h limits", () => {
    const summary = Credits.summarize([
      { peak: 100, sevenDay: 0, tier: "default_claude_pro" },
      { peak: 0, sevenDay: 0, tier: "default_claude_max_20x" }
    ])
    assert.closeTo(summary.percent!.used, (550_000 / 11_550_000) * 100, 1e-9)
  })

  it("counts every event, averages known peaks, sums only events with data and limits", () => {
    const summary = Credits.summarize([
      { peak: 60, sevenDay: 50, tier: "default_claude_pro" },
      { peak: 80, sevenDay: null, tier: "default_claude_pro" },
      { peak: 40, sevenDay: 10, tier: "default_claude_team" },
      { peak: null, sevenDay: 10, tier: "default_claude_pro" }
    ])
    assert.strictEqual(summary.resetCount, 4)
    assert.strictEqual(summary.averagePeak, 60)
    assert.closeTo(summary.credits!.used, 330_000, 1e-6)
    assert.closeTo(summary.percent!.used, 60, 1e-9)
  })

  it("uses custom limits for an unknown tier", () => {
    const summary = Credits.summarize(
      [{ peak: 50, sevenDay: 0, tier: "default_claude_team" }],
      { customCredits5h: 1_000_000, customCredits7d: 10_000_000 }
    )
    assert.closeTo(summary.credits!.used, 500_000, 1e-6)
    assert.closeTo(summary.credits!.unused, 500_000, 1e-6)
  })

  it("custom limits do not override a known tier's", () => {
    const summary = Credits.summarize([{ peak: 50, sevenDay: 0, tier: "default_claude_pro" }], { customCredits5h: 1_000_000, customCredits7d: 10_000_000 })
    assert.closeTo(summary.credits!.used, 275_000, 1e-6)
  })

  it("without any qualifying event, credits and percent are null but counts remain", () => {
    const summary = Credits.summarize([
      { peak: 70, sevenDay: 20, tier: null },
      { peak: 90, sevenDay: 20, tier: "default_claude_team" }
    ])
    assert.strictEqual(summary.resetCount, 2)
    assert.strictEqual(summary.averagePeak, 80)
    assert.isNull(summary.credits)
    assert.isNull(summary.percent)
  })

  it("of no events is empty", () => {
    const summary = Credits.summarize([])
    assert.deepStrictEqual(
      [summary.resetCount, summary.averagePeak, summary.credits, summary.percent],
      [0, null, null, null]
    )
  })

  it("treats a NaN peak as unknown", () => {
    const summary = Credits.summarize([{ peak: Number.NaN, sevenDay: 10, tier: "default_claude_pro" }, { peak: 30, sevenDay: 10, tier: "default_claude_pro" }])
    assert.strictEqual(summary.resetCount, 2)
    assert.strictEqual(summary.averagePeak, 30)
    assert.closeTo(summary.percent!.used, 30, 1e-9)
  })

  it.prop(
    "percentages sum to 100 whenever they are not null",
    [
      FastCheck.array(
        FastCheck.record({
          peak: FastCheck.option(FastCheck.double({ min: -50, max: 300, noNaN: true }), { nil: null }),
          sevenDay: FastCheck.option(FastCheck.double({ min: -50, max: 300, noNaN: true }), { nil: null }),
          tier: FastCheck.constantFrom<string | null>(...tierIds, "default_claude_team", null)
        }),
        { maxLength: 30 }
      )
    ],
    ([events]) => {
      const summary = Credits.summarize(events)
      assert.strictEqual(summary.resetCount, events.length)
      assert.strictEqual(summary.credits === null, summary.percent === null)
      if (summary.percent !== null) {
        assert.closeTo(summary.percent.used + summary.percent.constrained + summary.percent.unused, 100, 1e-9)
      }
    }
  )
})
