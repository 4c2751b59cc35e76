import { Display } from "@cchdrm/core"
import { describe, expect, it } from "vitest"
import { escapeHtml, gaugeMarkup } from "../../src/renderer/gaugeMarkup.js"

const now = Date.UTC(2026, 10, 22, 16, 0)

describe("gaugeMarkup", () => {
  it("renders the state as a class, the value for assistive technology and the accessibility label", () => {
    const gauge = Display.gauge({ window: "sevenDay", usage: { utilization: 88, resetsAt: now + 3_600_000 }, slope: "steep", now })
    const html = gaugeMarkup(gauge, "large")
    expect(html).toContain(`class="gauge large state-warning"`)
    expect(html).toContain(`aria-valuenow="12"`)
    expect(html).toContain(`<span class="percent">12%</span>`)
    expect(html).toContain(`<span class="resets-in">resets in 1h 0m</span>`)
    expect(html).toContain(`aria-label="7-day headroom: 12 percent, warning, steep`)
    expect(html).toContain(`data-fill="12.0"`)
  })

  it("shows no bar and no value when the utilization is unknown", () => {
    const gauge = Display.gauge({ window: "fiveHour", usage: { utilization: null, resetsAt: null }, slope: null, now })
    const html = gaugeMarkup(gauge)
    expect(html).not.toContain("aria-valuenow")
    expect(html).not.toContain("data-fill")
    expect(html).toContain(`<span class="percent">—</span>`)
  })

  it("never lets an API-supplied cap label become markup", () => {
    const gauge = Display.gauge({
      window: { cap: `<img src=x onerror="alert(1)">` },
      usage: { utilization: 10, resetsAt: null },
      slope: null,
      now
    })
    const html = gaugeMarkup(gauge)
    expect(html).not.toContain("<img")
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")
  })

  it("escapes every HTML-special character", () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&#39;f")
  })
})
