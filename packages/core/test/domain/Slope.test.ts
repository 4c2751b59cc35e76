import { assert, describe, it } from "@effect/vitest"
import { FastCheck, Option } from "effect"
import * as Credits from "../../src/domain/Credits.js"
import * as Slope from "../../src/domain/Slope.js"

const minute = 60_000
const start = 1_750_000_000_000
const resetsAt = start + 4 * 60 * minute

const sample = (atMinutes: number, utilization: number, resets: number | null = resetsAt): Slope.Sample => ({
  at: start + atMinutes * minute,
  utilization,
  resetsAt: resets
})

/** Three samples over 10 minutes rising by `rate × 10` points: a rate of `rate` %/min. */
const tenMinutesAt = (rate: number, base = 50): ReadonlyArray<Slope.Sample> =>
  Slope.fromHistory([sample(0, base), sample(5, base + rate * 5), sample(10, base + rate * 10)])

const appendAll = (samples: ReadonlyArray<Slope.Sample>) =>
  samples.reduce<ReadonlyArray<Slope.Sample>>((buffer, s) => Slope.append(buffer, s), [])

const tierLimits = (tier: string) => Option.getOrThrow(Credits.limitsFor(tier))

describe("Slope.levelOf", () => {
  const cases: ReadonlyArray<readonly [number, Slope.Level]> = [
    [-0.5001, "cooling"],
    [-0.5, "flat"],
    [0, "flat"],
    [0.2999, "flat"],
    [0.3, "rising"],
    [1.4999, "rising"],
    [1.5, "steep"]
  ]
  for (const [rate, level] of cases) {
    it(`${rate} %/min is ${level}`, () => {
      assert.strictEqual(Slope.levelOf(rate), level)
    })
  }

  it("arrows: detailed views always show one, the menu bar only escalation", () => {
    assert.deepStrictEqual(Slope.Level.literals.map(Slope.arrowOf), ["↘", "→", "↗", "⬆"])
    assert.deepStrictEqual(Slope.Level.literals.map(Slope.menuArrowOf), [null, null, "↗", "⬆"])
  })
})

describe("Slope.levelOfBuffer at the level boundaries", () => {
  // Utilization from 50 %: a change of rate × 10 over 10 minutes, computed exactly in binary where it matters.
  const cases: ReadonlyArray<readonly [number, number, Slope.Level]> = [
    [-0.5, 45, "flat"],
    [-0.5001, 44.999, "cooling"],
    [0.3, 53, "rising"],
    [0.2999, 52.999, "flat"],
    [1.5, 65, "steep"],
    [1.4999, 64.999, "rising"]
  ]
  for (const [rate, end, level] of cases) {
    it(`rate ${rate} %/min is ${level}`, () => {
      const buffer = Slope.fromHistory([sample(0, 50), sample(5, (50 + end) / 2), sample(10, end)])
      assert.closeTo(Option.getOrThrow(Slope.rateOf(buffer)), rate, 1e-9)
      assert.strictEqual(Slope.levelOfBuffer(buffer), level)
    })
  }
})

describe("Slope.rateOf validity", () => {
  it("3 samples over 9 min 59.999 s give no rate (flat, even when steep)", () => {
    const buffer = appendAll([sample(0, 10), sample(5, 20), { at: start + 10 * minute - 1, utilization: 40, resetsAt }])
    assert.strictEqual(buffer.length, 3)
    assert.isTrue(Option.isNone(Slope.rateOf(buffer)))
    assert.strictEqual(Slope.levelOfBuffer(buffer), "flat")
  })

  it("3 samples over 9 min 59 s give no rate", () => {
    const buffer = appendAll([sample(0, 10), sample(5, 20), { at: start + 9 * minute + 59_000, utilization: 40, resetsAt }])
    assert.isTrue(Option.isNone(Slope.rateOf(buffer)))
  })

  it("3 samples over exactly 10 minutes give a rate", () => {
    const buffer = appendAll([sample(0, 10), sample(5, 20), sample(10, 40)])
    assert.strictEqual(Option.getOrThrow(Slope.rateOf(buffer)), 3)
    assert.strictEqual(Slope.levelOfBuffer(buffer), "steep")
  })

  it("2 samples over 20 minutes give no rate", () => {
    const buffer: ReadonlyArray<Slope.Sample> = [sample(0, 10), sample(20, 50)]
    assert.isTrue(Option.isNone(Slope.rateOf(buffer)))
    assert.strictEqual(Slope.levelOfBuffer(buffer), "flat")
  })

  it("an empty buffer gives no rate", () => {
    assert.isTrue(Option.isNone(Slope.rateOf([])))
    assert.strictEqual(Slope.levelOfBuffer([]), "flat")
  })

  it("uses only the oldest and newest sample", () => {
    const buffer = appendAll([sample(0, 10), sample(3, 90), sample(6, 0), sample(12, 22)])
    assert.closeTo(Option.getOrThrow(Slope.rateOf(buffer)), 1, 1e-12)
  })

  it("works at a 60 s poll interval as at 300 s", () => {
    const every60s = appendAll(Array.from({ length: 11 }, (_, i) => sample(i, 20 + i * 0.5)))
    const every300s = appendAll([sample(0, 20), sample(5, 22.5), sample(10, 25)])
    assert.closeTo(Option.getOrThrow(Slope.rateOf(every60s)), 0.5, 1e-12)
    assert.closeTo(Option.getOrThrow(Slope.rateOf(every300s)), 0.5, 1e-12)
  })
})

