// Will it last until the reset? End to end against the fake API on loopback: pace and limit in
// `status --json`, the predictive alert in `watch` (terminal and webhook), limit hits in `analyze`,
// and `history clear`.
import { writeFile } from "node:fs/promises"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { generateHistory, Responses, SimulatedAccount, UsageBodies } from "@cchdrm/testkit"
import { describe, expect, it } from "vitest"
import { assertClean, cchdrm, onOneFake, startWatch, type World } from "./support/Cchdrm.js"
import { analysisDocument, statusDocument } from "./support/Shapes.js"

const { world } = onOneFake()

// Importing weeks of history and running real processes shares 2 cores with the rest of the suite.
const slow = { timeoutMs: 120_000 }

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

/** A burn the API reports from `anchor`: the 5h window resets 3 h later, the week 4 days later. */
interface Burn {
  /** 5h utilization at the anchor, and its rise in %/min after it. */
  readonly fiveHour: number
  readonly perMinute: number
  readonly sevenDay: number
}

// Fast: the slope reaches the wall in ~38 min and the week's average rate runs out 2 days early.
const fast: Burn = { fiveHour: 62, perMinute: 1, sevenDay: 60 }
// Even: both windows a hair below an even burn (2 of 5 hours = 40 %, 3 of 7 days ≈ 42.9 %), flat.
const even: Burn = { fiveHour: 39, perMinute: 0, sevenDay: 42 }

const burning = (burn: Burn, anchor: number) => (now: number) =>
  Responses.json(UsageBodies.build({
    fiveHour: { utilization: burn.fiveHour + burn.perMinute * Math.max(0, now - anchor) / minute, resetsAt: anchor + 3 * hour },
    sevenDay: { utilization: burn.sevenDay, resetsAt: anchor + 4 * day }
  }))

// Twelve minutes of stored polls before the anchor on the same slope, so the first live poll
// already has a valid burn rate (SPEC §2: 3 samples over ≥ 10 minutes).
const seedLines = (burn: Burn, anchor: number) =>
  [12, 8, 4].map((ago) =>
    JSON.stringify({
      profile: "default",
      timestamp: new Date(anchor - ago * minute).toISOString(),
      fiveHour: { utilization: burn.fiveHour - burn.perMinute * ago, resetsAt: new Date(anchor + 3 * hour).toISOString() },
      sevenDay: { utilization: burn.sevenDay, resetsAt: new Date(anchor + 4 * day).toISOString() },
      extraUsage: null,
      caps: [],
      tier: "default_claude_max_20x"
    })
  )

const importLines = async (home: World, name: string, lines: ReadonlyArray<string>) => {
  const path = join(home.root, name)
  await writeFile(path, `${lines.join("\n")}\n`)
  const run = await cchdrm(["import", path], { env: home.env, ...slow })
  expect(run.code, run.stderr).toBe(0)
}

const burningWorld = async (burn: Burn) => {
  const anchor = Date.now()
  const home = await world({ usage: burning(burn, anchor) })
  await importLines(home, "seed.jsonl", seedLines(burn, anchor))
  return { home, anchor }
}

