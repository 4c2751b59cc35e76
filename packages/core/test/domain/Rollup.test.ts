import { assert, describe, it } from "@effect/vitest"
import { FastCheck } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import { ResetEvent } from "../../src/domain/Reset.js"
import * as Rollup from "../../src/domain/Rollup.js"
import { UsageSnapshot, UsageWindow } from "../../src/domain/Usage.js"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const t0 = Date.UTC(2026, 10, 16) // 00:00 UTC, a multiple of every bucket size

const poll = (fetchedAt: number, fiveHour: number | null, sevenDay: number | null = null, profile = "work") =>
  new UsageSnapshot({
    profile: ProfileName.make(profile),
    fetchedAt,
    source: "api",
    fiveHour: new UsageWindow({ utilization: fiveHour, resetsAt: null }),
    sevenDay: sevenDay === null ? null : new UsageWindow({ utilization: sevenDay, resetsAt: null }),
    caps: [],
    extraUsage: null,
    tier: null
  })

const reset = (at: number, unusedCredits: number | null, profile = "work") =>
  new ResetEvent({
    profile: ProfileName.make(profile),
    at,
    peak5h: 90,
    sevenDayUtilization: 40,
    tier: null,
    usedCredits: null,
    constrainedCredits: null,
    unusedCredits
  })

describe("Rollup.bucketStart", () => {
  const resolutions: ReadonlyArray<readonly [Rollup.Resolution, number]> = [["5min", 5 * minute], ["hourly", hour], ["daily", day]]
  for (const [resolution, size] of resolutions) {
    it(`${resolution}: a time exactly at a bucket start belongs to that bucket, 1 ms before to the previous`, () => {
      assert.strictEqual(Rollup.bucketMillis[resolution], size)
      assert.strictEqual(Rollup.bucketStart(t0 + size, resolution), t0 + size)
      assert.strictEqual(Rollup.bucketStart(t0 + size - 1, resolution), t0)
      assert.strictEqual(Rollup.bucketStart(t0 + 2 * size - 1, resolution), t0 + size)
    })
  }
  it("aligns to UTC epoch multiples, not to the first sample", () => {
    assert.strictEqual(Rollup.bucketStart(t0 + 7 * minute + 13_000, "5min"), t0 + 5 * minute)
    assert.strictEqual(Rollup.bucketStart(t0 + 13 * hour + 1, "daily"), t0)
  })
})

