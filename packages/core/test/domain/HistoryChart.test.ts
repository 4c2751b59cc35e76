import { assert, describe, it } from "@effect/vitest"
import * as HistoryChart from "../../src/domain/HistoryChart.js"
import { Profile } from "../../src/index.js"
import { ResetEvent } from "../../src/domain/Reset.js"
import { Gap, HistoryPoint, Outage, Series } from "../../src/services/UsageHistory.js"

const hour = 3_600_000
const t0 = Date.UTC(2026, 10, 22, 0, 0)

const point = (at: number, fiveHour: number | null) =>
  new HistoryPoint({ at, resolution: "hourly", fiveHour, fiveHourPeak: fiveHour === null ? null : fiveHour + 5, fiveHourMin: fiveHour, sevenDay: 40, sevenDayPeak: 41, sevenDayMin: 39 })

const series = new Series({
  profile: Profile.defaultProfile,
  from: t0,
  to: t0 + 6 * hour,
  points: [point(t0, 10), point(t0 + hour, null)],
  gaps: [new Gap({ from: t0 + 2 * hour, to: t0 + 4 * hour })],
  resets: [new ResetEvent({ profile: Profile.defaultProfile, at: t0 + hour, peak5h: 80, sevenDayUtilization: 40, tier: null, usedCredits: null, constrainedCredits: null, unusedCredits: null })],
  outages: [
    new Outage({ profile: Profile.defaultProfile, startedAt: t0 + 2 * hour, endedAt: t0 + 3 * hour, reason: "HTTP 500" }),
    new Outage({ profile: Profile.defaultProfile, startedAt: t0 + 5 * hour, endedAt: null, reason: "timeout" })
  ]
})

describe("HistoryChart", () => {
  it("keeps the chart's points, shades gaps and outages (an open one to the range's end), marks resets", () => {
    const chart = HistoryChart.fromSeries(series, "24h")
    assert.deepStrictEqual(chart.points[0], { at: t0, fiveHour: 10, fiveHourPeak: 15, sevenDay: 40, sevenDayPeak: 41 })
    assert.deepStrictEqual(chart.points[1]?.fiveHour, null)
    assert.deepStrictEqual(chart.gaps, [{ from: t0 + 2 * hour, to: t0 + 4 * hour }])
    assert.deepStrictEqual(chart.outages, [{ from: t0 + 2 * hour, to: t0 + 3 * hour }, { from: t0 + 5 * hour, to: t0 + 6 * hour }])
    assert.deepStrictEqual(chart.resets, [t0 + hour])
    assert.strictEqual(chart.range, "24h")
  })

  it("words its caption in the counts every frontend uses", () => {
    assert.strictEqual(HistoryChart.fromSeries(series, "7d").caption, "2 points · 1 gap · 1 reset · 2 outages")
    assert.deepStrictEqual(HistoryChart.counts(series), ["2 points", "1 gap", "1 reset"])
  })
})
