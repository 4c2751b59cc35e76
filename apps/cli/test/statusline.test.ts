// `cchdrm statusline` end to end: the cached fast path, Claude Code's feed stored as a poll, the
// poll when the cache is stale or missing, never blocking on stdin, and the install hint.
import { readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cchdrm, onOneFake } from "./support/Cchdrm.js"

const { world } = onOneFake()

const line = /^\S 5h \d+%( [↗⬆])? \d+[dhm]( \d+[hm])? · \S 7d \d+%( [↗⬆])? \d+[dhm]( \d+[hm])?\n$/

describe.concurrent("cchdrm statusline", () => {
  it("polls when there is no cache, then answers from the cache without asking the API", async () => {
    const { account, dataDir, env } = await world()
    const first = await cchdrm(["statusline"], { env })
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(line)
    expect(account.usageRequests).toBe(1)
    const cache = JSON.parse(await readFile(join(dataDir, "statusline-cache.json"), "utf8"))
    expect(cache.views.default.segments).toHaveLength(2)
    const second = await cchdrm(["statusline"], { env })
    expect(second.stdout).toBe(first.stdout)
    expect(account.usageRequests).toBe(1)
  })

  it("with a stale cache, uses the stored poll while it is younger than the interval, and refreshes the cache", async () => {
    const { account, dataDir, env } = await world()
    await cchdrm(["status"], { env })
    const path = join(dataDir, "statusline-cache.json")
    const cache = JSON.parse(await readFile(path, "utf8"))
    const fetchedAt = cache.views.default.fetchedAt
    cache.views.default.fetchedAt -= 10 * 60_000
    await writeFile(path, JSON.stringify(cache))
    const run = await cchdrm(["statusline"], { env })
    expect(run.stdout).toMatch(line)
    expect(account.usageRequests).toBe(1)
    expect(JSON.parse(await readFile(path, "utf8")).views.default.fetchedAt).toBe(fetchedAt)
  })

  it("stores Claude Code's rate_limits as a statusline poll when they are new, without asking the API", async () => {
    const { account, env } = await world()
    await cchdrm(["status"], { env })
    const resetsAt = Math.floor(Date.now() / 1000) + 2 * 3600
    const feed = JSON.stringify({ session_id: "s", rate_limits: { five_hour: { used_percentage: 42, resets_at: resetsAt } } })
    const run = await cchdrm(["statusline"], { env, stdin: feed })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^\S 5h 58% 1h 59m · /)
    expect(account.usageRequests).toBe(1)
    const history = JSON.parse((await cchdrm(["history", "--json"], { env })).stdout)
    expect(history.points).toHaveLength(2)
    // The same feed again is nothing new: answered from the cache, nothing stored.
    const again = await cchdrm(["statusline"], { env, stdin: feed })
    expect(again.stdout).toBe(run.stdout)
    expect(JSON.parse((await cchdrm(["history", "--json"], { env })).stdout).points).toHaveLength(2)
  })

  it("never blocks on a pipe that stays open and silent", async () => {
    const { env } = await world()
    await cchdrm(["status"], { env })
    const run = await cchdrm(["statusline"], { env, stdin: "open", timeoutMs: 5_000 })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(line)
  })

  it("says why there are no numbers and exits 3 without credentials", async () => {
    const { env } = await world({}, false)
    const run = await cchdrm(["statusline"], { env })
    expect(run.code).toBe(3)
    expect(run.stdout).toBe("○ cc-hdrm: no credentials\n")
  })

  it("prints the settings.json snippet with --install-hint", async () => {
    const run = await cchdrm(["statusline", "--install-hint"])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ statusLine: { type: "command", command: "cchdrm statusline", padding: 0 } })
  })

  it("exits 2 for an unknown profile", async () => {
    const { env } = await world()
    expect((await cchdrm(["statusline", "--profile", "nobody"], { env })).code).toBe(2)
  })
})
