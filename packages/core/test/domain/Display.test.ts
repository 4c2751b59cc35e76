import { assert, describe, it } from "@effect/vitest"
import { Option } from "effect"
import * as Credits from "../../src/domain/Credits.js"
import * as Display from "../../src/domain/Display.js"
import * as Forecast from "../../src/domain/Forecast.js"
import * as Headroom from "../../src/domain/Headroom.js"
import type * as Slope from "../../src/domain/Slope.js"
import { UsageWindow } from "../../src/domain/Usage.js"

const s = 1_000
const m = 60 * s
const h = 60 * m
const d = 24 * h
// 2026-11-22 21:52 UTC = Sunday 4:52 PM in New York.
const resetAt = Date.UTC(2026, 10, 22, 21, 52)
const ny = { locale: "en-US", timeZone: "America/New_York" } as const

const win = (utilization: number | null, resetsAt: number | null = null) => new UsageWindow({ utilization, resetsAt })
const max20x = Credits.limitsFor("default_claude_max_20x")
const unknownTier = Option.none<Credits.CreditLimits>()

const title = (
  fiveHour: UsageWindow | null,
  sevenDay: UsageWindow | null,
  options: Partial<Omit<Display.TitleInput, "snapshot">> = {}
): Display.TitleInput => ({
  snapshot: { fiveHour, sevenDay },
  connected: true,
  limits: max20x,
  slope5h: "flat",
  slope7d: "flat",
  now: resetAt - 47 * m - 30 * s,
  ...options
})

describe("Display.menuTitle (SPEC §2)", () => {
  const now = resetAt - 47 * m - 30 * s
  it("— when disconnected, even with stored data", () => {
    assert.strictEqual(Display.menuTitle(title(win(17), win(35), { connected: false })), "—")
  })

  it("— when never fetched", () => {
    assert.strictEqual(Display.menuTitle({ ...title(null, null), snapshot: null }), "—")
  })

  it("— when neither window has a number", () => {
    assert.strictEqual(Display.menuTitle(title(null, null)), "—")
    assert.strictEqual(Display.menuTitle(title(win(null), win(null))), "—")
  })

  it("↻ 47m when the 5h window is exhausted", () => {
    assert.strictEqual(Display.menuTitle(title(win(100, resetAt), win(35), { now })), "↻ 47m")
    assert.strictEqual(Display.menuTitle(title(win(104, resetAt), win(35), { now })), "↻ 47m")
  })

  it("0% when the exhausted window's reset time is unknown", () => {
    assert.strictEqual(Display.menuTitle(title(win(100, null), win(35))), "0%")
  })

  it("83%: floored headroom, no arrow when flat or cooling", () => {
    assert.strictEqual(Display.menuTitle(title(win(17), win(35))), "83%")
    assert.strictEqual(Display.menuTitle(title(win(16.5), win(35))), "83%")
    assert.strictEqual(Display.menuTitle(title(win(17), win(35), { slope5h: "cooling" })), "83%")
  })

  it("83% ↗ when rising, 83% ⬆ when steep", () => {
    assert.strictEqual(Display.menuTitle(title(win(17), win(35), { slope5h: "rising" })), "83% ↗")
    assert.strictEqual(Display.menuTitle(title(win(17), win(35), { slope5h: "steep" })), "83% ⬆")
  })

  it("the 7-day slope does not decorate the 5h number", () => {
    assert.strictEqual(Display.menuTitle(title(win(17), win(35), { slope7d: "steep" })), "83%")
  })

  it("just above exhausted shows 0% without the reset glyph; exactly exhausted shows the countdown", () => {
    assert.strictEqual(Display.menuTitle(title(win(99.5, resetAt), win(35), { now })), "0%")
    assert.strictEqual(Display.menuTitle(title(win(100, resetAt), win(35), { now })), "↻ 47m")
  })

  it("7d 12% ↗ when the week leaves less than one 5h quota, with the 7-day slope", () => {
    // Max 20x: 12% of 83,333,300 = 9,999,996 < 11,000,000 credits → 0.91 quotas (SPEC §2).
    const input = title(win(30), win(88), { slope5h: "steep", slope7d: "rising" })
    assert.strictEqual(Display.menuTitle(input), "7d 12% ↗")
    assert.strictEqual(Display.menuTitle({ ...input, slope7d: "flat" }), "7d 12%")
  })

  it("7d ↻ 2d 1h when both windows are exhausted", () => {
    const weekReset = resetAt + 2 * d + h + 30 * m
    assert.strictEqual(Display.menuTitle(title(win(100, resetAt), win(100, weekReset), { now: resetAt })), "7d ↻ 2d 1h")
    assert.strictEqual(Display.menuTitle(title(win(100, resetAt), win(100, null), { now: resetAt })), "7d 0%")
  })

  it("↻ 2h 59m when both are exhausted and the 5h window resets later (SPEC §2)", () => {
    const now = resetAt - 2 * h - 59 * m
    const input = title(win(100, resetAt), win(100, now + 20 * m), { now })
    assert.strictEqual(Display.menuTitle(input), "↻ 2h 59m")
    assert.strictEqual(Display.accessibilityLabel(input), "Claude headroom exhausted, resets in 2 hours 59 minutes")
  })

  it("unknown tier: the 7-day window is promoted when warning or worse and tighter", () => {
    assert.strictEqual(Display.menuTitle(title(win(30), win(85), { limits: unknownTier })), "7d 15%")
    assert.strictEqual(Display.menuTitle(title(win(30), win(79), { limits: unknownTier })), "70%")
  })

  it("a missing 5h number falls back to the 7-day window", () => {
    assert.strictEqual(Display.menuTitle(title(win(null), win(35))), "7d 65%")
  })

  it("a rate-limited profile keeps its title; other failures do not", () => {
    assert.isTrue(Display.isConnected("connected"))
    assert.isTrue(Display.isConnected("rate_limited"))
    assert.isFalse(Display.isConnected("disconnected"))
    assert.isFalse(Display.isConnected("token_expired"))
    assert.isFalse(Display.isConnected("no_credentials"))
  })
})

