import { describe, expect, it } from "vitest"
import { popoverBottom, popoverTop } from "../../src/renderer/popover.js"
import { dashboardOf, now } from "../main/fakes.js"

const hour = 3_600_000

describe("popover markup", () => {
  it("draws the binding window large: the 7-day one when it binds", () => {
    const view = dashboardOf({ fiveHour: { utilization: 10, resetsAt: now + hour }, sevenDay: { utilization: 97, resetsAt: now + 30 * hour }, tier: "default_claude_max_20x" })
    const html = popoverTop(view)
    expect(html.indexOf("gauge large")).toBeLessThan(html.indexOf(`aria-label="7-day headroom`))
    expect(html.indexOf(`aria-label="7-day headroom`)).toBeLessThan(html.indexOf(`aria-label="5-hour headroom`))
    expect(html).toMatch(/class="gauge large state-critical"[^>]*aria-label="7-day headroom: 3 percent, critical/)
    expect(html).toContain(`aria-label="Claude 7-day headroom 3 percent, critical`)
    expect(html).toContain(`<header class="title-row state-critical">`)
  })

  it("offers Quit only where there is an app to quit, and refresh for the shown profile", () => {
    const view = dashboardOf({})
    expect(popoverBottom(view, { canQuit: false })).not.toContain("Quit")
    expect(popoverBottom(view, { canQuit: true })).toContain(`data-action="quit">Quit</button>`)
    expect(popoverBottom(view, { canQuit: false })).toContain(`data-action="refresh" data-profile="default" aria-label="Refresh default now"`)
  })

  it("escapes what comes from outside (monitor errors, plan names)", () => {
    const view = { ...dashboardOf({}), plan: "<b>x</b>", error: { code: "ConfigFileError", message: `<img src=x onerror="1">` } }
    expect(popoverTop(view)).toContain("&lt;img src=x onerror=&quot;1&quot;&gt;")
    expect(popoverBottom(view, { canQuit: false })).toContain("&lt;b&gt;x&lt;/b&gt;")
  })
})
