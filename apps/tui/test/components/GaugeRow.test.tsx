import { Display } from "@cchdrm/core"
import { render } from "ink-testing-library"
import { describe, expect, it } from "vitest"
import { GaugeRow } from "../../src/components/GaugeRow.js"

const now = Date.UTC(2026, 10, 22, 16, 0)
const gaugeOf = (utilization: number | null, resetsAt: number | null) =>
  Display.gauge({ window: "fiveHour", usage: { utilization, resetsAt }, slope: "rising", now, time: { timeZone: "UTC" } })
// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/g
const frameOf = (element: React.ReactElement) => render(element).lastFrame() ?? ""
const textOf = (element: React.ReactElement) => frameOf(element).replace(ansi, "")
// Foreground colour codes (30–37, 90–97); bold and dim are not colour.
// eslint-disable-next-line no-control-regex
const foreground = /\u001b\[(3[0-7]|9[0-7])m/

describe("GaugeRow", () => {
  it("shows symbol, label, headroom, arrow and both reset forms", () => {
    expect(textOf(<GaugeRow gauge={gaugeOf(17, now + (2 * 60 + 13) * 60_000)} color={false} />))
      .toBe("● 5h   83% ↗ resets in 2h 13m (at 6:13 PM)")
  })

  it("shows a dash and no countdown when nothing is known", () => {
    expect(textOf(<GaugeRow gauge={gaugeOf(null, null)} color={false} />)).toBe("○ 5h     — ↗")
  })

  it("colours by state only when colour is on", () => {
    const critical = gaugeOf(97, now + 60_000)
    expect(textOf(<GaugeRow gauge={critical} color={false} />)).toContain("✖ 5h    3%")
    expect(frameOf(<GaugeRow gauge={critical} color={false} />)).not.toMatch(foreground)
    expect(frameOf(<GaugeRow gauge={critical} color={true} />)).toContain("\u001b[31m")
  })
})
