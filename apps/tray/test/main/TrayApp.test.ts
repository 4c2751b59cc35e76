// The tray app's logic on fake ports: the menu bar by state and binding window, the icon number
// where there is no title, window routing, requests only from its own windows, launch at login.
import { describe, expect, it } from "vitest"
import { startTrayApp } from "../../src/main/TrayApp.js"
import { hasTrayTitle, presentation } from "../../src/main/trayPresentation.js"
import { dashboardOf, fakeDeps, now } from "./fakes.js"

const hour = 3_600_000
const max20x = "default_claude_max_20x"

describe("menu bar", () => {
  it("shows the 5h headroom as the title with the spoken label as tooltip", () => {
    const { deps, log, push } = fakeDeps({ hasTitle: true })
    startTrayApp(deps)
    push(dashboardOf({ fiveHour: { utilization: 17, resetsAt: now + 2 * hour }, sevenDay: 35, tier: max20x }))
    expect(log.titles).toEqual(["83%"])
    expect(log.toolTips).toEqual(["Claude headroom 83 percent, normal, flat"])
    expect(log.icons).toEqual([{ state: "normal", text: null }])
  })

  it("follows the state: warning colours the icon and the title keeps the number", () => {
    const { deps, log, push } = fakeDeps({ hasTitle: true })
    startTrayApp(deps)
    push(dashboardOf({ fiveHour: { utilization: 88, resetsAt: now + hour }, sevenDay: 20, tier: max20x }))
    expect(log.titles.at(-1)).toBe("12%")
    expect(log.icons.at(-1)).toEqual({ state: "warning", text: null })
  })

  it("shows the 7-day window, labelled, when it leaves less than one 5h quota (binding window)", () => {
    const { deps, log, push } = fakeDeps({ hasTitle: true })
    startTrayApp(deps)
    push(dashboardOf({ fiveHour: { utilization: 10, resetsAt: now + hour }, sevenDay: { utilization: 97, resetsAt: now + 30 * hour }, tier: max20x }))
    expect(log.titles.at(-1)).toBe("7d 3%")
    expect(log.icons.at(-1)).toEqual({ state: "critical", text: null })
  })

  it("counts down to the later reset when both windows are exhausted", () => {
    const { deps, log, push } = fakeDeps({ hasTitle: true })
    startTrayApp(deps)
    push(dashboardOf({
      fiveHour: { utilization: 100, resetsAt: now + 47 * 60_000 },
      sevenDay: { utilization: 100, resetsAt: now + 2 * hour + 59 * 60_000 },
      tier: max20x
    }))
    expect(log.titles.at(-1)).toBe("7d ↻ 2h 59m")
    expect(log.icons.at(-1)?.state).toBe("exhausted")
  })

  it("draws the number into the icon on platforms without a tray title", () => {
    const { deps, log, push } = fakeDeps({ hasTitle: false })
    startTrayApp(deps)
    push(dashboardOf({ fiveHour: { utilization: 17, resetsAt: now + hour }, sevenDay: 35, tier: max20x }))
    push(dashboardOf({ fiveHour: { utilization: 10, resetsAt: now + hour }, sevenDay: { utilization: 97, resetsAt: now + 30 * hour }, tier: max20x }))
    expect(log.titles).toEqual([])
    expect(log.icons).toEqual([{ state: "normal", text: "83" }, { state: "critical", text: "3" }])
    expect(log.toolTips.at(-1)).toMatch(/^Claude 7-day headroom 3 percent, critical/)
  })

  it("knows which platforms draw titles", () => {
    expect([hasTrayTitle("darwin"), hasTrayTitle("win32"), hasTrayTitle("linux")]).toEqual([true, false, false])
  })

  it("shows a dash and a grey icon while disconnected", () => {
    const view = { ...dashboardOf({}), connection: "disconnected" as const, title: "—", titleLabel: "Claude headroom unavailable, disconnected" }
    expect(presentation(view, { hasTitle: false })).toEqual({
      title: null,
      toolTip: "Claude headroom unavailable, disconnected",
      icon: { state: "disconnected", text: "—" }
    })
  })
})

describe("windows", () => {
  it("a tray click toggles the popover", () => {
    const { deps, log } = fakeDeps({ hasTitle: true })
    const app = startTrayApp(deps)
    app.trayClicked()
    app.trayClicked()
    expect(log.shown).toEqual(["popover"])
    expect(log.hidden).toEqual(["popover"])
  })

  it("routes Analytics… and Settings… to their windows, closing the popover; Quit quits", () => {
    const { deps, log } = fakeDeps({ hasTitle: true })
    const app = startTrayApp(deps)
    app.trayClicked()
    app.command({ _tag: "OpenWindow", view: "analytics" }, true)
    app.command({ _tag: "OpenWindow", view: "settings" }, true)
    expect(log.shown).toEqual(["popover", "analytics", "settings"])
    expect(log.hidden).toEqual(["popover", "popover"])
    app.command({ _tag: "Quit" }, true)
    expect(log.quits).toBe(1)
  })

  it("ignores commands and refuses requests from anything but its own windows", async () => {
    const asked: Array<unknown> = []
    const { deps, log } = fakeDeps({ hasTitle: true, host: { handle: async (message) => (asked.push(message), { _tag: "Done" }) } })
    const app = startTrayApp(deps)
    app.command({ _tag: "Quit" }, false)
    expect(log.quits).toBe(0)
    const reply = await app.request({ _tag: "ClearHistory", confirmed: true }, false)
    expect(reply).toMatchObject({ _tag: "Failed", message: "Request refused: it did not come from a cc-hdrm window" })
    expect(asked).toEqual([{ _tag: "Preferences" }])
  })
})

describe("launch at login", () => {
  const prefs = (launchAtLogin: boolean) => ({
    _tag: "Preferences",
    fields: [{ key: "launchAtLogin", type: "boolean", value: String(launchAtLogin), allowed: "true or false", description: "" }]
  })

  it("follows the preference at start and after settings are saved", async () => {
    let saved = true
    const { deps, log } = fakeDeps({ hasTitle: true, host: { handle: async () => prefs(saved) } })
    const app = startTrayApp(deps)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(log.loginItem).toEqual([true])
    saved = false
    await app.request({ _tag: "SetPreferences", values: { launchAtLogin: "false" } }, true)
    expect(log.loginItem).toEqual([true, false])
    // An unchanged preference does not touch the OS setting again.
    await app.request({ _tag: "Preferences" }, true)
    expect(log.loginItem).toEqual([true, false])
  })
})