describe("Display.accessibilityLabel", () => {
  it("names percent, state and slope", () => {
    assert.strictEqual(
      Display.accessibilityLabel(title(win(17), win(35), { slope5h: "rising" })),
      "Claude headroom 83 percent, normal, rising"
    )
    assert.strictEqual(
      Display.accessibilityLabel(title(win(70.5), win(35))),
      "Claude headroom 29 percent, caution, flat"
    )
  })

  it("says 7-day when the week binds", () => {
    assert.strictEqual(
      Display.accessibilityLabel(title(win(30), win(88), { slope7d: "steep" })),
      "Claude 7-day headroom 12 percent, warning, steep"
    )
  })

  it("spells out the countdown of an exhausted window", () => {
    assert.strictEqual(
      Display.accessibilityLabel(title(win(100, resetAt), win(35), { now: resetAt - 2 * h - 13 * m })),
      "Claude headroom exhausted, resets in 2 hours 13 minutes"
    )
    assert.strictEqual(
      Display.accessibilityLabel(title(win(100, resetAt), win(100, resetAt + d + h), { now: resetAt })),
      "Claude 7-day headroom exhausted, resets in 1 day 1 hour"
    )
    assert.strictEqual(Display.accessibilityLabel(title(win(100), win(35))), "Claude headroom 0 percent, exhausted")
  })

  it("disconnected and never fetched", () => {
    assert.strictEqual(
      Display.accessibilityLabel(title(win(17), win(35), { connected: false })),
      "Claude headroom unavailable, disconnected"
    )
    assert.strictEqual(
      Display.accessibilityLabel({ ...title(null, null), snapshot: null }),
      "Claude headroom unavailable, disconnected"
    )
  })
})

describe("Display.gaugeLabel and stateSymbol", () => {
  it("labels 5h, 7d and caps", () => {
    assert.strictEqual(Display.gaugeLabel("fiveHour"), "5h")
    assert.strictEqual(Display.gaugeLabel("sevenDay"), "7d")
    assert.strictEqual(Display.gaugeLabel({ cap: "Fable" }), "Fable")
  })

  it("gives every state its own symbol, so colour is never the only signal", () => {
    const states = Headroom.State.literals
    const symbols = states.map(Display.stateSymbol)
    assert.deepStrictEqual(symbols, ["●", "◐", "▲", "✖", "⊘", "○"])
    assert.strictEqual(new Set(symbols).size, states.length)
  })
})