describe("Rollup.rollupPolls", () => {
  it("computes avg, peak and min per window", () => {
    const [bucket] = Rollup.rollupPolls([poll(t0, 10, 50), poll(t0 + minute, 40, 52), poll(t0 + 2 * minute, 25, 54)], "5min", [])
    assert.strictEqual(bucket!.sampleCount, 3)
    assert.strictEqual(bucket!.fiveHour!.avg, 25)
    assert.strictEqual(bucket!.fiveHour!.peak, 40)
    assert.strictEqual(bucket!.fiveHour!.min, 10)
    assert.strictEqual(bucket!.fiveHour!.count, 3)
    assert.strictEqual(bucket!.sevenDay!.avg, 52)
    assert.strictEqual(bucket!.periodStart, t0)
    assert.strictEqual(bucket!.periodEnd, t0 + 5 * minute)
    assert.strictEqual(bucket!.resolution, "5min")
  })
  it("puts a poll exactly at a bucket start into that bucket", () => {
    const buckets = Rollup.rollupPolls([poll(t0 + 5 * minute - 1, 10), poll(t0 + 5 * minute, 90)], "5min", [])
    assert.deepStrictEqual(buckets.map((b) => [b.periodStart, b.fiveHour!.peak]), [[t0, 10], [t0 + 5 * minute, 90]])
  })
  it("excludes unknown utilization from the stats but counts the sample", () => {
    const [bucket] = Rollup.rollupPolls([poll(t0, 20), poll(t0 + minute, null), poll(t0 + 2 * minute, 40)], "hourly", [])
    assert.strictEqual(bucket!.sampleCount, 3)
    assert.strictEqual(bucket!.fiveHour!.count, 2)
    assert.strictEqual(bucket!.fiveHour!.avg, 30)
    assert.strictEqual(bucket!.fiveHour!.min, 20)
  })
  it("has null stats when no sample knows the window", () => {
    const [bucket] = Rollup.rollupPolls([poll(t0, null), poll(t0 + minute, null)], "hourly", [])
    assert.isNull(bucket!.fiveHour)
    assert.isNull(bucket!.sevenDay)
    assert.strictEqual(bucket!.sampleCount, 2)
  })
  it("treats a NaN utilization as unknown", () => {
    const [bucket] = Rollup.rollupPolls([poll(t0, Number.NaN), poll(t0 + minute, 12)], "hourly", [])
    assert.strictEqual(bucket!.fiveHour!.count, 1)
    assert.strictEqual(bucket!.fiveHour!.avg, 12)
  })
  it("counts reset events in their bucket and sums the known unused credits", () => {
    const buckets = Rollup.rollupPolls(
      [poll(t0, 10), poll(t0 + hour, 20)],
      "hourly",
      [reset(t0 + minute, 1_000), reset(t0 + 2 * minute, null), reset(t0 + 3 * minute, 500), reset(t0 + hour, null)]
    )
    assert.strictEqual(buckets[0]!.resetCount, 3)
    assert.strictEqual(buckets[0]!.unusedCredits, 1_500)
    assert.strictEqual(buckets[1]!.resetCount, 1)
    assert.isNull(buckets[1]!.unusedCredits)
  })
  it("has zero resets and null credits in a bucket without resets", () => {
    const [bucket] = Rollup.rollupPolls([poll(t0, 10)], "daily", [reset(t0 + day, 1)])
    assert.strictEqual(bucket!.resetCount, 0)
    assert.isNull(bucket!.unusedCredits)
  })
  it("keeps a reset that has no poll in its bucket", () => {
    const buckets = Rollup.rollupPolls([poll(t0, 10)], "5min", [reset(t0 + 10 * minute, 42)])
    assert.strictEqual(buckets.length, 2)
    assert.strictEqual(buckets[1]!.sampleCount, 0)
    assert.strictEqual(buckets[1]!.resetCount, 1)
    assert.isNull(buckets[1]!.fiveHour)
  })
  it("keeps profiles apart and sorts by profile, then time", () => {
    const buckets = Rollup.rollupPolls([poll(t0 + hour, 5, null, "work"), poll(t0, 50, null, "work"), poll(t0, 90, null, "home")], "hourly", [reset(t0, 7, "home")])
    assert.deepStrictEqual(buckets.map((b) => [b.profile, b.periodStart, b.fiveHour!.avg, b.resetCount]), [
      ["home", t0, 90, 1],
      ["work", t0, 50, 0],
      ["work", t0 + hour, 5, 0]
    ])
  })
  it("returns nothing for no input", () => {
    assert.deepStrictEqual(Rollup.rollupPolls([], "daily", []), [])
  })
})

describe("Rollup.rollupBuckets", () => {
  it("weights averages by count and takes peak/min across buckets", () => {
    const fine = Rollup.rollupPolls([poll(t0, 10), poll(t0 + 5 * minute, 30), poll(t0 + 6 * minute, 40), poll(t0 + 7 * minute, 50)], "5min", [reset(t0 + 6 * minute, 3)])
    const [hourly] = Rollup.rollupBuckets(fine, "hourly")
    assert.strictEqual(fine.length, 2)
    assert.strictEqual(hourly!.resolution, "hourly")
    assert.strictEqual(hourly!.periodEnd, t0 + hour)
    assert.strictEqual(hourly!.fiveHour!.avg, 32.5)
    assert.strictEqual(hourly!.fiveHour!.peak, 50)
    assert.strictEqual(hourly!.fiveHour!.min, 10)
    assert.strictEqual(hourly!.fiveHour!.count, 4)
    assert.strictEqual(hourly!.sampleCount, 4)
    assert.strictEqual(hourly!.resetCount, 1)
    assert.strictEqual(hourly!.unusedCredits, 3)
  })
  it("ignores windows without stats when combining", () => {
    const fine = Rollup.rollupPolls([poll(t0, null, 20), poll(t0 + 5 * minute, 60, 30)], "5min", [])
    const [hourly] = Rollup.rollupBuckets(fine, "hourly")
    assert.strictEqual(hourly!.fiveHour!.avg, 60)
    assert.strictEqual(hourly!.fiveHour!.count, 1)
    assert.strictEqual(hourly!.sevenDay!.avg, 25)
  })
  it("returns a bucket already at the target resolution unchanged, to the last bit", () => {
    // As stored, say: 22.788989360476442 · 3 / 3 is 22.78898936047644, so a lone bucket must not be recomputed.
    const avg = 22.788989360476442
    const [base] = Rollup.rollupPolls([poll(t0, 10, 20)], "hourly", [reset(t0, 5)])
    const bucket = new Rollup.RollupBucket({ ...base!, fiveHour: new Rollup.WindowStats({ avg, peak: 40, min: 10, count: 3 }) })
    assert.notStrictEqual((avg * 3) / 3, avg)
    assert.deepStrictEqual(Rollup.rollupBuckets([bucket], "hourly"), [bucket])
  })
  it("merges buckets already at the target resolution (an import into a rolled-up period)", () => {
    const existing = Rollup.rollupPolls([poll(t0, 10)], "hourly", [])
    const imported = Rollup.rollupPolls([poll(t0 + 30 * minute, 30)], "5min", [])
    const [merged] = Rollup.rollupBuckets([...existing, ...imported], "hourly")
    assert.strictEqual(merged!.fiveHour!.avg, 20)
    assert.strictEqual(merged!.sampleCount, 2)
  })
})

