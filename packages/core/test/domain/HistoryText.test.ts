import { assert, describe, it } from "@effect/vitest"
import * as Display from "../../src/domain/Display.js"
import * as HistoryText from "../../src/domain/HistoryText.js"
import { Profile } from "../../src/index.js"
import { Gap, HistoryPoint, Series } from "../../src/services/UsageHistory.js"

const hour = 3_600_000
const t0 = Date.UTC(2026, 10, 22, 0, 0)

const point = (at: number, fiveHour: number | null, sevenDay: number | null) =>
  new HistoryPoint({
    at,
    resolution: "raw",
    fiveHour,
    fiveHourPeak: fiveHour,
    fiveHourMin: fiveHour,
    sevenDay,
    sevenDayPeak: sevenDay,
    sevenDayMin: sevenDay
  })

const series = new Series({
  profile: Profile.defaultProfile,
  from: t0,
  to: t0 + 4 * hour,
  points: [point(t0, 10, 30), point(t0 + hour, 100, 31.6), point(t0 + 3 * hour, null, 32)],
  gaps: [new Gap({ from: t0 + 1.5 * hour, to: t0 + 3 * hour })],
  resets: [],
  outages: []
})

describe("HistoryText", () => {
  it("renders a header, one sparkline per window with its peak, and the span", () => {
    assert.deepStrictEqual(HistoryText.lines(series, "24h", 4), [
      "default · 24h · 3 points · 1 gap · 0 resets",
      "5h used │▁█    peak 100%",
      "7d used │▃▃ ▃  peak 32%",
      "        2026-11-22T00:00Z → 2026-11-22T04:00Z (blank = no data)"
    ])
  })

  it("shows an unknown peak as a dash", () => {
    const empty = new Series({ ...series, points: [point(t0, null, null)] })
    assert.include(HistoryText.lines(empty, "24h", 4)[1], "peak —")
  })

  it("gives one window's row alone, as the lines show it", () => {
    const lines = HistoryText.lines(series, "24h", 4)
    assert.strictEqual(HistoryText.windowRow(series, "fiveHour", 4), lines[1])
    assert.strictEqual(HistoryText.windowRow(series, "sevenDay", 4), lines[2])
  })

  it("writes one CSV row per point with empty cells for unknown values", () => {
    assert.strictEqual(HistoryText.csvHeader.split(",").length, 6)
    assert.deepStrictEqual(HistoryText.csvRows(series), [
      "2026-11-22T00:00:00.000Z,raw,10,10,30,30",
      "2026-11-22T01:00:00.000Z,raw,100,100,31.6,31.6",
      "2026-11-22T03:00:00.000Z,raw,,,32,32"
    ])
  })
})

describe("Display.guardVerdict", () => {
  it("says whether the headroom reaches the minimum", () => {
    assert.strictEqual(Display.guardVerdict({ profile: "work", window: "5h", headroom: 8.7, min: 10 }), "work 5h headroom 8% < 10%")
    assert.strictEqual(Display.guardVerdict({ profile: "default", window: "7d", headroom: 10, min: 10 }), "default 7d headroom 10% ≥ 10%")
    assert.strictEqual(Display.guardUnknownText("work", "7d"), "7d headroom of profile 'work' is unknown — see 'cchdrm status'")
  })
})

describe("Display.guardDocument", () => {
  it("passes at or above the minimum, fails below it and when the headroom is unknown", () => {
    assert.deepStrictEqual(Display.guardDocument({ profile: "work", window: "5h", headroom: 8.7, min: 10 }), {
      profile: "work",
      window: "5h",
      headroom: 8.7,
      min: 10,
      pass: false
    })
    assert.isTrue(Display.guardDocument({ profile: "default", window: "7d", headroom: 10, min: 10 }).pass)
    assert.deepStrictEqual(Display.guardDocument({ profile: "default", window: "7d", headroom: null, min: 0 }), {
      profile: "default",
      window: "7d",
      headroom: null,
      min: 0,
      pass: false
    })
  })
})
