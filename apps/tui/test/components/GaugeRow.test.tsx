import { Display } from "@cchdrm/core"
import { render } from "ink-testing-library"
import { describe, expect, it } from "vitest"
import { GaugeRow } from "../../src/components/GaugeRow.js"

const now = Date.UTC(2026, 10, 22, 16, 0)
const gaugeOf = (utilization: number | null, resetsAt: number | null) =>
  Display.gauge({ window: "fiveHour", usage: { utilization, resetsAt }, slope: "rising", now, time: { timeZone: "UTC" } })

describe("GaugeRow", () => {
  it("shows symbol, label, headroom, arrow and both reset forms", () => {
    const { lastFrame } = render(<GaugeRow gauge={gaugeOf(17, now + (2 * 60 + 13) * 60_000)} color={false} />)
    expect(lastFrame()).toBe("● 5h   83% ↗ resets in 2h 13m (at 6:13 PM)")
  })

  it("shows a dash and no countdown when nothing is known", () => {
    const { lastFrame } = render(<GaugeRow gauge={gaugeOf(null, null)} color={false} />)
    expect(lastFrame()).toBe("○ 5h     — ↗")
  })

  it("colours by state only when colour is on", () => {
    const critical = gaugeOf(97, now + 60_000)
    const plain = render(<GaugeRow gauge={critical} color={false} />).lastFrame() ?? ""
    const coloured = render(<GaugeRow gauge={critical} color={true} />).lastFrame() ?? ""
    expect(plain).toContain("✖ 5h    3%")
    expect(plain).not.toContain("\u001b[")
    expect(coloured).toContain("\u001b[")
  })
})
