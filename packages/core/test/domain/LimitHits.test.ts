import { assert, describe, it } from "@effect/vitest"
import * as LimitHits from "../../src/domain/LimitHits.js"

const minute = 60_000
const hour = 60 * minute

const poll = (at: number, fiveHour: number | null, sevenDay: number | null = 10): LimitHits.Point => ({
  at,
  resolution: "raw",
  fiveHour,
  fiveHourPeak: fiveHour,
  fiveHourMin: fiveHour,
  sevenDay,
  sevenDayPeak: sevenDay,
  sevenDayMin: sevenDay
})

const bucket = (
  at: number,
  resolution: "5min" | "hourly" | "daily",
  sevenDay: { readonly avg: number; readonly peak: number; readonly min: number }
): LimitHits.Point => ({
  at,
  resolution,
  fiveHour: null,
  fiveHourPeak: null,
  fiveHourMin: null,
  sevenDay: sevenDay.avg,
  sevenDayPeak: sevenDay.peak,
  sevenDayMin: sevenDay.min
})

describe("LimitHits.count", () => {
  it("counts each exhausted 5h window once by its reset event, plus the open one", () => {
    const points = [poll(0, 80), poll(hour, 100), poll(2 * hour, 100), poll(5 * hour, 10), poll(9 * hour, 100)]
    const resets = [{ at: 5 * hour, peak5h: 100 }, { at: 3 * hour - 1, peak5h: 60 }]
    const result = LimitHits.count({ points, resets, to: 10 * hour, gapThreshold: 15 * minute })
    assert.strictEqual(result.limitHits.fiveHour, 2)
    // Three exhausted polls, each standing for at most the gap threshold.
    assert.strictEqual(result.hoursExhausted.fiveHour, 0.75)
  })

  it("counts a run of exhausted 7-day points as one window, at any resolution", () => {
    const day = 24 * hour
    const points = [
      bucket(0, "daily", { avg: 80, peak: 100, min: 60 }),
      bucket(day, "daily", { avg: 100, peak: 100, min: 100 }),
      bucket(2 * day, "daily", { avg: 20, peak: 100, min: 5 }),
      bucket(3 * day, "daily", { avg: 30, peak: 60, min: 10 }),
      bucket(10 * day, "hourly", { avg: 100, peak: 100, min: 100 }),
      poll(10 * day + hour, 10, 100),
      poll(10 * day + hour + 3 * minute, 10, 100)
    ]
    const result = LimitHits.count({ points, resets: [], to: 11 * day, gapThreshold: 15 * minute })
    assert.strictEqual(result.limitHits.sevenDay, 2)
    assert.strictEqual(result.limitHits.fiveHour, 0)
    // 12 h (half of 80 − 60 over 100 − 60) + 24 h + 0.4 h (15 of 95) + 1 h + 3 min + 15 min.
    const expected = 12 + 24 + (24 * 15) / 95 + 1 + 0.05 + 0.25
    assert.closeTo(result.hoursExhausted.sevenDay, expected, 0.01)
  })

  it("keeps two walled weeks apart when one day holds the first one's reset and the next the second wall", () => {
    const day = 24 * hour
    const points = [
      bucket(0, "daily", { avg: 60, peak: 100, min: 0 }),
      bucket(day, "daily", { avg: 99, peak: 100, min: 97 })
    ]
    assert.strictEqual(LimitHits.count({ points, resets: [], to: 2 * day, gapThreshold: 15 * minute }).limitHits.sevenDay, 2)
  })

  it("is zero without data, and never counts past the range's end", () => {
    assert.deepStrictEqual(LimitHits.count({ points: [], resets: [], to: hour, gapThreshold: 15 * minute }), {
      limitHits: { fiveHour: 0, sevenDay: 0 },
      hoursExhausted: { fiveHour: 0, sevenDay: 0 }
    })
    const result = LimitHits.count({ points: [poll(hour - 6 * minute, 100)], resets: [], to: hour, gapThreshold: 15 * minute })
    assert.strictEqual(result.hoursExhausted.fiveHour, 0.1)
    assert.strictEqual(result.limitHits.fiveHour, 1)
  })
})
