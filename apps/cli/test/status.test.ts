// `cchdrm status` end to end: the B.2 document and every exit code of API.md B.3 a poll can end with.
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Responses } from "@cchdrm/testkit"
import { describe, expect, it } from "vitest"
import { cchdrm, onOneFake } from "./support/Cchdrm.js"
import { statusDocument } from "./support/Shapes.js"

const { world } = onOneFake()

describe.concurrent("cchdrm status", () => {
  it("prints the B.2 document, keys in contract order, and exits 0", async () => {
    const { env } = await world()
    const run = await cchdrm(["status", "--json"], { env })
    expect(run.code).toBe(0)
    const report = statusDocument(run.stdout)
    const raw = JSON.parse(run.stdout)
    expect(Object.keys(raw)).toEqual(["generatedAt", "activeProfile", "profiles"])
    expect(Object.keys(raw.profiles[0])).toEqual([
      "name", "connection", "fetchedAt", "subscription", "windows", "caps", "extraUsage", "binding", "menuTitle", "error"
    ])
    const [profile] = report.profiles
    expect(profile?.connection).toBe("connected")
    expect(profile?.subscription.tier).toBe("default_claude_max_20x")
    const fiveHour = profile?.windows.fiveHour
    expect(fiveHour?.headroom).toBe(100 - (fiveHour?.utilization ?? Number.NaN))
    expect(run.stderr).toBe("")
  })

  it("prints the gauge lines for people without colour under NO_COLOR", async () => {
    const { env } = await world()
    const run = await cchdrm(["status"], { env })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^default · Max 20x · connected$/m)
    expect(run.stdout).toMatch(/^ {2}\S 5h +\d+% [↘→↗⬆] resets in /m)
    expect(run.stdout).not.toContain("\u001b[")
  })

  it("stores every poll: the second run's slope buffer sees the first", async () => {
    const { env } = await world()
    await cchdrm(["status"], { env })
    const run = await cchdrm(["history", "--json"], { env })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).points).toHaveLength(1)
  })

  it("exits 3 without credentials, still printing the document", async () => {
    const { env } = await world({}, false)
    const run = await cchdrm(["status", "--json"], { env })
    expect(run.code).toBe(3)
    const [profile] = statusDocument(run.stdout).profiles
    expect(profile?.connection).toBe("no_credentials")
    expect(profile?.error?.code).toBe("CredentialsNotFound")
  })

  it("exits 4 when the token expired and the refresh is refused", async () => {
    const { account, env } = await world()
    account.expireAccessToken()
    account.revokeRefreshToken()
    const run = await cchdrm(["status", "--json"], { env })
    expect(run.code).toBe(4)
    expect(statusDocument(run.stdout).profiles[0]?.connection).toBe("token_expired")
  })

  it("exits 5 when the API answers 500", async () => {
    const { account, env } = await world()
    account.scriptUsage(Responses.serverError())
    const run = await cchdrm(["status", "--json"], { env })
    expect(run.code).toBe(5)
    expect(statusDocument(run.stdout).profiles[0]?.connection).toBe("disconnected")
  })

  it("exits 5 when the API is unreachable, with a one-line message in the text form", async () => {
    const { env } = await world()
    const run = await cchdrm(["status"], { env: { ...env, CCHDRM_API_URL: "http://127.0.0.1:1" } })
    expect(run.code).toBe(5)
    expect(run.stdout).toMatch(/Unable to reach|unreachable/i)
  })

  it("exits 6 when rate limited, showing the stored data", async () => {
    const { account, env } = await world()
    expect((await cchdrm(["status"], { env })).code).toBe(0)
    account.scriptUsage(Responses.rateLimited(120))
    const run = await cchdrm(["status", "--json"], { env })
    expect(run.code).toBe(6)
    const [profile] = statusDocument(run.stdout).profiles
    expect(profile?.connection).toBe("rate_limited")
    expect(profile?.windows.fiveHour).not.toBeNull()
  })

  it("exits 7 with a one-line message naming the file when usage.db is not a database", async () => {
    const { dataDir, env } = await world()
    await mkdir(dataDir, { recursive: true })
    await writeFile(join(dataDir, "usage.db"), "this is a text file, not SQLite\n".repeat(200))
    const run = await cchdrm(["status", "--json"], { env })
    expect(run.code).toBe(7)
    expect(run.stdout).toBe("")
    expect(run.stderr.trim().split("\n")).toHaveLength(1)
    expect(run.stderr).toContain("usage.db")
  })

  it("exits 2 for an endpoint URL off the rule (plain http off loopback, not https), naming the variable and the rule", async () => {
    const { env } = await world()
    const [api, token] = await Promise.all([
      cchdrm(["status"], { env: { ...env, CCHDRM_API_URL: "http://api.example.com" } }),
      cchdrm(["status"], { env: { ...env, CCHDRM_TOKEN_URL: "ftp://127.0.0.1/token" } })
    ])
    expect([api.code, token.code]).toEqual([2, 2])
    const rule = "is not allowed — use https://, or http:// only on loopback (127.0.0.0/8, ::1, localhost)"
    expect(api.stderr).toBe(`cchdrm: CCHDRM_API_URL='http://api.example.com/' ${rule}\n`)
    expect(token.stderr).toBe(`cchdrm: CCHDRM_TOKEN_URL='ftp://127.0.0.1/token' ${rule}\n`)
  })

  it("exits 2 for a relative data directory", async () => {
    const { env } = await world()
    const run = await cchdrm(["status"], { env: { ...env, CCHDRM_DATA_DIR: "relative/dir" } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("CCHDRM_DATA_DIR")
  })

  it("exits 2 for an unknown flag and an unknown profile", async () => {
    const { env } = await world()
    const [flag, profile] = await Promise.all([
      cchdrm(["status", "--bogus"], { env }),
      cchdrm(["status", "--profile", "nobody"], { env })
    ])
    expect(flag.code).toBe(2)
    expect(profile.code).toBe(2)
    expect(profile.stderr).toContain("nobody")
  })
})
