import { describe, expect, it } from "@effect/vitest"
import { Option } from "effect"
import * as Credits from "../../src/domain/Credits.js"
import * as Profile from "../../src/domain/Profile.js"
import type { ProfileInput } from "../../src/domain/StatusReport.js"
import * as StatusText from "../../src/domain/StatusText.js"
import { ExtraUsage, ModelCap, UsageSnapshot, UsageWindow } from "../../src/domain/Usage.js"

const now = Date.UTC(2026, 10, 22, 16, 0)
const minutes = (n: number) => n * 60_000
const tier = "default_claude_max_20x"

const snapshot = (overrides: Partial<ConstructorParameters<typeof UsageSnapshot>[0]> = {}) =>
  new UsageSnapshot({
    profile: Profile.defaultProfile,
    fetchedAt: now,
    source: "api",
    fiveHour: new UsageWindow({ utilization: 17, resetsAt: now + minutes(133) }),
    sevenDay: new UsageWindow({ utilization: 35, resetsAt: now + minutes(60 * 65) }),
    caps: [new ModelCap({ label: "Fable", utilization: 63, resetsAt: null })],
    extraUsage: new ExtraUsage({ enabled: true, usedCents: 1561, limitCents: 5000 }),
    tier,
    ...overrides
  })

const input = (overrides: Partial<ProfileInput> = {}): StatusText.Input => ({
  now,
  time: { timeZone: "UTC" },
  profile: {
    name: Profile.defaultProfile,
    connection: "connected",
    snapshot: snapshot(),
    subscriptionType: "max",
    slope5h: "rising",
    slope7d: "flat",
    error: null,
    limits: Credits.limitsFor(tier),
    ...overrides
  }
})

const texts = (value: StatusText.Input) => StatusText.lines(value).map((line) => line.text)

describe("StatusText.report", () => {
  it("is every profile's lines, a blank line between two profiles", () => {
    const one = input()
    const two = input({ name: Profile.ProfileName.make("work") })
    const report = StatusText.report({ generatedAt: now, profiles: [one.profile, two.profile] }, { time: { timeZone: "UTC" } })
    expect(report.map((line) => line.text)).toEqual([...texts(one), "", ...texts(two)])
    expect(report[texts(one).length]?.state).toBeNull()
  })
})

describe("StatusText.lines", () => {
  it("renders header, windows, caps, extra usage and freshness", () => {
    expect(texts(input())).toEqual([
      "default · Max 20x · connected",
      "  ● 5h   83% ↗ resets in 2h 13m (at 6:13 PM)",
      "      39% in reserve",
      "  ● 7d   65% → resets in 2d 17h (at Wed 9:00 AM) · 4 × 5h left",
      "      26% in reserve",
      "  ◐ Fable  37%",
      "  Extra usage $15.61 of $50.00 (31%)",
      "  Updated just now"
    ])
  })

  it("tags each gauge line with its state for colouring", () => {
    const states = StatusText.lines(input({ snapshot: snapshot({ fiveHour: new UsageWindow({ utilization: 97, resetsAt: null }) }) }))
      .map((line) => line.state)
    expect(states).toEqual([null, "critical", "normal", null, "caution", null, null])
  })

  it("marks the 7-day window as binding when less than one 5h quota is left", () => {
    const lines = texts(input({ snapshot: snapshot({ sevenDay: new UsageWindow({ utilization: 95, resetsAt: null }) }) }))
    expect(lines[3]).toBe("  ▲ 7d    5% → · 0 × 5h left · binding")
  })

  it("shows the 5h limit on its row and a deficit with its run-out time under it", () => {
    // 2h 47m of the window gone (55.7 %), 90 % used, burning 1 %/min: out in 10 minutes.
    const fast = snapshot({ fiveHour: new UsageWindow({ utilization: 90, resetsAt: now + minutes(133) }) })
    const lines = texts(input({ snapshot: fast, slope5h: "rising", rate5h: 1 }))
    expect(lines[1]).toBe("  ▲ 5h   10% ↗ resets in 2h 13m (at 6:13 PM) · limit in ~10m")
    expect(lines[2]).toBe("      34% ahead of pace — runs out ~4:18 PM, 1h 54m before the reset")
  })

  it("leaves out quotas when the tier is unknown, and the plan falls back to the subscription type", () => {
    const lines = texts(input({ limits: Option.none(), snapshot: snapshot({ tier: null }) }))
    expect(lines[0]).toBe("default · max · connected")
    expect(lines[2]).not.toContain("5h left")
  })

  it("omits windows the API did not send and disabled extra usage", () => {
    const lines = texts(input({
      snapshot: snapshot({ fiveHour: null, caps: [], extraUsage: new ExtraUsage({ enabled: false, usedCents: null, limitCents: null }) })
    }))
    expect(lines).toHaveLength(4)
    expect(lines[1]).toContain("7d")
    expect(lines[2]).toBe("      26% in reserve")
  })

  it("says why there is no data, with the fix", () => {
    const lines = StatusText.lines(input({ connection: "no_credentials", snapshot: null, subscriptionType: null }))
    expect(lines.map((line) => line.text)).toEqual([
      "default · no credentials",
      "  No Claude credentials found — run `claude` to log in"
    ])
    expect(lines[1]?.state).toBe("disconnected")
  })

  it("prefers the error's own message and keeps showing stale data while rate limited", () => {
    const lines = texts(input({ connection: "rate_limited", snapshot: snapshot({ fetchedAt: now - minutes(3) }) }))
    expect(lines.at(-1)).toBe("  Updated 3m ago · Rate limited — showing data from 3m ago")
    const failed = texts(input({ connection: "disconnected", snapshot: null, error: { code: "api_unreachable", message: "Claude API timed out" } }))
    expect(failed[1]).toBe("  Claude API timed out")
  })

  it("notes very stale data when the poll interval is known", () => {
    const lines = texts({ ...input({ snapshot: snapshot({ fetchedAt: now - minutes(16) }) }), pollIntervalSeconds: 180 })
    expect(lines.at(-1)).toBe("  Updated 16m ago · Data may be outdated")
  })

  it("formats cents as dollars", () => {
    expect(StatusText.dollars(0)).toBe("$0.00")
    expect(StatusText.dollars(1561)).toBe("$15.61")
    expect(StatusText.dollars(500000)).toBe("$5000.00")
  })
})