describe("Rollup.resolutionFor", () => {
  const cases: ReadonlyArray<readonly [number, Rollup.PointResolution]> = [
    [0, "raw"],
    [day - 1, "raw"],
    [day, "5min"],
    [7 * day - 1, "5min"],
    [7 * day, "hourly"],
    [30 * day - 1, "hourly"],
    [30 * day, "daily"],
    [400 * day, "daily"]
  ]
  for (const [age, tier] of cases) {
    it(`age ${age} ms is ${tier}`, () => {
      assert.strictEqual(Rollup.resolutionFor(age), tier)
    })
  }
})

describe("Rollup.shouldRun and plan", () => {
  it("runs when it never ran, and at most hourly", () => {
    assert.isTrue(Rollup.shouldRun(t0, null))
    assert.isFalse(Rollup.shouldRun(t0 + hour - 1, t0))
    assert.isTrue(Rollup.shouldRun(t0 + hour, t0))
  })
  it("runs when the clock went back past the last run", () => {
    assert.isTrue(Rollup.shouldRun(t0 - 1, t0))
  })
  it("aligns each cutoff down to the target bucket, never moving data early", () => {
    const now = t0 + 40 * day + 3 * hour + 7 * minute + 1
    const plan = Rollup.plan(now, now - 10 * minute)
    assert.isFalse(plan.due)
    assert.strictEqual(plan.rawBefore, now - day - 2 * minute - 1)
    assert.strictEqual(plan.fiveMinBefore, now - 7 * day - 7 * minute - 1)
    assert.strictEqual(plan.hourlyBefore, now - 30 * day - 3 * hour - 7 * minute - 1)
    assert.strictEqual(Rollup.resolutionFor(now - plan.rawBefore), "5min")
    assert.strictEqual(Rollup.resolutionFor(now - plan.fiveMinBefore), "hourly")
    assert.strictEqual(Rollup.resolutionFor(now - plan.hourlyBefore), "daily")
    assert.isTrue(Rollup.plan(now, null).due)
  })
})

describe("Rollup.retentionCutoff", () => {
  it("is retentionDays before now", () => {
    assert.strictEqual(Rollup.retentionCutoff(t0 + 400 * day, 365), t0 + 35 * day)
    assert.strictEqual(Rollup.retentionCutoff(t0, 30), t0 - 30 * day)
  })
})

describe("Rollup.gapThreshold", () => {
  const cases: ReadonlyArray<readonly [number, number]> = [[60, 15 * minute], [180, 15 * minute], [450, 15 * minute], [600, 20 * minute], [1800, 60 * minute]]
  for (const [interval, threshold] of cases) {
    it(`a ${interval} s poll interval gives ${threshold / minute} min`, () => {
      assert.strictEqual(Rollup.gapThreshold(interval), threshold)
    })
  }
  it("is at least one bucket for rolled-up series", () => {
    assert.strictEqual(Rollup.gapThresholdFor(180, "raw"), 15 * minute)
    assert.strictEqual(Rollup.gapThresholdFor(180, "5min"), 15 * minute)
    assert.strictEqual(Rollup.gapThresholdFor(180, "hourly"), hour)
    assert.strictEqual(Rollup.gapThresholdFor(1800, "daily"), day)
  })
})