describe("Display.gauge", () => {
  const now = resetAt - 2 * h - 13 * m
  it("a 5h window with every part", () => {
    assert.deepStrictEqual(
      Display.gauge({ window: "fiveHour", usage: win(17, resetAt), slope: "rising", now, time: ny }),
      {
        label: "5h",
        state: "normal",
        symbol: "●",
        percent: "83%",
        headroom: 83,
        arrow: "↗",
        resetsIn: "resets in 2h 13m",
        resetsAt: "at 4:52 PM",
        limitIn: null,
        pace: null,
        accessibilityLabel: "5-hour headroom: 83 percent, normal, rising, resets in 2 hours 13 minutes, at 4:52 PM"
      }
    )
  })

  it("shows the forecast it is given: the 5h limit and the pace", () => {
    const usage = win(62, resetAt)
    const rate = 1 // %/min: 38 % left → limit in 38 minutes, well before the reset
    const forecast = Forecast.of({ window: "fiveHour", usage, rate, now })
    const g = Display.gauge({ window: "fiveHour", usage, slope: "rising", now, time: ny, forecast })
    assert.strictEqual(g.limitIn, "limit in ~38m")
    // 2h 47m of 5h gone (55.7 %), 62 % used: ahead of pace, and at that average rate out before the reset.
    assert.match(g.pace ?? "", /^6% ahead of pace — runs out ~\d+:\d\d [AP]M, \d+m before the reset$/)
  })

  it("a flat 5h window or unknown utilization has no limit, and the 7-day window never has one", () => {
    const flat = Forecast.of({ window: "fiveHour", usage: win(62, resetAt), rate: 0.1, now })
    assert.isNull(Display.gauge({ window: "fiveHour", usage: win(62, resetAt), slope: "flat", now, forecast: flat }).limitIn)
    const rising = Forecast.of({ window: "fiveHour", usage: win(62, resetAt), rate: 1, now })
    assert.isNull(Display.gauge({ window: "fiveHour", usage: win(null, resetAt), slope: "rising", now, forecast: rising }).limitIn)
    const week = Forecast.of({ window: "sevenDay", usage: win(62, resetAt), rate: 5, now })
    assert.isNull(week.limitAt)
  })

  it("detailed views show every arrow, also flat and cooling", () => {
    const arrows = (["cooling", "flat"] as const).map((slope: Slope.Level) =>
      Display.gauge({ window: "sevenDay", usage: win(35), slope, now }).arrow
    )
    assert.deepStrictEqual(arrows, ["↘", "→"])
  })

  it("a cap has no slope; a reset on another day shows the weekday", () => {
    const g = Display.gauge({ window: { cap: "Fable" }, usage: win(63, resetAt + 2 * d), slope: null, now, time: ny })
    assert.strictEqual(g.label, "Fable")
    assert.strictEqual(g.state, "caution")
    assert.strictEqual(g.symbol, "◐")
    assert.isNull(g.arrow)
    assert.strictEqual(g.resetsAt, "at Tue 4:52 PM")
    assert.strictEqual(g.accessibilityLabel, "Fable 7-day headroom: 37 percent, caution, resets in 2 days 2 hours, at Tue 4:52 PM")
  })

  it("unknown utilization or a missing window shows — and disconnected", () => {
    const unknown = Display.gauge({ window: "fiveHour", usage: win(null, resetAt), slope: "flat", now, time: ny })
    assert.strictEqual(unknown.percent, "—")
    assert.strictEqual(unknown.state, "disconnected")
    assert.strictEqual(unknown.symbol, "○")
    assert.strictEqual(unknown.resetsIn, "resets in 2h 13m")
    assert.strictEqual(unknown.accessibilityLabel, "5-hour headroom: unavailable, resets in 2 hours 13 minutes, at 4:52 PM")
    const missing = Display.gauge({ window: "sevenDay", usage: null, slope: "flat", now })
    assert.deepStrictEqual([missing.percent, missing.resetsIn, missing.resetsAt], ["—", null, null])
    assert.strictEqual(missing.accessibilityLabel, "7-day headroom: unavailable")
  })
})

