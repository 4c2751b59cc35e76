import { describe, expect, it } from "vitest"
import { Tokens, UsageBodies, WireFormat } from "../src/index.js"

describe("UsageBodies", () => {
  it("reproduces the A.1 example", () => {
    const body = UsageBodies.example()
    expect(JSON.parse(JSON.stringify(body))).toMatchObject({
      five_hour: { utilization: 15, resets_at: "2026-08-12T03:40:00.059198+00:00" },
      seven_day: { utilization: 67, resets_at: "2026-08-12T22:00:01.059220+00:00" },
      seven_day_oauth_apps: null,
      seven_day_opus: null,
      seven_day_sonnet: { utilization: 12, resets_at: null },
      extra_usage: { is_enabled: true, monthly_limit: 5000, used_credits: 1561, utilization: 31.22 },
      iguana_necktie: null
    })
    expect(body.limits?.map((limit) => [limit.kind, limit.percent, limit.is_active])).toEqual([
      ["session", 15, false],
      ["weekly_all", 67, true],
      ["weekly_scoped", 63, false]
    ])
  })

  it("hands out fresh copies", () => {
    const first = UsageBodies.example() as { five_hour: { utilization: number } }
    first.five_hour.utilization = 99
    expect(UsageBodies.example().five_hour?.utilization).toBe(15)
  })

  it("builds a body in the A.1 layout from windows and caps", () => {
    const body = UsageBodies.build({
      fiveHour: { utilization: 90, resetsAt: Date.UTC(2026, 7, 12, 3, 40) },
      sevenDay: { utilization: 35, resetsAt: "2026-08-15T22:00:00+00:00" },
      extraUsage: { enabled: true, monthlyLimitCents: 5000, usedCents: 1561 },
      caps: [{ displayName: "Fable", percent: 20, resetsAt: null }]
    })
    expect(body).toEqual({
      five_hour: { utilization: 90, resets_at: "2026-08-12T03:40:00.000000+00:00" },
      seven_day: { utilization: 35, resets_at: "2026-08-15T22:00:00+00:00" },
      seven_day_oauth_apps: null,
      seven_day_opus: null,
      seven_day_sonnet: null,
      extra_usage: { is_enabled: true, monthly_limit: 5000, used_credits: 1561, utilization: 31.22 },
      limits: [
        { kind: "session", group: "session", percent: 90, severity: "warning", resets_at: "2026-08-12T03:40:00.000000+00:00", scope: null, is_active: true },
        { kind: "weekly_all", group: "weekly", percent: 35, severity: "normal", resets_at: "2026-08-15T22:00:00+00:00", scope: null, is_active: false },
        {
          kind: "weekly_scoped", group: "weekly", percent: 20, severity: "normal", resets_at: null,
          scope: { model: { id: null, display_name: "Fable" }, surface: null }, is_active: false
        }
      ]
    })
  })

  it("leaves missing windows out of limits[] and writes them as null", () => {
    const body = UsageBodies.build({ sevenDay: { utilization: null, resetsAt: null } })
    expect(body.five_hour).toBeNull()
    expect(body.extra_usage).toBeNull()
    expect(body.limits).toEqual([
      { kind: "weekly_all", group: "weekly", percent: null, severity: "normal", resets_at: null, scope: null, is_active: false }
    ])
  })

  it("formats reset times with microseconds and +00:00", () => {
    expect(WireFormat.formatResetsAt(Date.UTC(2026, 7, 12, 3, 40) * 1000 + 59_198)).toBe("2026-08-12T03:40:00.059198+00:00")
    expect(WireFormat.formatResetsAt(0)).toBe("1970-01-01T00:00:00.000000+00:00")
  })

  it("mints unique tokens", () => {
    const tokens = new Set(Array.from({ length: 100 }, () => Tokens.accessToken()))
    expect(tokens.size).toBe(100)
    expect(Tokens.refreshToken()).toMatch(/^sk-ant-ort01-[A-Za-z0-9_-]{64}$/)
  })
})