describe("Rollup.findGaps", () => {
  const threshold = 15 * minute
  it("a silence of exactly the threshold is not a gap; 1 ms more is", () => {
    assert.deepStrictEqual(Rollup.findGaps([t0, t0 + threshold], threshold), [])
    assert.deepStrictEqual(Rollup.findGaps([t0, t0 + threshold + 1], threshold), [{ from: t0, to: t0 + threshold + 1 }])
  })
  it("reports each silence between the last point before and the first after", () => {
    const points = [t0, t0 + 3 * minute, t0 + hour, t0 + hour + 3 * minute, t0 + 2 * hour]
    assert.deepStrictEqual(Rollup.findGaps(points, threshold), [
      { from: t0 + 3 * minute, to: t0 + hour },
      { from: t0 + hour + 3 * minute, to: t0 + 2 * hour }
    ])
  })
  it("reports leading and trailing gaps against the range, at their exact boundaries", () => {
    const range = { from: t0, to: t0 + day }
    assert.deepStrictEqual(Rollup.findGaps([t0 + threshold, t0 + day - threshold], threshold, range).filter((g) => g.from === t0 || g.to === t0 + day), [])
    assert.deepStrictEqual(Rollup.findGaps([t0 + threshold + 1, t0 + day - threshold - 1], threshold, range), [
      { from: t0, to: t0 + threshold + 1 },
      { from: t0 + threshold + 1, to: t0 + day - threshold - 1 },
      { from: t0 + day - threshold - 1, to: t0 + day }
    ])
  })
  it("reports a range without points as one gap, and none when the range is short", () => {
    assert.deepStrictEqual(Rollup.findGaps([], threshold, { from: t0, to: t0 + hour }), [{ from: t0, to: t0 + hour }])
    assert.deepStrictEqual(Rollup.findGaps([], threshold, { from: t0, to: t0 + threshold }), [])
    assert.deepStrictEqual(Rollup.findGaps([], threshold), [])
  })
  it("ignores points outside the range", () => {
    const range = { from: t0, to: t0 + hour }
    assert.deepStrictEqual(Rollup.findGaps([t0 - minute, t0 + 30 * minute, t0 + 2 * hour], threshold, range), [
      { from: t0, to: t0 + 30 * minute },
      { from: t0 + 30 * minute, to: t0 + hour }
    ])
  })
  it("sorts unsorted input and never reports duplicates as gaps", () => {
    assert.deepStrictEqual(Rollup.findGaps([t0 + hour, t0, t0, t0 + hour], threshold), [{ from: t0, to: t0 + hour }])
  })
})

// Property tests: arbitrary polls and resets over two profiles, dense enough to share buckets.
const span = 3 * day
const utilization = FastCheck.option(FastCheck.double({ min: 0, max: 150, noNaN: true }), { nil: null })
const arbitraryPoll = FastCheck.tuple(FastCheck.constantFrom("work", "home"), FastCheck.integer({ min: 0, max: span }), utilization, utilization)
  .map(([profile, offset, five, seven]) => poll(t0 + offset, five, seven, profile))
const arbitraryReset = FastCheck.tuple(
  FastCheck.constantFrom("work", "home"),
  FastCheck.integer({ min: 0, max: span }),
  FastCheck.option(FastCheck.double({ min: 0, max: 11_000_000, noNaN: true }), { nil: null })
).map(([profile, offset, unused]) => reset(t0 + offset, unused, profile))
const polls = FastCheck.array(arbitraryPoll, { maxLength: 120, size: "medium" })
const resets = FastCheck.array(arbitraryReset, { maxLength: 20, size: "medium" })

const assertStatsClose = (actual: Rollup.WindowStats | null, expected: Rollup.WindowStats | null) => {
  if (expected === null) return assert.isNull(actual)
  assert.isNotNull(actual)
  assert.closeTo(actual!.avg, expected.avg, 1e-9)
  assert.strictEqual(actual!.peak, expected.peak)
  assert.strictEqual(actual!.min, expected.min)
  assert.strictEqual(actual!.count, expected.count)
}