describe("Display.statusMessage (SPEC §1.3, §1.5)", () => {
  const now = Date.UTC(2026, 10, 22, 16, 0)
  it("connected says nothing, unless the data is very stale", () => {
    assert.isNull(Display.statusMessage("connected", { fetchedAt: now - 10 * m, now }))
    assert.isNull(Display.statusMessage("connected", { fetchedAt: now - 15 * m, now, pollIntervalSeconds: 180 }))
    assert.strictEqual(
      Display.statusMessage("connected", { fetchedAt: now - 15 * m - 1, now, pollIntervalSeconds: 180 }),
      "Data may be outdated"
    )
  })

  it("rate limited shows how old the kept data is", () => {
    assert.strictEqual(
      Display.statusMessage("rate_limited", { fetchedAt: now - 3 * m - 20 * s, now }),
      "Rate limited — showing data from 3m ago"
    )
    assert.strictEqual(
      Display.statusMessage("rate_limited", { fetchedAt: now - 40 * s, now }),
      "Rate limited — showing data from 40s ago"
    )
    assert.strictEqual(Display.statusMessage("rate_limited", { fetchedAt: null, now }), "Rate limited — will retry")
  })

  it("disconnected", () => {
    assert.strictEqual(Display.statusMessage("disconnected", { fetchedAt: now, now }), "Unable to reach Claude API — will retry")
  })

  it("token expired: log in again, or re-import for vault profiles", () => {
    assert.strictEqual(
      Display.statusMessage("token_expired", { fetchedAt: null, now }),
      "Token expired — run `claude` to log in again"
    )
    assert.strictEqual(
      Display.statusMessage("token_expired", { fetchedAt: null, now, credentials: "vault" }),
      "Token expired — run `claude` to log in, then re-import this profile"
    )
  })

  it("no credentials", () => {
    assert.strictEqual(
      Display.statusMessage("no_credentials", { fetchedAt: null, now }),
      "No Claude credentials found — run `claude` to log in"
    )
    assert.strictEqual(
      Display.statusMessage("no_credentials", { fetchedAt: null, now, credentials: "vault" }),
      "No credentials stored for this profile — re-import it"
    )
  })
})

describe("Display alert texts (SPEC §3)", () => {
  const now = resetAt - 47 * m - 10 * s
  it("5h headroom alert with countdown and clock time", () => {
    assert.strictEqual(
      Display.alertText({ window: "fiveHour", headroom: 17.6, resetsAt: resetAt, now, time: ny }),
      "Claude headroom at 17% — resets in 47m (at 4:52 PM)"
    )
  })

  it("names the profile when several exist", () => {
    assert.strictEqual(
      Display.alertText({ window: "fiveHour", headroom: 17, resetsAt: resetAt, profile: "work", now, time: ny }),
      "Claude headroom (work) at 17% — resets in 47m (at 4:52 PM)"
    )
  })

  it("7-day and cap variants, in a 24-hour locale, another day", () => {
    const weekReset = resetAt + 2 * d + h
    const gb = { locale: "en-GB", timeZone: "America/New_York" }
    assert.strictEqual(
      Display.alertText({ window: "sevenDay", headroom: 4.2, resetsAt: weekReset, profile: "work", now: resetAt, time: gb }),
      "Claude 7-day headroom (work) at 4% — resets in 2d 1h (at Tue 17:52)"
    )
    assert.strictEqual(
      Display.alertText({ window: { cap: "Opus" }, headroom: 8, resetsAt: weekReset, now: resetAt, time: gb }),
      "Claude Opus 7-day headroom at 8% — resets in 2d 1h (at Tue 17:52)"
    )
  })

  it("without a reset time the text stops after the percentage; negative headroom reads 0%", () => {
    assert.strictEqual(Display.alertText({ window: "fiveHour", headroom: -3, resetsAt: null, now }), "Claude headroom at 0%")
  })

  it("outage, recovery and extra-usage texts", () => {
    assert.strictEqual(Display.apiUnreachableText(), "Claude API unreachable")
    assert.strictEqual(Display.apiUnreachableText("work"), "Claude API unreachable (work)")
    assert.strictEqual(Display.apiBackText(), "Claude API is back")
    assert.strictEqual(Display.apiBackText("work"), "Claude API is back (work)")
    assert.strictEqual(Display.extraUsageStartedText(), "Extra usage started")
    assert.strictEqual(Display.extraUsageStartedText("work"), "Extra usage started (work)")
    assert.strictEqual(Display.extraUsageLevelText(75), "Extra usage at 75% of your monthly limit")
    assert.strictEqual(Display.extraUsageLevelText(50, "work"), "Extra usage (work) at 50% of your monthly limit")
  })

  it("the breakdown placeholder for an unknown tier", () => {
    assert.strictEqual(Display.breakdownUnavailableText, "Headroom breakdown unavailable — unknown subscription tier")
  })
})
