import { describe, expect, it } from "vitest"
import { generateHistory, SimulatedAccount } from "../src/index.js"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const from = Date.UTC(2026, 10, 1)
const isoMillis = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

interface Line {
  profile: string
  timestamp: string
  fiveHour: { utilization: number; resetsAt: string | null } | null
  sevenDay: { utilization: number; resetsAt: string | null } | null
  extraUsage: { enabled: boolean; usedCents: number | null; limitCents: number | null }
  caps: Array<{ label: string; utilization: number; resetsAt: string }>
  tier: string | null
}

const parse = (lines: Iterable<string>): Array<Line> => Array.from(lines, (line) => JSON.parse(line) as Line)

describe("generateHistory", () => {
  it("writes each poll as one B.4 line, keys in B.4's order", () => {
    const lines = [...generateHistory({ from, to: from + day, seed: 2 })]
    for (const text of lines) {
      expect(text).not.toContain("\n")
      const line = JSON.parse(text) as Line
      expect(Object.keys(line)).toEqual(["profile", "timestamp", "fiveHour", "sevenDay", "extraUsage", "caps", "tier"])
      if (line.fiveHour !== null) expect(Object.keys(line.fiveHour)).toEqual(["utilization", "resetsAt"])
      if (line.sevenDay !== null) expect(Object.keys(line.sevenDay)).toEqual(["utilization", "resetsAt"])
      expect(Object.keys(line.extraUsage)).toEqual(["enabled", "usedCents", "limitCents"])
      expect(line.profile).toBe("default")
      expect(line.tier).toBe("default_claude_max_20x")
      expect(line.timestamp).toMatch(isoMillis)
      if (line.fiveHour?.resetsAt != null) expect(line.fiveHour.resetsAt).toMatch(isoMillis)
    }
  })

  it("writes exactly what JSON.stringify writes for a B.4 object built from the model", () => {
    const account = new SimulatedAccount({ seed: 2 })
    const lines = [...generateHistory({ from, to: from + 2 * day, account, nullRate: 0 })]
    const at = (text: string) => Date.parse((JSON.parse(text) as Line).timestamp)
    const iso = (micros: number | null) => (micros === null ? null : new Date(Math.floor(micros / 1000)).toISOString())
    for (const text of [lines[0] ?? "", ...lines.filter((_, index) => index % 97 === 0)]) {
      const state = account.stateAt(at(text))
      expect(text).toBe(JSON.stringify({
        profile: "default",
        timestamp: new Date(state.at).toISOString(),
        fiveHour: { utilization: state.fiveHour.utilization, resetsAt: iso(state.fiveHour.resetsAtMicros) },
        sevenDay: { utilization: state.sevenDay.utilization, resetsAt: iso(state.sevenDay.resetsAtMicros) },
        extraUsage: { enabled: true, usedCents: state.extraUsage.usedCents, limitCents: 5000 },
        caps: [{ label: "Fable", utilization: state.cap.percent, resetsAt: iso(state.cap.resetsAtMicros) }],
        tier: "default_claude_max_20x"
      }))
    }
  })

  it("counts one poll per interval in [from, to)", () => {
    const count = (options: Parameters<typeof generateHistory>[0]) => {
      let total = 0
      for (const _ of generateHistory(options)) total++
      return total
    }
    expect(count({ from, to: from + day })).toBe(480)
    expect(count({ from, to: from + hour, intervalSeconds: 60 })).toBe(60)
    expect(count({ from, to: from + hour + 1, intervalSeconds: 60 })).toBe(61)
    expect(count({ from, to: from })).toBe(0)
    expect(count({ from: new Date(from), to: new Date(from + 10 * minute).toISOString(), intervalSeconds: 300 })).toBe(2)
  })

  it("keeps timestamps strictly increasing, also with jitter", () => {
    for (const jitterMs of [0, 59_999]) {
      const times = parse(generateHistory({ from, to: from + 2 * day, intervalSeconds: 60, jitterMs })).map((line) => Date.parse(line.timestamp))
      for (let index = 1; index < times.length; index++) expect(times[index]).toBeGreaterThan(times[index - 1] as number)
      if (jitterMs > 0) expect(times.some((time) => time % minute !== 0)).toBe(true)
    }
  })

  it("shows 5-hour resets and a weekly reset over ten days", () => {
    const lines = parse(generateHistory({ from, to: from + 10 * day, seed: 4, nullRate: 0 }))
    const fiveHourResets = new Set(lines.map((line) => line.fiveHour?.resetsAt?.slice(0, 16)).filter((value) => value != null))
    expect(fiveHourResets.size).toBeGreaterThan(10)
    const weeklyResets = new Set(lines.map((line) => line.sevenDay?.resetsAt?.slice(0, 13)))
    expect(weeklyResets.size).toBe(2)
    const sevenDay = lines.map((line) => line.sevenDay?.utilization ?? 0)
    expect(sevenDay.some((value, index) => index > 0 && value < (sevenDay[index - 1] as number))).toBe(true)
  })

  it("writes null windows at about the requested rate, and none at rate 0", () => {
    const nulls = (nullRate: number) =>
      parse(generateHistory({ from, to: from + 7 * day, nullRate })).filter((line) => line.fiveHour === null).length
    expect(nulls(0)).toBe(0)
    const some = nulls(0.05)
    expect(some).toBeGreaterThan(50)
    expect(some).toBeLessThan(250)
  })

  it("leaves gaps when asked", () => {
    const dense = parse(generateHistory({ from, to: from + 14 * day, intervalSeconds: 60 }))
    const gappy = parse(generateHistory({ from, to: from + 14 * day, intervalSeconds: 60, gaps: true }))
    expect(gappy.length).toBeLessThan(dense.length)
    const times = gappy.map((line) => Date.parse(line.timestamp))
    const longest = Math.max(...times.slice(1).map((time, index) => time - (times[index] as number)))
    expect(longest).toBeGreaterThanOrEqual(20 * minute)
  })

  it("follows the simulated account it is given", () => {
    const account = new SimulatedAccount({ seed: 12, tier: "default_claude_pro" })
    const lines = parse(generateHistory({ from, to: from + day, account, nullRate: 0 }))
    expect(lines[0]?.tier).toBe("default_claude_pro")
    for (const line of lines.slice(0, 100)) {
      const state = account.stateAt(Date.parse(line.timestamp))
      expect(line.fiveHour?.utilization).toBe(state.fiveHour.utilization)
      expect(line.sevenDay?.utilization).toBe(state.sevenDay.utilization)
      expect(line.caps[0]?.utilization).toBe(state.cap.percent)
      expect(line.caps[0]?.label).toBe("Fable")
    }
  })

  it("is deterministic for a seed", () => {
    const a = [...generateHistory({ from, to: from + day, seed: 21, gaps: true, jitterMs: 5_000 })]
    const b = [...generateHistory({ from, to: from + day, seed: 21, gaps: true, jitterMs: 5_000 })]
    const c = [...generateHistory({ from, to: from + day, seed: 22, gaps: true, jitterMs: 5_000 })]
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it("escapes the profile name and writes an unknown tier as null", () => {
    const [line] = parse(generateHistory({ from, to: from + 1, profile: "wörk \"2\"", tier: null }))
    expect(line?.profile).toBe("wörk \"2\"")
    expect(line?.tier).toBeNull()
  })

  it("writes extra usage as disabled with nulls for an account without it", () => {
    const account = new SimulatedAccount({ extraUsage: false })
    const [line] = parse(generateHistory({ from, to: from + 1, account }))
    expect(line?.extraUsage).toEqual({ enabled: false, usedCents: null, limitCents: null })
  })

  it("rejects bad options", () => {
    expect(() => [...generateHistory({ from, to: from - 1 })]).toThrow(RangeError)
    expect(() => [...generateHistory({ from: "yesterday", to: from })]).toThrow(/from/)
    expect(() => [...generateHistory({ from, to: from + day, intervalSeconds: 0 })]).toThrow(/intervalSeconds/)
    expect(() => [...generateHistory({ from, to: from + day, intervalSeconds: 60, jitterMs: 60_000 })]).toThrow(/jitterMs/)
  })

  it("streams a year of minute polls: 525,600 lines without building an array", () => {
    const iterator = generateHistory({ from: Date.UTC(2025, 0, 1), to: Date.UTC(2026, 0, 1), intervalSeconds: 60, seed: 3 })
    expect(typeof iterator.next).toBe("function")
    let count = 0
    let last = ""
    for (const line of iterator) {
      count++
      last = line
    }
    expect(count).toBe(525_600)
    expect((JSON.parse(last) as Line).timestamp).toBe("2025-12-31T23:59:00.000Z")
  })
})
