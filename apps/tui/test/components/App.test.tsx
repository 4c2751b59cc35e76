import { render } from "ink-testing-library"
import { describe, expect, it } from "vitest"
import { App, TuiState } from "../../src/index.js"
import { analysis, day, hour, minute, monitor, now, state, utc, view } from "../fixtures/states.js"

// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/g
// Foreground colour codes (30–37, 90–97); bold, dim and inverse are not colour.
// eslint-disable-next-line no-control-regex
const foreground = /\u001b\[(3[0-7]|9[0-7])m/

const frame = (current: TuiState.TuiState, color = true) => render(<App state={current} color={color} time={utc} />).lastFrame() ?? ""
const text = (current: TuiState.TuiState, color = true) => frame(current, color).replace(ansi, "")
const lines = (current: TuiState.TuiState) => text(current).split("\n")

describe("App: dashboard", () => {
  it("normal: both gauges with headroom, slope, countdown, reset time, quotas, caps, extra usage, sparkline, status", () => {
    const screen = text(state(monitor([view("default", {
      fiveHour: { utilization: 17, resetsAt: now + 2 * hour + 13 * minute },
      sevenDay: { utilization: 35, resetsAt: now + 3 * 24 * hour },
      caps: [{ label: "Fable", utilization: 63, resetsAt: now + 3 * 24 * hour }],
      extraUsage: { enabled: true, usedCents: 1561, limitCents: 5000 }
    })])))
    expect(screen).toContain("cc-hdrm · default · Max 5x · your Claude Code login")
    expect(screen).toMatch(/● 5h\s+83% → resets in 2h 13m \(at 6:13 PM\)/)
    expect(screen).toMatch(/● 7d\s+65% → resets in 3d 0h \(at .*\) · \d+ × 5h left/)
    expect(screen).toMatch(/◐ Fable\s+37%/)
    expect(screen).toContain("$ Extra usage $15.61 of $50.00 (31%)")
    expect(screen).toMatch(/5h used │[▁▂▃▄▅▆▇█ ]+ {2}peak 92%/)
    expect(screen).toContain("Updated 12s ago · Next poll in 2m")
    expect(screen).toContain("r refresh · p/tab next profile · a analytics · 1-4 range · ? help · q quit")
  })

  it("shows gaps in the 24 h sparkline as blank cells, never filled in", () => {
    const row = lines(state(monitor([view("default")]))).find((line) => line.startsWith("5h used"))!
    const cells = row.slice(row.indexOf("│") + 1, row.indexOf("  peak"))
    expect(cells).toMatch(/[▁-█]+ {3,}[▁-█]+/)
    expect(day.gaps).toHaveLength(1)
  })

  it("warning: the state is in the symbol and the weight as well as the colour", () => {
    const current = state(monitor([view("default", { fiveHour: 85 })]))
    expect(text(current)).toMatch(/▲ 5h\s+15%/)
    expect(frame(current)).toContain("\u001b[93m")
  })

  it("critical: ✖ and red", () => {
    const current = state(monitor([view("default", { fiveHour: 97 })]))
    expect(text(current)).toMatch(/✖ 5h\s+3%/)
    expect(frame(current)).toContain("\u001b[31m")
  })

  it("exhausted: 0 % with the countdown to when it comes back", () => {
    const screen = text(state(monitor([view("default", { fiveHour: { utilization: 100, resetsAt: now + 47 * minute } })])))
    expect(screen).toMatch(/⊘ 5h\s+0% → resets in 47m \(at 4:47 PM\)/)
  })

  it("both exhausted: both gauges at 0 % with their own countdowns", () => {
    const screen = text(state(monitor([view("default", {
      fiveHour: { utilization: 100, resetsAt: now + 3 * hour },
      sevenDay: { utilization: 100, resetsAt: now + 20 * minute }
    })])))
    expect(screen).toMatch(/⊘ 5h\s+0% → resets in 3h 0m/)
    expect(screen).toMatch(/⊘ 7d\s+0% → resets in 20m/)
    expect(screen).toContain("0 × 5h left")
  })

  it("disconnected: no numbers, the problem and the retry", () => {
    const screen = text(state(monitor([view("default", { connection: "disconnected", failures: 2 })])))
    expect(screen).toContain("○ No usage to show — see the status below")
    expect(screen).not.toMatch(/5h\s+\d+%/)
    expect(screen).toContain("! Unable to reach Claude API — will retry")
    expect(screen).toMatch(/Retrying in 2m/)
    expect(screen).toMatch(/▸ default\s+5h\s+—\s+7d\s+—\s+○ disconnected/)
  })

  it("rate limited: keeps the stale numbers, says from when and backs off", () => {
    const current = state(monitor([view("default", { connection: "rate_limited", failures: 1, fiveHour: 40, fetchedAgo: 25 * minute })]))
    const screen = text(current)
    expect(screen).toMatch(/● 5h\s+60%/)
    expect(screen).toContain("! Rate limited — showing data from 25m ago")
    expect(screen).toContain("Updated 25m ago · Retrying in 2m")
    expect(screen).toMatch(/rate limited/)
  })

  it("token expired: the fix is on screen", () => {
    const screen = text(state(monitor([view("default", { connection: "token_expired" })])))
    expect(screen).toContain("! Token expired — run `claude` to log in again")
    expect(screen).toMatch(/○ token expired/)
  })

  it("no credentials: says where to log in", () => {
    const screen = text(state(monitor([view("default", { connection: "no_credentials", snapshot: false })])))
    expect(screen).toMatch(/! .*claude/i)
    expect(screen).toContain("No data yet")
    expect(screen).toMatch(/○ no credentials\s+never/)
  })

  it("several profiles: every row with its numbers, the active one marked", () => {
    const current = state(monitor([view("default", { fiveHour: 17 }), view("work", { fiveHour: 97, sevenDay: 50 })], "work"))
    const screen = lines(current)
    expect(screen[0]).toContain("cc-hdrm · work · Max 5x · saved login")
    expect(screen.find((line) => line.includes("default  5h"))).toMatch(/^ {2}default\s+5h\s+83%\s+7d\s+60%\s+● normal\s+12s ago/)
    expect(screen.find((line) => line.includes("work     5h"))).toMatch(/^▸ work\s+5h\s+3%\s+7d\s+50%\s+✖ critical\s+12s ago/)
  })

  it("says when it runs on the simulated account", () => {
    expect(text(state(monitor([view("default")]), { account: "simulated" }))).toContain("simulated account (demo)")
  })

  it("shows an alert as a banner", () => {
    expect(text(state(monitor([view("default")]), { banner: { text: "Claude headroom low: 5h at 15%", until: now + 1 } })))
      .toContain("🔔 Claude headroom low: 5h at 15%")
  })

  it("shows the monitor's own problem above everything", () => {
    const current = state({ ...monitor([view("default")]), error: { code: "ConfigFileError", message: "config.json is not JSON — fix or delete it" } })
    expect(lines(current)[1]).toContain("✖ config.json is not JSON — fix or delete it")
  })

  it("fits 80×24 with caps and extra usage", () => {
    const screen = lines(state(monitor([view("default", { caps: [{ label: "Fable", utilization: 10 }], extraUsage: { enabled: true, usedCents: 1, limitCents: 100 } }), view("work")])))
    expect(screen.length).toBeLessThanOrEqual(24)
    expect(Math.max(...screen.map((line) => line.length))).toBeLessThanOrEqual(80)
  })

  it("below 80 columns stacks the reset under the gauge and shortens rows", () => {
    const current = state(monitor([view("default", { fiveHour: { utilization: 17, resetsAt: now + 2 * hour } })]), { columns: 60 })
    const screen = lines(current)
    expect(screen.find((line) => line.includes("5h  ")) ?? "").not.toContain("resets")
    expect(screen.some((line) => line.trim().startsWith("resets in 2h 0m"))).toBe(true)
    expect(Math.max(...screen.map((line) => line.length))).toBeLessThanOrEqual(60)
    expect(screen.at(-1)).toBe("r refresh · p profile · a analytics · ? help · q quit")
  })

  it("NO_COLOR: no colour codes, the symbols still tell the state", () => {
    const current = state(monitor([view("default", { fiveHour: 97 })]))
    expect(frame(current, false)).not.toMatch(foreground)
    expect(text(current, false)).toMatch(/✖ 5h\s+3%/)
  })

  it("before the monitor has published: starting", () => {
    expect(text(state(null))).toContain("cc-hdrm · starting…")
  })
})

describe("App: analytics", () => {
  const analytics = (overrides: Partial<TuiState.TuiState>) =>
    state(monitor([view("default")]), { screen: "analytics", back: "analytics", range: "7d", ...overrides })

  it("shows the breakdown bar with used / 7d-constrained / unused and credits, resets, average peak, the range's sparklines", () => {
    const screen = text(analytics({ analytics: { _tag: "loaded", value: { analysis: analysis(), series: day } } }))
    expect(screen).toMatch(/ 1 24h\s+2 7d\s+3 30d\s+4 all/)
    expect(screen).toContain("default · 7d · 12 resets · average peak 61.5%")
    expect(screen).toMatch(/\[█+▒+░+\]/)
    expect(screen).toMatch(/█ used\s+55\.3%\s+1,234,567 credits/)
    expect(screen).toMatch(/▒ 7d-constrained\s+8\.9%\s+200,000 credits/)
    expect(screen).toMatch(/░ unused\s+35\.8%\s+800,000 credits/)
    expect(screen).toMatch(/5h used │.* {2}peak 92%/)
    expect(screen).toMatch(/7d used │.* {2}peak 92%/)
  })

  it("unknown tier: says the breakdown is unavailable", () => {
    const screen = text(analytics({ analytics: { _tag: "loaded", value: { analysis: analysis({ tier: null, credits: null, percent: null }), series: day } } }))
    expect(screen).toContain("Headroom breakdown unavailable — unknown subscription tier")
    expect(screen).not.toMatch(/credits/)
  })

  it("while loading and when the history cannot be read", () => {
    expect(text(analytics({ analytics: { _tag: "loading" } }))).toContain("Loading 7d…")
    expect(text(analytics({ analytics: { _tag: "failed", message: "usage.db is not a database — move it away" } })))
      .toContain("usage.db is not a database — move it away")
  })
})

describe("App: help", () => {
  it("lists every key and the symbols", () => {
    const screen = text(state(monitor([view("default")]), { screen: "help" }))
    for (const key of ["r ", "p / tab", "a ", "1 2 3 4", "? ", "q / Ctrl-C"]) expect(screen).toContain(key)
    expect(screen).toMatch(/● normal\s+◐ caution\s+▲ warning\s+✖ critical\s+⊘ exhausted/)
    expect(screen).toContain("↗ rising")
  })
})