describe("Slope.append", () => {
  it("keeps the samples of the last 15 minutes before the newest, inclusive", () => {
    const buffer = appendAll([sample(0, 10), sample(1, 11), sample(5, 12), sample(16, 13)])
    assert.deepStrictEqual(buffer.map((s) => s.at), [start + minute, start + 5 * minute, start + 16 * minute])
  })

  it("a reset (resets_at moved by 61 s) restarts the span", () => {
    const buffer = appendAll([
      sample(0, 80),
      sample(5, 85),
      sample(10, 90),
      { at: start + 11 * minute, utilization: 2, resetsAt: resetsAt + 61_000 }
    ])
    assert.deepStrictEqual(buffer, [{ at: start + 11 * minute, utilization: 2, resetsAt: resetsAt + 61_000 }])
    assert.strictEqual(Slope.levelOfBuffer(buffer), "flat")
  })

  it("60 s of resets_at jitter, back and forth, is not a reset", () => {
    const buffer = appendAll([sample(0, 80), sample(5, 82, resetsAt + 60_000), sample(10, 85, resetsAt)])
    assert.strictEqual(buffer.length, 3)
    assert.closeTo(Option.getOrThrow(Slope.rateOf(buffer)), 0.5, 1e-12)
  })

  it("without resets_at, a drop of 50 points is a reset and 49.9 is not", () => {
    const reset = appendAll([sample(0, 60, null), sample(5, 70, null), sample(10, 20, null)])
    const decrease = appendAll([sample(0, 60, null), sample(5, 70, null), sample(10, 20.1, null)])
    assert.strictEqual(reset.length, 1)
    assert.strictEqual(decrease.length, 3)
  })

  it("a gradual decrease (old usage rolling out) is cooling, not a reset", () => {
    const buffer = appendAll([sample(0, 60), sample(5, 55), sample(10, 50), sample(15, 45)])
    assert.strictEqual(buffer.length, 4)
    assert.closeTo(Option.getOrThrow(Slope.rateOf(buffer)), -1, 1e-12)
    assert.strictEqual(Slope.levelOfBuffer(buffer), "cooling")
  })

  it("ignores a sample older than the newest", () => {
    const buffer = appendAll([sample(0, 10), sample(10, 20)])
    assert.strictEqual(Slope.append(buffer, sample(5, 99)), buffer)
  })

  it("a sample at the newest instant replaces it instead of counting twice", () => {
    const buffer = appendAll([sample(0, 10), sample(10, 20), sample(10, 21)])
    assert.deepStrictEqual(buffer, [sample(0, 10), sample(10, 21)])
    assert.isTrue(Option.isNone(Slope.rateOf(buffer)))
  })

  it("ignores a sample with a non-finite time or utilization", () => {
    const buffer = appendAll([sample(0, 10), sample(10, 20)])
    assert.strictEqual(Slope.append(buffer, sample(12, Number.NaN)), buffer)
    assert.strictEqual(Slope.append(buffer, { at: Number.NaN, utilization: 30, resetsAt }), buffer)
  })

  it.prop(
    "stays sorted and within 15 minutes whatever order samples arrive in",
    [FastCheck.array(FastCheck.record({ minutes: FastCheck.integer({ min: 0, max: 120 }), utilization: FastCheck.double({ min: 0, max: 150, noNaN: true }) }), { maxLength: 40 })],
    ([raw]) => {
      const buffer = appendAll(raw.map(({ minutes, utilization }) => sample(minutes, utilization)))
      for (let i = 1; i < buffer.length; i++) assert.isAbove(buffer[i]!.at, buffer[i - 1]!.at)
      const newest = buffer[buffer.length - 1]
      if (newest !== undefined) assert.isAtMost(newest.at - buffer[0]!.at, Slope.spanMillis)
    }
  )
})

