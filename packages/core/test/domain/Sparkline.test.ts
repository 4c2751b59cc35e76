import { assert, describe, it } from "@effect/vitest"
import * as BreakdownBar from "../../src/domain/BreakdownBar.js"
import * as Sparkline from "../../src/domain/Sparkline.js"

describe("Sparkline.sparkline", () => {
  it("draws each cell as the peak of its points on a 0–100 scale", () => {
    const line = Sparkline.sparkline({
      from: 0,
      to: 4,
      width: 4,
      gaps: [],
      points: [{ at: 0, value: 0 }, { at: 1, value: 50 }, { at: 1.5, value: 10 }, { at: 2, value: 100 }, { at: 3, value: 140 }]
    })
    assert.strictEqual(line, "▁▄██")
  })

  it("leaves gaps and cells without data blank, never interpolated", () => {
    const line = Sparkline.sparkline({
      from: 0,
      to: 6,
      width: 6,
      gaps: [{ from: 1, to: 3 }],
      points: [{ at: 0, value: 20 }, { at: 2, value: 90 }, { at: 4, value: null }, { at: 5, value: 60 }]
    })
    assert.strictEqual(line, "▂    ▅")
  })

  it("knows the peak", () => {
    assert.strictEqual(Sparkline.peakOf([{ at: 0, value: 3 }, { at: 1, value: null }, { at: 2, value: 7 }]), 7)
    assert.isNull(Sparkline.peakOf([{ at: 0, value: null }]))
  })
})

describe("BreakdownBar", () => {
  it("fills exactly the width by largest remainders", () => {
    const bar = BreakdownBar.bar({ used: 33.4, constrained: 33.3, unused: 33.3 }, 10)
    assert.strictEqual(bar.length, 10)
    assert.strictEqual(bar, "████▒▒▒░░░")
  })

  it("labels each part with its percentage and credits", () => {
    const lines = BreakdownBar.legend({ used: 61.25, constrained: 0, unused: 38.75 }, { used: 1234567, constrained: 0, unused: 780000 })
    assert.deepStrictEqual(lines.map((line) => line.part), ["used", "constrained", "unused"])
    assert.match(lines[0]!.text, /^█ used +61\.3% +1,234,567 credits$/)
    assert.match(lines[1]!.text, /^▒ 7d-constrained +0\.0% +0 credits$/)
  })
})

describe("BreakdownBar.analysisLines", () => {
  const analysis = { profile: "default", range: "7d", resetCount: 8, averagePeak: 30.94, tier: "default_claude_max_5x", credits: { used: 30, constrained: 10, unused: 60 }, percent: { used: 30, constrained: 10, unused: 60 } }

  it("shows the header, the bar and one legend line per part", () => {
    const lines = BreakdownBar.analysisLines(analysis, 10)
    assert.strictEqual(lines[0], "default · 7d · 8 resets · average peak 30.9%")
    assert.strictEqual(lines[1], "[███▒░░░░░░]")
    assert.strictEqual(lines.length, 5)
  })

  it("adds the limit hits under the header when the analysis has them", () => {
    const lines = BreakdownBar.analysisLines({
      ...analysis,
      limitHits: { fiveHour: 3, sevenDay: 0 },
      hoursExhausted: { fiveHour: 4.5, sevenDay: 0 }
    }, 10)
    assert.strictEqual(lines[1], "Limit hits: 5h 3 (4.5 h exhausted) · 7d 0")
    assert.strictEqual(lines.length, 6)
  })

  it("says why there is no breakdown when the tier is unknown", () => {
    assert.deepStrictEqual(BreakdownBar.analysisLines({ ...analysis, averagePeak: null, tier: null, credits: null, percent: null }, 10), [
      "default · 7d · 8 resets · average peak —",
      "Headroom breakdown unavailable — unknown subscription tier"
    ])
  })

  it("says the range has no reset yet when the tier is known", () => {
    assert.deepStrictEqual(BreakdownBar.analysisLines({ ...analysis, resetCount: 0, averagePeak: null, credits: null, percent: null }, 10), [
      "default · 7d · 0 resets · average peak —",
      "No breakdown yet — no 5-hour window has reset in this range"
    ])
  })
})