describe("Rollup properties", () => {
  it.prop("5min → hourly → daily equals rolling the raw polls into daily directly", [polls, resets], ([p, r]) => {
    const stepped = Rollup.rollupBuckets(Rollup.rollupBuckets(Rollup.rollupPolls(p, "5min", r), "hourly"), "daily")
    const direct = Rollup.rollupPolls(p, "daily", r)
    assert.strictEqual(stepped.length, direct.length)
    direct.forEach((expected, index) => {
      const actual = stepped[index]!
      assert.strictEqual(actual.profile, expected.profile)
      assert.strictEqual(actual.resolution, "daily")
      assert.strictEqual(actual.periodStart, expected.periodStart)
      assert.strictEqual(actual.periodEnd, expected.periodEnd)
      assert.strictEqual(actual.sampleCount, expected.sampleCount)
      assert.strictEqual(actual.resetCount, expected.resetCount)
      assertStatsClose(actual.fiveHour, expected.fiveHour)
      assertStatsClose(actual.sevenDay, expected.sevenDay)
      if (expected.unusedCredits === null) assert.isNull(actual.unusedCredits)
      else assert.closeTo(actual.unusedCredits!, expected.unusedCredits, 1e-6)
    })
  })

  it.prop("rollupBuckets is deterministic, order-independent and idempotent", [polls, resets, FastCheck.integer()], ([p, r, seed]) => {
    const fine = Rollup.rollupPolls(p, "5min", r)
    const shuffled = [...fine].map((bucket, index) => [Math.imul(index + 1, seed | 1) >>> 0, bucket] as const)
      .sort((a, b) => a[0] - b[0]).map(([, bucket]) => bucket)
    for (const resolution of ["hourly", "daily"] as const) {
      const coarse = Rollup.rollupBuckets(fine, resolution)
      assert.deepStrictEqual(Rollup.rollupBuckets(fine, resolution), coarse)
      assert.deepStrictEqual(Rollup.rollupBuckets(shuffled, resolution), coarse)
      assert.deepStrictEqual(Rollup.rollupBuckets(coarse, resolution), coarse)
    }
  })

  it.prop("rollupPolls does not depend on the order of its input", [polls, resets, FastCheck.integer()], ([p, r, seed]) => {
    const shuffle = <A>(items: ReadonlyArray<A>) =>
      items.map((item, index) => [Math.imul(index + 1, seed | 1) >>> 0, item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item)
    for (const resolution of Rollup.Resolution.literals) {
      assert.deepStrictEqual(Rollup.rollupPolls(shuffle(p), resolution, shuffle(r)), Rollup.rollupPolls(p, resolution, r))
      assert.deepStrictEqual(Rollup.rollupPolls([...p].reverse(), resolution, [...r].reverse()), Rollup.rollupPolls(p, resolution, r))
    }
  })

  it.prop(
    "findGaps returns ordered, non-overlapping gaps, each longer than the threshold",
    [
      FastCheck.array(FastCheck.integer({ min: 0, max: 10 * day }), { maxLength: 100 }),
      FastCheck.integer({ min: 0, max: 2 * day }),
      FastCheck.option(FastCheck.tuple(FastCheck.integer({ min: 0, max: 10 * day }), FastCheck.integer({ min: 0, max: 10 * day })), { nil: undefined })
    ],
    ([timestamps, threshold, bounds]) => {
      const range = bounds === undefined ? undefined : { from: Math.min(...bounds), to: Math.max(...bounds) }
      const gaps = Rollup.findGaps(timestamps, threshold, range)
      const inside = range === undefined ? timestamps : timestamps.filter((t) => t >= range.from && t <= range.to)
      gaps.forEach((gap, index) => {
        assert.isAbove(gap.to - gap.from, threshold)
        assert.isAbove(gap.to, gap.from)
        if (index > 0) assert.isAtMost(gaps[index - 1]!.to, gap.from)
        // No data point lies strictly inside a gap: gaps are silences, never filled.
        assert.isFalse(inside.some((t) => t > gap.from && t < gap.to))
        if (range !== undefined) assert.isTrue(gap.from >= range.from && gap.to <= range.to)
      })
    }
  )
})
