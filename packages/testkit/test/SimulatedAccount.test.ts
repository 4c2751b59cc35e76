import { afterEach, describe, expect, it } from "vitest"
import { SimulatedAccount, startFakeAnthropic } from "../src/index.js"
import type { FakeAnthropic } from "../src/index.js"
import { getUsage, manualClock } from "./fixtures/claudeCode.js"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const start = Date.UTC(2026, 7, 10)
const resetsAtFormat = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/

interface Window {
  readonly utilization: number
  readonly resets_at: string | null
}
interface Body {
  readonly five_hour: Window
  readonly seven_day: Window
  readonly seven_day_sonnet: Window
  readonly extra_usage: { is_enabled: boolean; monthly_limit: number | null; used_credits: number | null; utilization: number | null }
  readonly limits: ReadonlyArray<{ kind: string; percent: number; resets_at: string | null; is_active: boolean; scope: unknown }>
}

const body = (account: SimulatedAccount, at: number) => account.usageAt(at) as unknown as Body
const millis = (resetsAt: string | null) => (resetsAt === null ? null : Date.parse(resetsAt))

let fake: FakeAnthropic | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

describe("SimulatedAccount", () => {
  it("writes the A.1 keys in A.1's order", () => {
    const account = new SimulatedAccount({ seed: 3 })
    expect(Object.keys(account.usageAt(start + 10 * hour))).toEqual([
      "five_hour", "seven_day", "seven_day_oauth_apps", "seven_day_opus", "seven_day_sonnet", "extra_usage", "limits"
    ])
    const sample = body(account, start + 10 * hour)
    expect(Object.keys(sample.five_hour)).toEqual(["utilization", "resets_at"])
    expect(Object.keys(sample.extra_usage)).toEqual(["is_enabled", "monthly_limit", "used_credits", "utilization"])
    expect(Object.keys(sample.limits[0] ?? {})).toEqual(["kind", "group", "percent", "severity", "resets_at", "scope", "is_active"])
  })

  it("writes resets_at with six fractional digits and +00:00, parseable as a date", () => {
    const account = new SimulatedAccount({ seed: 4 })
    for (let at = start; at < start + 3 * day; at += 37 * minute) {
      const sample = body(account, at)
      expect(sample.seven_day.resets_at).toMatch(resetsAtFormat)
      if (sample.five_hour.resets_at !== null) expect(sample.five_hour.resets_at).toMatch(resetsAtFormat)
      for (const limit of sample.limits) if (limit.resets_at !== null) expect(limit.resets_at).toMatch(resetsAtFormat)
      expect(Number.isNaN(Date.parse(sample.seven_day.resets_at ?? ""))).toBe(false)
    }
  })

  it("is deterministic for a seed and differs between seeds", () => {
    const at = start + 2 * day + 13 * hour
    expect(new SimulatedAccount({ seed: 9 }).usageAt(at)).toEqual(new SimulatedAccount({ seed: 9 }).usageAt(at))
    const bodies = [1, 2, 3, 4].map((seed) => JSON.stringify(new SimulatedAccount({ seed }).usageAt(at)))
    expect(new Set(bodies).size).toBeGreaterThan(1)
    // Asking out of order gives the same answer as asking in order.
    const ordered = new SimulatedAccount({ seed: 9 })
    const times = Array.from({ length: 50 }, (_, index) => start + index * 97 * minute)
    const forward = times.map((time) => ordered.stateAt(time))
    const shuffled = new SimulatedAccount({ seed: 9 })
    const backward = [...times].reverse().map((time) => shuffled.stateAt(time)).reverse()
    expect(backward).toEqual(forward)
  })

  it("moves over simulated time through the server, with 5-hour and weekly resets", async () => {
    const time = manualClock(start)
    fake = await startFakeAnthropic({ clock: time.clock })
    const simulated = new SimulatedAccount({ seed: 5 })
    const account = fake.addAccount({ usage: simulated, expiresIn: 30 * 86_400 })
    const samples: Array<Body> = []
    for (let at = start; at < start + 8 * day; at += 30 * minute) {
      time.set(at)
      const response = await getUsage(fake, account.accessToken)
      expect(response.status).toBe(200)
      samples.push((await response.json()) as Body)
    }
    const fiveHour = samples.map((sample) => sample.five_hour.utilization)
    expect(new Set(fiveHour).size).toBeGreaterThan(10)
    const fiveHourResets = new Set(samples.map((sample) => millis(sample.five_hour.resets_at)).filter((value) => value !== null).map((value) => Math.round(value / minute)))
    expect(fiveHourResets.size).toBeGreaterThanOrEqual(5)
    const weeklyResets = new Set(samples.map((sample) => Math.round((millis(sample.seven_day.resets_at) ?? 0) / hour)))
    expect(weeklyResets.size).toBe(2)
    // The 7-day window only falls at its reset.
    for (let index = 1; index < samples.length; index++) {
      const previous = samples[index - 1] as Body
      const current = samples[index] as Body
      if (current.seven_day.utilization < previous.seven_day.utilization) {
        expect(millis(current.seven_day.resets_at)).toBeGreaterThan((millis(previous.seven_day.resets_at) ?? 0) + day)
      }
    }
  })

  it("never lowers 5-hour utilization inside a window, and starts each window from the bottom", () => {
    const account = new SimulatedAccount({ seed: 6 })
    const windows = account.fiveHourWindows(start, start + 7 * day)
    expect(windows.length).toBeGreaterThan(5)
    for (const window of windows) {
      expect(window.resetsAt - window.startsAt).toBe(5 * hour)
      expect(window.startsAt % hour).toBe(0)
      let previous = -1
      for (let at = window.startsAt; at < window.resetsAt; at += 7 * minute) {
        const state = account.stateAt(at)
        expect(state.fiveHour.utilization).toBeGreaterThanOrEqual(previous)
        expect(Math.floor((state.fiveHour.resetsAtMicros ?? 0) / 1000 / 1000)).toBe(window.resetsAt / 1000)
        previous = state.fiveHour.utilization
      }
      expect(account.stateAt(window.startsAt).fiveHour.utilization).toBeLessThanOrEqual(1)
    }
    for (let index = 1; index < windows.length; index++) {
      expect((windows[index] as { startsAt: number }).startsAt).toBeGreaterThanOrEqual((windows[index - 1] as { resetsAt: number }).resetsAt)
    }
  })

  it("reports an idle 5-hour window as 0 with no reset time", () => {
    const account = new SimulatedAccount({ seed: 7 })
    const windows = account.fiveHourWindows(start, start + 14 * day)
    const idle = windows.find((window, index) => (windows[index + 1]?.startsAt ?? 0) > window.resetsAt)
    expect(idle).toBeDefined()
    const sample = body(account, (idle?.resetsAt ?? 0) + 1)
    expect(sample.five_hour).toEqual({ utilization: 0, resets_at: null })
    expect(sample.limits[0]).toMatchObject({ kind: "session", percent: 0, resets_at: null })
  })

  it("keeps limits[] in step with the windows: session, weekly_all, weekly_scoped cap", () => {
    const account = new SimulatedAccount({ seed: 8, capName: "Opus" })
    for (let at = start; at < start + 4 * day; at += 3 * hour) {
      const sample = body(account, at)
      const [session, weekly, scoped] = sample.limits
      expect(session).toMatchObject({ kind: "session", percent: sample.five_hour.utilization, resets_at: sample.five_hour.resets_at })
      expect(weekly).toMatchObject({ kind: "weekly_all", percent: sample.seven_day.utilization, resets_at: sample.seven_day.resets_at })
      expect(scoped).toMatchObject({ kind: "weekly_scoped", scope: { model: { id: null, display_name: "Opus" }, surface: null } })
      expect(scoped?.percent).toBeLessThanOrEqual(sample.seven_day.utilization)
      expect(sample.seven_day_sonnet.resets_at).toBeNull()
      expect(sample.limits.filter((limit) => limit.is_active)).toHaveLength(1)
      const active = sample.limits.find((limit) => limit.is_active)
      expect(active?.percent).toBe(Math.max(...sample.limits.map((limit) => limit.percent)))
    }
  })

  it("blocks at 100 % of the week", () => {
    const account = new SimulatedAccount({ seed: 1, intensity: 3 })
    let max = 0
    for (let at = start; at < start + 21 * day; at += hour) max = Math.max(max, account.stateAt(at).sevenDay.utilization)
    expect(max).toBe(100)
  })

  it("counts extra usage in cents, rising within a month and starting over the next", () => {
    const account = new SimulatedAccount({ seed: 2, extraUsage: { monthlyLimitCents: 20_000 } })
    const monthStart = Date.UTC(2026, 6, 1)
    const nextMonth = Date.UTC(2026, 7, 1)
    let previous = 0
    for (let at = monthStart; at < nextMonth; at += 6 * hour) {
      const extra = body(account, at).extra_usage
      expect(extra.is_enabled).toBe(true)
      expect(extra.monthly_limit).toBe(20_000)
      expect(Number.isInteger(extra.used_credits)).toBe(true)
      expect(extra.used_credits).toBeGreaterThanOrEqual(previous)
      // utilization is rounded to two decimals, like the example's 31.22.
      expect(Math.abs((extra.utilization ?? 0) - ((extra.used_credits ?? 0) / 20_000) * 100)).toBeLessThanOrEqual(0.0051)
      previous = extra.used_credits ?? 0
    }
    expect(previous).toBeGreaterThan(0)
    expect(body(account, nextMonth).extra_usage.used_credits).toBe(0)
  })

  it("can have no extra usage", () => {
    const account = new SimulatedAccount({ extraUsage: false })
    expect(body(account, start).extra_usage).toEqual({ is_enabled: false, monthly_limit: null, used_credits: null, utilization: null })
  })

  it("fills the 7-day window faster on a smaller tier", () => {
    const weeklyPeak = (tier: string) => {
      const account = new SimulatedAccount({ seed: 11, tier, intensity: 0.5 })
      let max = 0
      for (let at = start; at < start + 7 * day; at += hour) max = Math.max(max, account.stateAt(at).sevenDay.utilization)
      return max
    }
    expect(weeklyPeak("default_claude_max_5x")).toBeLessThan(weeklyPeak("default_claude_max_20x"))
  })
})