/** A loopback webhook receiver that records each body. */
const receiver = async () => {
  const bodies: Array<string> = []
  const server = createServer((request, response) => {
    let body = ""
    request.on("data", (chunk: Buffer) => body += chunk.toString("utf8"))
    request.on("end", () => {
      bodies.push(body)
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hook`, bodies, close: () => new Promise((resolve) => server.close(resolve)) }
}

// Runs `watch` until its first poll line and `settle` ms more, then stops it with SIGINT.
const watchOnce = async (env: Readonly<Record<string, string>>, settle = 1_500) => {
  const watch = startWatch(env)
  await watch.lines(1)
  await new Promise((resolve) => setTimeout(resolve, settle))
  const run = await watch.stop()
  assertClean(run)
  return run
}

const occurrences = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, "g"))?.length ?? 0

describe.concurrent("forecast in status", () => {
  it("a fast burn carries pace.runsOutAt before the reset and the 5h limit", { timeout: 120_000 }, async () => {
    const { home } = await burningWorld(fast)
    const run = await cchdrm(["status", "--json"], { env: home.env })
    expect(run.code, run.stderr).toBe(0)
    const { fiveHour, sevenDay } = statusDocument(run.stdout).profiles[0]!.windows
    expect(fiveHour?.slope).toBe("rising")
    expect(fiveHour?.limitIn).toMatch(/^3\dm$/)
    for (const window of [fiveHour, sevenDay]) {
      expect(window?.pace?.delta).toBeGreaterThan(0)
      expect(Date.parse(window!.pace!.runsOutAt!)).toBeLessThan(Date.parse(window!.resetsAt!))
      expect(Date.parse(window!.pace!.runsOutAt!)).toBeGreaterThan(Date.now() - minute)
    }
    const text = await cchdrm(["status"], { env: home.env })
    expect(text.stdout).toMatch(/5h +\d+% ↗ resets in .* · limit in ~3\dm/)
    expect(text.stdout).toMatch(/^ {6}\d+% ahead of pace — runs out ~.+ before the reset$/m)
    const line = await cchdrm(["statusline"], { env: home.env })
    expect(line.stdout).toMatch(/5h 3\d% ↗ ~3\dm/)
  })

  it("an even burn has a pace but no run-out time and no limit", { timeout: 120_000 }, async () => {
    const { home } = await burningWorld(even)
    const run = await cchdrm(["status", "--json"], { env: home.env })
    expect(run.code, run.stderr).toBe(0)
    const { fiveHour, sevenDay } = statusDocument(run.stdout).profiles[0]!.windows
    expect(fiveHour?.limitIn).toBeNull()
    expect(sevenDay?.limitIn).toBeNull()
    for (const window of [fiveHour, sevenDay]) {
      expect(Math.abs(window!.pace!.delta)).toBeLessThan(2)
      expect(window?.pace?.runsOutAt).toBeNull()
    }
  })
})

describe("predictive alert in watch", () => {
  it("a fast burn alerts once per window on the terminal and the webhook; an even burn never", { timeout: 120_000 }, async () => {
    const hook = await receiver()
    try {
      const { home } = await burningWorld(fast)
      const set = await cchdrm(["config", "set", "webhookUrl", hook.url], { env: home.env })
      expect(set.code, set.stderr).toBe(0)
      const run = await watchOnce(home.env)
      expect(run.code).toBe(0)
      expect(occurrences(run.stderr, /Claude 5h headroom runs out in ~3\dm, before the reset at /)).toBe(1)
      expect(occurrences(run.stderr, /Claude 7-day headroom runs out in ~\S+ \S+, before the reset at /)).toBe(1)
      expect(hook.bodies).toHaveLength(2)
      for (const body of hook.bodies) {
        const payload = JSON.parse(body) as { text: string; content: string }
        expect(payload.text).toMatch(/^Claude headroom forecast: Claude (5h|7-day) headroom runs out in ~/)
        expect(payload.content).toBe(payload.text)
        expect(body).not.toMatch(/sk-ant-/)
      }

      const calm = await burningWorld(even)
      const quiet = await watchOnce(calm.home.env)
      expect(quiet.code).toBe(0)
      expect(quiet.stderr).not.toMatch(/runs out/)
    } finally {
      await hook.close()
    }
  })

  it("a dead webhook is reported once and never stops the polls", { timeout: 120_000 }, async () => {
    const { home } = await burningWorld(fast)
    await cchdrm(["config", "set", "webhookUrl", "http://127.0.0.1:1/hook"], { env: home.env })
    const run = await watchOnce(home.env)
    expect(run.code).toBe(0)
    expect(occurrences(run.stderr, /Webhook delivery failed/)).toBe(1)
    expect(run.stderr).not.toContain("127.0.0.1:1")
    expect(run.stdout).toMatch(/ 5h 3\d% ↗ ~3\dm/)
  })

  it("config set refuses plain http off loopback", async () => {
    const { env } = await world()
    const run = await cchdrm(["config", "set", "webhookUrl", "http://hooks.example.com/x"], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/webhookUrl/)
  })
})

// The independent count: group the generated polls by window (its reset time) and count those
// that reached 100 %.
const exhaustedWindows = (lines: ReadonlyArray<string>, window: "fiveHour" | "sevenDay", slot: number) => {
  const hit = new Set<number>()
  for (const line of lines) {
    const poll = JSON.parse(line) as Record<string, { utilization: number | null; resetsAt: string | null } | null>
    const usage = poll[window]
    if (usage?.resetsAt != null && (usage.utilization ?? 0) >= 100) hit.add(Math.round(Date.parse(usage.resetsAt) / slot))
  }
  return hit.size
}

describe("limit hits in analyze", () => {
  it("equal an independent count over 45 days, most of it rolled up", { timeout: 180_000 }, async () => {
    const home = await world()
    const to = Date.now() - minute
    const lines = [...generateHistory({ from: to - 45 * day, to, account: new SimulatedAccount({ seed: 7, intensity: 3 }), nullRate: 0 })]
    await importLines(home, "history.jsonl", lines)
    const run = await cchdrm(["analyze", "--range", "all", "--json"], { env: home.env, ...slow })
    expect(run.code, run.stderr).toBe(0)
    const analysis = analysisDocument(run.stdout)
    const expected = { fiveHour: exhaustedWindows(lines, "fiveHour", 10 * minute), sevenDay: exhaustedWindows(lines, "sevenDay", hour) }
    expect(expected.fiveHour).toBeGreaterThan(2)
    expect(expected.sevenDay).toBeGreaterThan(1)
    expect(analysis.limitHits).toEqual(expected)
    expect(analysis.hoursExhausted.fiveHour).toBeGreaterThan(0)
    expect(analysis.hoursExhausted.sevenDay).toBeGreaterThan(24)
    const text = await cchdrm(["analyze", "--range", "all"], { env: home.env })
    expect(text.stdout).toContain(`Limit hits: 5h ${expected.fiveHour} (`)
  })

  it("equal an independent count over raw polls of the last 20 hours", { timeout: 120_000 }, async () => {
    const to = Date.now() - minute
    // The simulated user is deterministic in absolute time: take the first seed whose last 20 h hit the wall.
    const lines = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((seed) =>
      [...generateHistory({ from: to - 20 * hour, to, account: new SimulatedAccount({ seed, intensity: 3 }), nullRate: 0 })]
    ).find((candidate) => exhaustedWindows(candidate, "fiveHour", 10 * minute) > 0)
    expect(lines).toBeDefined()
    const home = await world()
    await importLines(home, "recent.jsonl", lines!)
    const run = await cchdrm(["analyze", "--range", "24h", "--json"], { env: home.env })
    expect(run.code, run.stderr).toBe(0)
    expect(analysisDocument(run.stdout).limitHits).toEqual({
      fiveHour: exhaustedWindows(lines!, "fiveHour", 10 * minute),
      sevenDay: exhaustedWindows(lines!, "sevenDay", hour)
    })
  })
})

describe("history clear", () => {
  const twoProfiles = async () => {
    const home = await world()
    const to = Date.now() - minute
    const lines = [
      ...generateHistory({ from: to - 6 * hour, to, seed: 1 }),
      ...generateHistory({ from: to - 6 * hour, to, seed: 2, profile: "work" })
    ]
    await importLines(home, "two.jsonl", lines)
    return home
  }
  const pointsOf = async (home: World, profile: string) => {
    const run = await cchdrm(["history", "--json", "--profile", profile], { env: home.env })
    return run.code === 0 ? (JSON.parse(run.stdout) as { points: ReadonlyArray<unknown> }).points.length : -1
  }

  it("clears one profile and leaves the other intact", { timeout: 120_000 }, async () => {
    const home = await twoProfiles()
    const before = await cchdrm(["export"], { env: home.env })
    const run = await cchdrm(["history", "clear", "--profile", "work", "--yes"], { env: home.env })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toBe("Cleared the usage history of profile 'work'.\n")
    const after = await cchdrm(["export"], { env: home.env })
    const byProfile = (text: string, profile: string) => text.split("\n").filter((line) => line.includes(`"profile":"${profile}"`))
    expect(byProfile(after.stdout, "work")).toEqual([])
    expect(byProfile(after.stdout, "default")).toEqual(byProfile(before.stdout, "default"))
    expect(byProfile(before.stdout, "default").length).toBeGreaterThan(100)
  })

  it("clears everything with --yes, and refuses without it when no terminal can ask", { timeout: 120_000 }, async () => {
    const home = await twoProfiles()
    const refused = await cchdrm(["history", "clear"], { env: home.env })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/pass --yes to confirm/)
    expect(await pointsOf(home, "default")).toBeGreaterThan(0)
    const unknown = await cchdrm(["history", "clear", "--profile", "nobody", "--yes"], { env: home.env })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/no history of profile 'nobody' — profiles with history: default, work/)
    const run = await cchdrm(["history", "clear", "--yes"], { env: home.env })
    expect(run.code, run.stderr).toBe(0)
    const after = await cchdrm(["export"], { env: home.env })
    expect(after.stdout.trim()).toBe("")
  })
})
