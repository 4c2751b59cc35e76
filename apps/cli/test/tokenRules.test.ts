// The token rules end to end (SPEC §1.3; README "Troubleshooting"): the real CLI against testkit's
// fake token endpoint, with Claude Code's credentials file on disk. cc-hdrm never spends Claude
// Code's refresh token early, when told not to, or through a vault copy of the same login.
import { readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { cchdrm, onOneFake, type World } from "./support/Cchdrm.js"

const StatusDocument = Schema.Struct({
  profiles: Schema.Array(Schema.Struct({
    name: Schema.String,
    connection: Schema.String,
    error: Schema.NullOr(Schema.Struct({ code: Schema.String, message: Schema.String }))
  }))
})
const statusOf = (stdout: string) => Schema.decodeUnknownSync(StatusDocument)(JSON.parse(stdout)).profiles[0]!

const { fake, world } = onOneFake()

const credentialsFile = (home: World) => join(home.claudeDir, ".credentials.json")
const refreshToken = async (home: World) =>
  (JSON.parse(await readFile(credentialsFile(home), "utf8")) as { claudeAiOauth: { refreshToken: string } }).claudeAiOauth.refreshToken
// Requests to the token endpoint that spent this world's refresh token.
const refreshesOf = (token: string) =>
  fake().requestsTo(new URL(fake().tokenUrl).pathname).filter((request) => request.body.includes(token))

// Claude Code's login with its access token expired `agoMs` ago (or expiring in `-agoMs`).
const expireLogin = async (home: World, agoMs: number) => {
  const file = credentialsFile(home)
  const document = JSON.parse(await readFile(file, "utf8")) as { claudeAiOauth: { expiresAt: number } }
  document.claudeAiOauth.expiresAt = Date.now() - agoMs
  await writeFile(file, JSON.stringify(document), { mode: 0o600 })
}

describe.concurrent("token rules", () => {
  it("Claude Code's login is not refreshed while its token is still valid, even minutes before expiry", async () => {
    const home = await world({ expiresIn: 120 })
    const token = await refreshToken(home)
    const run = await cchdrm(["status", "--json"], { env: home.env })
    expect(run.code).toBe(0)
    expect(statusOf(run.stdout).connection).toBe("connected")
    expect(refreshesOf(token)).toHaveLength(0)
    expect(await refreshToken(home)).toBe(token)
  })

  it("an expired Claude Code login is refreshed once and written back", async () => {
    const home = await world()
    const token = await refreshToken(home)
    home.account.expireAccessToken()
    await expireLogin(home, 1_000)
    const run = await cchdrm(["status", "--json"], { env: home.env })
    expect(run.code).toBe(0)
    expect(refreshesOf(token)).toHaveLength(1)
    expect(await refreshToken(home)).not.toBe(token)
  })

  it("config set refreshClaudeCodeLogin false: token_expired, 'open Claude Code', and the token endpoint is never called", async () => {
    const home = await world()
    const token = await refreshToken(home)
    expect((await cchdrm(["config", "set", "refreshClaudeCodeLogin", "false"], { env: home.env })).code).toBe(0)
    home.account.expireAccessToken()
    await expireLogin(home, 1_000)
    const run = await cchdrm(["status", "--json"], { env: home.env })
    expect(run.code).toBe(4)
    const status = statusOf(run.stdout)
    expect(status.connection).toBe("token_expired")
    expect(status.error?.message).toContain("open Claude Code to refresh its login")
    // A 401 before the recorded expiry is left to Claude Code as well.
    await expireLogin(home, -3_600_000)
    expect((await cchdrm(["status"], { env: home.env })).code).toBe(4)
    expect(refreshesOf(token)).toHaveLength(0)
    expect(await refreshToken(home)).toBe(token)
  })

  it("a vault profile added from Claude Code's login is never refreshed by cc-hdrm, and profiles add says so", async () => {
    const home = await world()
    const token = await refreshToken(home)
    const added = await cchdrm(["profiles", "add", "copy", "--from-claude-code"], { env: home.env })
    expect(added.code).toBe(0)
    expect(added.stdout).toContain("shares Claude Code's current login: cc-hdrm never refreshes it")
    home.account.expireAccessToken()
    await expireLogin(home, 1_000)
    // The vault copy's token is just as old; a 401 comes back for it.
    const run = await cchdrm(["status", "--profile", "copy", "--json"], { env: home.env })
    expect(run.code).toBe(4)
    const status = statusOf(run.stdout)
    expect(status.connection).toBe("token_expired")
    expect(status.error?.message).toContain("shares Claude Code's login")
    expect(refreshesOf(token)).toHaveLength(0)
    // Claude Code's own profile may still be refreshed by cc-hdrm (the default).
    expect((await cchdrm(["status", "--profile", "default"], { env: home.env })).code).toBe(0)
    expect(refreshesOf(token)).toHaveLength(1)
  })
})