describe("Slope.fromHistory", () => {
  it("sorts stored polls and keeps the last 15 minutes", () => {
    const buffer = Slope.fromHistory([sample(20, 30), sample(0, 10), sample(10, 25), sample(15, 28)])
    assert.deepStrictEqual(buffer, [sample(10, 25), sample(15, 28), sample(20, 30)])
    assert.closeTo(Option.getOrThrow(Slope.rateOf(buffer)), 0.5, 1e-12)
  })

  it("starts after the last reset in the history", () => {
    const buffer = Slope.fromHistory([
      sample(0, 90),
      sample(3, 95),
      { at: start + 6 * minute, utilization: 1, resetsAt: resetsAt + 5 * 60 * minute },
      { at: start + 9 * minute, utilization: 4, resetsAt: resetsAt + 5 * 60 * minute }
    ])
    assert.deepStrictEqual(buffer.map((s) => s.utilization), [1, 4])
  })

  it("of nothing is empty", () => {
    assert.deepStrictEqual(Slope.fromHistory([]), [])
  })
})

describe("Slope.sevenDayFactor", () => {
  it("is credits7d / credits5h for each tier (SPEC §2 limits)", () => {
    assert.closeTo(Slope.sevenDayFactor(tierLimits("default_claude_pro")), 5_000_000 / 550_000, 1e-12)
    assert.closeTo(Slope.sevenDayFactor(tierLimits("default_claude_max_5x")), 41_666_700 / 3_300_000, 1e-12)
    assert.closeTo(Slope.sevenDayFactor(tierLimits("default_claude_max_20x")), 83_333_300 / 11_000_000, 1e-12)
  })

  it("lets a slow 7-day rate reach 5h thresholds: Pro 0.04 %/min ×9.09 is rising", () => {
    const buffer = tenMinutesAt(0.04)
    assert.strictEqual(Slope.levelOfBuffer(buffer), "flat")
    assert.strictEqual(Slope.levelOfBuffer(buffer, Slope.sevenDayFactor(tierLimits("default_claude_pro"))), "rising")
  })

  it("Max 20x 0.2 %/min ×7.58 is steep, Pro 0.2 %/min ×9.09 too, a cooling week stays cooling", () => {
    assert.strictEqual(Slope.levelOfBuffer(tenMinutesAt(0.2), Slope.sevenDayFactor(tierLimits("default_claude_max_20x"))), "steep")
    assert.strictEqual(Slope.levelOfBuffer(tenMinutesAt(0.2), Slope.sevenDayFactor(tierLimits("default_claude_pro"))), "steep")
    assert.strictEqual(Slope.levelOfBuffer(tenMinutesAt(-0.1), Slope.sevenDayFactor(tierLimits("default_claude_pro"))), "cooling")
  })
})

describe("Slope.timeToExhaustion", () => {
  const now = start

  it("is headroom / rate when the limit comes before the reset", () => {
    // 30 % left at 0.5 %/min: 60 minutes, reset in 2 hours.
    assert.deepStrictEqual(Slope.timeToExhaustion(30, 0.5, now + 120 * minute, now), Option.some(60 * minute))
  })

  it("is None when the reset comes first, or exactly at the limit", () => {
    assert.isTrue(Option.isNone(Slope.timeToExhaustion(30, 0.5, now + 59 * minute, now)))
    assert.isTrue(Option.isNone(Slope.timeToExhaustion(30, 0.5, now + 60 * minute, now)))
    assert.isTrue(Option.isSome(Slope.timeToExhaustion(30, 0.5, now + 60 * minute + 1, now)))
  })

  it("is Some when the reset time is unknown", () => {
    assert.deepStrictEqual(Slope.timeToExhaustion(10, 2, null, now), Option.some(5 * minute))
  })

  it("is None for a flat or falling rate", () => {
    assert.isTrue(Option.isNone(Slope.timeToExhaustion(30, 0, null, now)))
    assert.isTrue(Option.isNone(Slope.timeToExhaustion(30, -1, null, now)))
    assert.isTrue(Option.isNone(Slope.timeToExhaustion(30, Number.NaN, null, now)))
  })

  it("is None when there is no headroom left", () => {
    assert.isTrue(Option.isNone(Slope.timeToExhaustion(0, 1, null, now)))
    assert.isTrue(Option.isNone(Slope.timeToExhaustion(-40, 1, null, now)))
  })
})
