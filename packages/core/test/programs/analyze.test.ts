import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, TestClock } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import { Analysis, analyze, view } from "../../src/programs/analyze.js"
import { history, rangeBounds } from "../../src/programs/history.js"
import { UsageHistory } from "../../src/services/UsageHistory.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as TestEnv from "./TestEnv.js"

const main = ProfileName.make("default")
const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

// Three days of polls every 30 minutes from t = 0; within each 5-hour grid cell the 5h window
// climbs 5, 15, …, 95 %, so every cell boundary is a reset with a peak of 95 % (7d stays at 40 %).
const seedThreeDays = (tier: string | null = Fixtures.defaultTier) =>
  Effect.gen(function*() {
    const store = yield* UsageHistory
    for (let index = 0; index < 144; index++) {
      const fetchedAt = index * 30 * minute
      yield* store.record(Fixtures.snapshot({ fetchedAt, fiveHour: 5 + 10 * (index % 10), tier }))
    }
    yield* TestClock.setTime(3 * day)
  })

describe("analyze", () => {
  it.effect("sums the resets of the range into the B.5 document", () =>
    Effect.gen(function*() {
      yield* seedThreeDays()
      const result = yield* analyze(main, "30d")
      assert.deepStrictEqual(Object.keys(result), [
        "profile", "range", "from", "to", "resetCount", "averagePeak", "tier", "credits", "percent", "limitHits", "hoursExhausted"
      ])
      assert.strictEqual(result.profile, "default")
      assert.strictEqual(result.range, "30d")
      assert.strictEqual(result.to, "1970-01-04T00:00:00.000Z")
      assert.strictEqual(result.from, "1969-12-05T00:00:00.000Z")
      assert.strictEqual(result.resetCount, 14)
      assert.closeTo(result.averagePeak!, 95, 1e-9)
      assert.strictEqual(result.tier, "default_claude_max_5x")
      // P = 95 %, S = 40 %: R5 = 5 % of 3.3M is below R7 = 60 % of 41.6667M, so all headroom left was unused.
      assert.closeTo(result.credits!.used, 14 * 3_135_000, 1e-3)
      assert.closeTo(result.credits!.unused, 14 * 165_000, 1e-3)
      assert.closeTo(result.credits!.constrained, 0, 1e-6)
      assert.closeTo(result.percent!.used, 95, 1e-9)
      assert.closeTo(result.percent!.unused, 5, 1e-9)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("counts limit hits and hours exhausted (SPEC §4)", () =>
    Effect.gen(function*() {
      const store = yield* UsageHistory
      // As seedThreeDays, but the 2nd and 5th 5-hour cells end at the limit for their last 1.5 h.
      for (let index = 0; index < 144; index++) {
        const fetchedAt = index * 30 * minute
        const cell = Math.floor(index / 10)
        const step = index % 10
        const walled = (cell === 1 || cell === 4) && step >= 7
        yield* store.record(Fixtures.snapshot({ fetchedAt, fiveHour: walled ? 100 : 5 + 10 * step }))
      }
      yield* TestClock.setTime(3 * day)
      const result = yield* analyze(main, "30d")
      assert.deepStrictEqual(result.limitHits, { fiveHour: 2, sevenDay: 0 })
      // Both walls are older than 24 h, so rolled into 5-minute buckets: 6 exhausted buckets of 5 minutes.
      assert.deepStrictEqual(result.hoursExhausted, { fiveHour: 0.5, sevenDay: 0 })
      const quiet = yield* analyze(main, "24h")
      assert.deepStrictEqual(quiet.limitHits, { fiveHour: 0, sevenDay: 0 })
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("counts only the resets inside the range", () =>
    Effect.gen(function*() {
      yield* seedThreeDays()
      const result = yield* analyze(main, "24h")
      assert.strictEqual(result.resetCount, 5)
      assert.strictEqual(result.from, "1970-01-03T00:00:00.000Z")
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("runs history maintenance before reading", () =>
    Effect.gen(function*() {
      yield* seedThreeDays()
      yield* analyze(main, "7d")
      assert.deepStrictEqual(yield* (yield* TestEnv.Recorder).maintained, [3 * day])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("credits and percent are null for an unknown tier without custom limits", () =>
    Effect.gen(function*() {
      yield* seedThreeDays(null)
      const result = yield* analyze(main, "all")
      assert.strictEqual(result.tier, null)
      assert.strictEqual(result.credits, null)
      assert.strictEqual(result.percent, null)
      assert.strictEqual(result.resetCount, 14)
      assert.closeTo(result.averagePeak!, 95, 1e-9)
      // The document encodes as it is: `null`s and all.
      assert.deepStrictEqual(Schema.encodeSync(Analysis)(result), result)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("view: the summary and one legend line per part with a tier", () =>
    Effect.gen(function*() {
      yield* seedThreeDays()
      const known = view(yield* analyze(main, "30d"))
      assert.match(known.summary, /^default · 30d · 14 resets · average peak 95(\.0)?%/)
      assert.deepStrictEqual(known.legend.map((line) => line.part), ["used", "constrained", "unused"])
      assert.isNull(known.unavailable)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("view: no legend and the reason when the tier is unknown", () =>
    Effect.gen(function*() {
      yield* seedThreeDays(null)
      const unknown = view(yield* analyze(main, "all"))
      assert.deepStrictEqual(unknown.legend, [])
      assert.isString(unknown.unavailable)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("custom credit limits from the preferences stand in for an unknown tier", () =>
    Effect.gen(function*() {
      yield* seedThreeDays(null)
      const result = yield* analyze(main, "all")
      assert.closeTo(result.credits!.used, 14 * 950_000, 1e-3)
      assert.closeTo(result.credits!.unused, 14 * 50_000, 1e-3)
    }).pipe(Effect.provide(TestEnv.layer({ preferences: { customCredits5h: 1_000_000, customCredits7d: 10_000_000 } }))))

  it.effect("a profile without history has zero resets and no breakdown", () =>
    Effect.gen(function*() {
      const result = yield* analyze(ProfileName.make("nobody"), "7d")
      assert.strictEqual(result.resetCount, 0)
      assert.strictEqual(result.averagePeak, null)
      assert.strictEqual(result.credits, null)
    }).pipe(Effect.provide(TestEnv.layer())))
})

describe("history", () => {
  // Polls every 3 minutes over the last two hours, with a 40-minute hole in the middle.
  const seedWithHole = Effect.gen(function*() {
    yield* TestClock.setTime(day)
    const store = yield* UsageHistory
    for (let at = day - 2 * hour; at < day; at += 3 * minute) {
      if (at >= day - 80 * minute && at < day - 40 * minute) continue
      yield* store.record(Fixtures.snapshot({ fetchedAt: at, fiveHour: 30 }))
    }
  })

  it.effect("returns the range with explicit gaps beyond max(2 × interval, 15 min)", () =>
    Effect.gen(function*() {
      yield* seedWithHole
      const series = yield* history(main, "24h")
      assert.strictEqual(series.from, 0)
      assert.strictEqual(series.to, day)
      assert.strictEqual(series.points.length, 27)
      // The empty start of the range and the 40-minute hole.
      assert.deepStrictEqual(series.gaps.map((gap) => [gap.from, gap.to]), [
        [0, day - 2 * hour],
        [day - 81 * minute, day - 39 * minute]
      ])
      assert.deepStrictEqual(yield* (yield* TestEnv.Recorder).maintained, [day])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("a longer poll interval widens the gap threshold", () =>
    Effect.gen(function*() {
      yield* seedWithHole
      const series = yield* history(main, "24h")
      // 42 minutes without data is under max(2 × 30 min, 15 min): not a gap.
      assert.deepStrictEqual(series.gaps.map((gap) => [gap.from, gap.to]), [[0, day - 2 * hour]])
    }).pipe(Effect.provide(TestEnv.layer({ preferences: { pollIntervalSeconds: 1800 } }))))

  it("rangeBounds: fixed ranges end now; `all` starts at the retention cutoff", () => {
    assert.deepStrictEqual(rangeBounds("7d", 10 * day, 365), { from: 3 * day, to: 10 * day })
    assert.deepStrictEqual(rangeBounds("all", 400 * day, 365), { from: 35 * day, to: 400 * day })
  })
})
