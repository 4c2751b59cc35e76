import { afterEach, describe, expect, it } from "vitest"
import { Responses, startFakeAnthropic } from "../src/index.js"
import type { FakeAnthropic, FakeAnthropicOptions } from "../src/index.js"
import { clientId, getUsage, json, manualClock, refresh } from "./fixtures/claudeCode.js"

let fake: FakeAnthropic | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

const start = async (options: FakeAnthropicOptions = {}) => {
  fake = await startFakeAnthropic(options)
  return fake
}

describe("POST /v1/oauth/token", () => {
  it("rotates both tokens for a valid refresh token (JSON body)", async () => {
    const time = manualClock(Date.UTC(2026, 7, 12, 9))
    const server = await start({ clock: time.clock })
    const account = server.addAccount()
    const oldRefresh = account.refreshToken
    const response = await refresh(server, { grant_type: "refresh_token", refresh_token: oldRefresh, client_id: clientId })
    expect(response.status).toBe(200)
    const body = await json(response)
    expect(Object.keys(body)).toEqual(["access_token", "refresh_token", "expires_in", "token_type", "scope"])
    expect(body.access_token).toMatch(/^sk-ant-oat01-/)
    expect(body.refresh_token).toMatch(/^sk-ant-ort01-/)
    expect(body.refresh_token).not.toBe(oldRefresh)
    expect(body).toMatchObject({ expires_in: 28_800, token_type: "Bearer", scope: "user:inference user:profile" })
    expect(account.accessToken).toBe(body.access_token)
    expect(account.refreshToken).toBe(body.refresh_token)
    expect(account.expiresAt).toBe(time.clock() + 28_800_000)
    expect((await getUsage(server, body.access_token)).status).toBe(200)
  })

  it("answers invalid_grant to the old refresh token once it has been rotated", async () => {
    const server = await start()
    const account = server.addAccount()
    const oldRefresh = account.refreshToken
    expect((await refresh(server, { grant_type: "refresh_token", refresh_token: oldRefresh, client_id: clientId })).status).toBe(200)
    const reused = await refresh(server, { grant_type: "refresh_token", refresh_token: oldRefresh, client_id: clientId })
    expect(reused.status).toBe(400)
    const body = await json(reused)
    expect(body.error).toBe("invalid_grant")
    expect(body.error_description).toEqual(expect.any(String))
    // The rotated one keeps working.
    expect((await refresh(server, { grant_type: "refresh_token", refresh_token: account.refreshToken, client_id: clientId })).status).toBe(200)
  })

  it("answers invalid_grant to an unknown or revoked refresh token", async () => {
    const server = await start()
    const account = server.addAccount()
    const unknown = await refresh(server, { grant_type: "refresh_token", refresh_token: "sk-ant-ort01-nobody", client_id: clientId })
    expect(unknown.status).toBe(400)
    expect((await json(unknown)).error).toBe("invalid_grant")
    account.revokeRefreshToken()
    const revoked = await refresh(server, { grant_type: "refresh_token", refresh_token: account.refreshToken, client_id: clientId })
    expect((await json(revoked)).error).toBe("invalid_grant")
  })

  it("accepts a form-encoded body", async () => {
    const server = await start()
    const account = server.addAccount()
    const response = await fetch(server.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: account.refreshToken, client_id: clientId }).toString()
    })
    expect(response.status).toBe(200)
    expect((await json(response)).refresh_token).toBe(account.refreshToken)
  })

  it("answers invalid_request without client_id, and keeps the refresh token valid", async () => {
    const server = await start()
    const account = server.addAccount()
    const response = await refresh(server, { grant_type: "refresh_token", refresh_token: account.refreshToken })
    expect(response.status).toBe(400)
    expect(await json(response)).toEqual({ error: "invalid_request", error_description: expect.stringContaining("client_id") })
    expect((await refresh(server, { grant_type: "refresh_token", refresh_token: account.refreshToken, client_id: clientId })).status).toBe(200)
  })

  it("rejects other client ids when one is configured", async () => {
    const server = await start({ clientId })
    const account = server.addAccount()
    const response = await refresh(server, { grant_type: "refresh_token", refresh_token: account.refreshToken, client_id: "someone-else" })
    expect(response.status).toBe(401)
    expect((await json(response)).error).toBe("invalid_client")
  })

  it("answers bad requests: wrong grant type, no refresh token, broken JSON", async () => {
    const server = await start()
    const account = server.addAccount()
    const grant = await refresh(server, { grant_type: "authorization_code", code: "x", client_id: clientId })
    expect(grant.status).toBe(400)
    expect((await json(grant)).error).toBe("unsupported_grant_type")
    const missing = await refresh(server, { grant_type: "refresh_token", client_id: clientId })
    expect((await json(missing)).error).toBe("invalid_request")
    const broken = await fetch(server.tokenUrl, { method: "POST", headers: { "content-type": "application/json" }, body: "{\"grant_type\":" })
    expect(broken.status).toBe(400)
    expect((await json(broken)).error).toBe("invalid_request")
    expect(account.refreshToken).toMatch(/^sk-ant-ort01-/)
  })

  it("can answer without refresh_token, keeping the old one valid", async () => {
    const server = await start()
    const account = server.addAccount()
    const oldRefresh = account.refreshToken
    server.scriptToken({ omitRefreshToken: true })
    const response = await refresh(server, { grant_type: "refresh_token", refresh_token: oldRefresh, client_id: clientId })
    const body = await json(response)
    expect(body.refresh_token).toBeUndefined()
    expect(body.access_token).toMatch(/^sk-ant-oat01-/)
    expect(account.refreshToken).toBe(oldRefresh)
    expect((await refresh(server, { grant_type: "refresh_token", refresh_token: oldRefresh, client_id: clientId })).status).toBe(200)
  })

  it("can fail with 500 without touching the tokens", async () => {
    const server = await start()
    const account = server.addAccount()
    const before = account.refreshToken
    server.scriptToken({ respond: Responses.serverError() })
    const failed = await refresh(server, { grant_type: "refresh_token", refresh_token: before, client_id: clientId })
    expect(failed.status).toBe(500)
    expect(account.refreshToken).toBe(before)
    expect((await refresh(server, { grant_type: "refresh_token", refresh_token: before, client_id: clientId })).status).toBe(200)
  })

  it("rotates before a delayed answer, so a client that gives up holds a dead refresh token", async () => {
    const server = await start()
    const account = server.addAccount()
    const before = account.refreshToken
    server.scriptToken({ delayMs: 2_000 })
    await expect(
      refresh(server, { grant_type: "refresh_token", refresh_token: before, client_id: clientId }, { signal: AbortSignal.timeout(100) })
    ).rejects.toMatchObject({ name: "TimeoutError" })
    expect(account.refreshToken).not.toBe(before)
    const retry = await refresh(server, { grant_type: "refresh_token", refresh_token: before, client_id: clientId })
    expect((await json(retry)).error).toBe("invalid_grant")
  })

  it("writes scope as an array when asked, and honours expires_in", async () => {
    const server = await start({ accessTokenLifetimeSeconds: 600 })
    const listed = server.addAccount({ scopeFormat: "array" })
    const body = await json(await refresh(server, { grant_type: "refresh_token", refresh_token: listed.refreshToken, client_id: clientId }))
    expect(body.scope).toEqual(["user:inference", "user:profile"])
    expect(body.expires_in).toBe(600)
    server.scriptToken({ scopeFormat: "string", expiresIn: 60 })
    const next = await json(await refresh(server, { grant_type: "refresh_token", refresh_token: listed.refreshToken, client_id: clientId }))
    expect(next).toMatchObject({ scope: "user:inference user:profile", expires_in: 60 })
  })

  it("keeps an old access token valid until it expires, and lets a refreshed one replace an expired one", async () => {
    const time = manualClock(Date.UTC(2026, 7, 12, 9))
    const server = await start({ clock: time.clock })
    const account = server.addAccount({ expiresIn: 60 })
    const oldAccess = account.accessToken
    const body = await json(await refresh(server, { grant_type: "refresh_token", refresh_token: account.refreshToken, client_id: clientId }))
    expect((await getUsage(server, oldAccess)).status).toBe(200)
    time.advance(61_000)
    expect((await getUsage(server, oldAccess)).status).toBe(401)
    expect((await getUsage(server, body.access_token)).status).toBe(200)
  })

  it("writes the account as Claude Code's credentials (A.4)", async () => {
    const server = await start({ clock: () => 1_770_000_000_000 })
    const account = server.addAccount({ tier: "default_claude_max_5x", expiresIn: 3600 })
    expect(account.credentials()).toEqual({
      claudeAiOauth: {
        accessToken: account.accessToken,
        refreshToken: account.refreshToken,
        expiresAt: 1_770_003_600_000,
        scopes: ["user:inference", "user:profile"],
        subscriptionType: "max",
        rateLimitTier: "default_claude_max_5x"
      }
    })
  })

  it("refuses to give two accounts the same token", async () => {
    const server = await start()
    server.addAccount({ accessToken: "sk-ant-oat01-same" })
    expect(() => server.addAccount({ accessToken: "sk-ant-oat01-same" })).toThrow(/already used/)
  })
})
