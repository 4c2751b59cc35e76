import { afterEach, describe, expect, it } from "vitest"
import { Responses, startFakeAnthropic, UsageBodies } from "../src/index.js"
import type { FakeAnthropic } from "../src/index.js"
import { claudeCodeHeaders, getUsage, json, manualClock } from "./fixtures/claudeCode.js"

let fake: FakeAnthropic | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

const start = async (options: Parameters<typeof startFakeAnthropic>[0] = {}) => {
  fake = await startFakeAnthropic(options)
  return fake
}

describe("startFakeAnthropic", () => {
  it("listens on an ephemeral loopback port and derives the token URL", async () => {
    const server = await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.port).toBeGreaterThan(0)
    expect(server.tokenUrl).toBe(`${server.url}/v1/oauth/token`)
  })

  it("mints tokens in Claude Code's formats", async () => {
    const account = (await start()).addAccount()
    expect(account.accessToken).toMatch(/^sk-ant-oat01-[A-Za-z0-9_-]{20,}$/)
    expect(account.refreshToken).toMatch(/^sk-ant-ort01-[A-Za-z0-9_-]{20,}$/)
  })

  it("answers unknown paths with 404 and wrong methods with 405", async () => {
    const server = await start()
    expect((await fetch(`${server.url}/v1/messages`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/oauth/usage`, { method: "POST" })).status).toBe(405)
    expect((await fetch(server.tokenUrl)).status).toBe(405)
  })
})

describe("GET /api/oauth/usage", () => {
  it("answers a valid token with the A.1 example body by default", async () => {
    const server = await start()
    const account = server.addAccount()
    const response = await getUsage(server, account.accessToken)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("application/json")
    expect(response.headers.get("request-id")).toMatch(/^req_/)
    expect(await json(response)).toEqual(UsageBodies.example())
  })

  it("serves a fixed body or a function of the server's time", async () => {
    const time = manualClock(1_000)
    const server = await start({ clock: time.clock })
    const fixed = server.addAccount({ usage: UsageBodies.minimal() })
    const computed = server.addAccount({ usage: (now) => Responses.json({ five_hour: { utilization: now / 1000, resets_at: null } }) })
    expect(await json(await getUsage(server, fixed.accessToken))).toEqual({})
    time.set(42_000)
    expect(await json(await getUsage(server, computed.accessToken))).toEqual({ five_hour: { utilization: 42, resets_at: null } })
  })

  it("answers 401 without a bearer token or with an unknown one", async () => {
    const server = await start()
    const { authorization: _, ...noAuth } = claudeCodeHeaders("x")
    const missing = await fetch(`${server.url}/api/oauth/usage`, { headers: noAuth })
    expect(missing.status).toBe(401)
    const unknown = await getUsage(server, "sk-ant-oat01-nobody")
    expect(unknown.status).toBe(401)
    expect(await json(unknown)).toMatchObject({ type: "error", error: { type: "authentication_error" } })
  })

  it("answers 401 once the access token has expired on the server's clock", async () => {
    const time = manualClock(Date.UTC(2026, 7, 12, 9))
    const server = await start({ clock: time.clock })
    const account = server.addAccount({ expiresIn: 3600 })
    expect((await getUsage(server, account.accessToken)).status).toBe(200)
    time.advance(3600 * 1000)
    const expired = await getUsage(server, account.accessToken)
    expect(expired.status).toBe(401)
    expect(JSON.stringify(await json(expired))).toContain("expired")
  })

  it("answers 401 after expireAccessToken and revokeAccessTokens", async () => {
    const server = await start()
    const first = server.addAccount()
    const second = server.addAccount()
    first.expireAccessToken()
    second.revokeAccessTokens()
    expect(first.expiresAt).toBeLessThanOrEqual(Date.now())
    expect((await getUsage(server, first.accessToken)).status).toBe(401)
    expect((await getUsage(server, second.accessToken)).status).toBe(401)
  })

  it("requires the oauth beta header", async () => {
    const server = await start()
    const account = server.addAccount()
    const headers = { ...claudeCodeHeaders(account.accessToken), "anthropic-beta": "tools-2024-04-04" }
    const response = await fetch(`${server.url}/api/oauth/usage`, { headers })
    expect(response.status).toBe(401)
    const withList = { ...headers, "anthropic-beta": "tools-2024-04-04, oauth-2025-04-20" }
    expect((await fetch(`${server.url}/api/oauth/usage`, { headers: withList })).status).toBe(200)
  })

  it("answers 429 to a user agent other than claude-code/<version>, unless told not to", async () => {
    const strict = await start()
    const account = strict.addAccount()
    const headers = { ...claudeCodeHeaders(account.accessToken), "user-agent": "node" }
    const refused = await fetch(`${strict.url}/api/oauth/usage`, { headers })
    expect(refused.status).toBe(429)
    expect(refused.headers.get("retry-after")).toBeNull()
    await strict.close()
    const lenient = await start({ enforceUserAgent: false })
    const other = lenient.addAccount()
    const accepted = await fetch(`${lenient.url}/api/oauth/usage`, { headers: { ...claudeCodeHeaders(other.accessToken), "user-agent": "node" } })
    expect(accepted.status).toBe(200)
  })

  it("answers 403 to a token without the user:profile scope", async () => {
    const server = await start()
    const account = server.addAccount({ scopes: ["user:inference"] })
    const response = await getUsage(server, account.accessToken)
    expect(response.status).toBe(403)
    expect((await json(response)).error.message).toContain("user:profile")
    account.setScopes(["user:inference", "user:profile"])
    expect((await getUsage(server, account.accessToken)).status).toBe(200)
  })

  it("plays scripted answers in order, then falls back to the default", async () => {
    const server = await start()
    const account = server.addAccount({ usage: UsageBodies.minimal() })
    account.scriptUsage(Responses.serverError(), Responses.rateLimited(30), Responses.example())
    expect(account.pendingUsageScripts).toBe(3)
    const statuses: Array<number> = []
    for (let index = 0; index < 4; index++) statuses.push((await getUsage(server, account.accessToken)).status)
    expect(statuses).toEqual([500, 429, 200, 200])
    expect(account.pendingUsageScripts).toBe(0)
    expect(account.usageRequests).toBe(4)
    expect(await json(await getUsage(server, account.accessToken))).toEqual({})
  })

  it("keeps scripts per account", async () => {
    const server = await start()
    const first = server.addAccount()
    const second = server.addAccount()
    first.scriptUsage(Responses.serverError(503))
    expect((await getUsage(server, second.accessToken)).status).toBe(200)
    expect((await getUsage(server, first.accessToken)).status).toBe(503)
  })

  it("sends Retry-After as seconds or as an HTTP date", async () => {
    const server = await start()
    const account = server.addAccount()
    const until = new Date(Date.UTC(2026, 7, 12, 3, 40))
    account.scriptUsage(Responses.rateLimited(600), Responses.rateLimited(until), Responses.rateLimited())
    const seconds = await getUsage(server, account.accessToken)
    expect(seconds.status).toBe(429)
    expect(seconds.headers.get("retry-after")).toBe("600")
    expect((await json(seconds)).error.type).toBe("rate_limit_error")
    const date = await getUsage(server, account.accessToken)
    expect(date.headers.get("retry-after")).toBe("Wed, 12 Aug 2026 03:40:00 GMT")
    expect(new Date(date.headers.get("retry-after") ?? "").getTime()).toBe(until.getTime())
    expect((await getUsage(server, account.accessToken)).headers.get("retry-after")).toBeNull()
  })

  it("sends Cloudflare's HTML 502 page", async () => {
    const server = await start()
    const account = server.addAccount()
    account.scriptUsage(Responses.cloudflare502())
    const response = await getUsage(server, account.accessToken)
    expect(response.status).toBe(502)
    expect(response.headers.get("content-type")).toBe("text/html")
    expect(response.headers.get("server")).toBe("cloudflare")
    const text = await response.text()
    expect(text).toContain("<title>502 Bad Gateway</title>")
    expect(() => JSON.parse(text)).toThrow()
  })

  it("sends malformed JSON and empty bodies as application/json", async () => {
    const server = await start()
    const account = server.addAccount()
    account.scriptUsage(Responses.malformedJson(), Responses.emptyBody())
    const malformed = await getUsage(server, account.accessToken)
    expect(malformed.status).toBe(200)
    expect(malformed.headers.get("content-type")).toBe("application/json")
    await expect(json(malformed)).rejects.toThrow()
    const empty = await getUsage(server, account.accessToken)
    expect(await empty.text()).toBe("")
  })

  it("sends the canned bodies: minimal, all null, null utilization, unknown keys", async () => {
    const server = await start()
    const account = server.addAccount()
    account.scriptUsage(Responses.minimal(), Responses.allNull(), Responses.nullUtilization(), Responses.unknownKeys())
    expect(await json(await getUsage(server, account.accessToken))).toEqual({})
    const allNull = await json(await getUsage(server, account.accessToken))
    expect(allNull).toMatchObject({ five_hour: null, seven_day: null, extra_usage: null, limits: null })
    const nullUtilization = await json(await getUsage(server, account.accessToken))
    expect(nullUtilization.five_hour).toEqual({ utilization: null, resets_at: null })
    const unknown = await json(await getUsage(server, account.accessToken))
    expect(unknown.five_hour.utilization).toBe(15)
    expect(unknown.zebra_crossing).toEqual([1, "two", { three: 3 }])
    expect(unknown.limits.map((limit: { kind: string }) => limit.kind)).toContain("daily_tool_calls")
  })

  it("sends 401, 403, 500 and 529 error bodies in Anthropic's shape", async () => {
    const server = await start()
    const account = server.addAccount()
    account.scriptUsage(Responses.tokenExpired(), Responses.forbidden(), Responses.serverError(), Responses.overloaded())
    const expected = [
      [401, "authentication_error"],
      [403, "permission_error"],
      [500, "api_error"],
      [529, "overloaded_error"]
    ] as const
    for (const [status, type] of expected) {
      const response = await getUsage(server, account.accessToken)
      expect(response.status).toBe(status)
      expect(await json(response)).toEqual({ type: "error", error: { type, message: expect.any(String) } })
    }
  })

  it("delays an answer by delayMs", async () => {
    const server = await start()
    const account = server.addAccount()
    account.scriptUsage(Responses.delayed(150))
    const before = performance.now()
    const response = await getUsage(server, account.accessToken)
    expect(response.status).toBe(200)
    expect(performance.now() - before).toBeGreaterThanOrEqual(140)
  })

  it("hangs until the client gives up, and close() still returns", async () => {
    const server = await start()
    const account = server.addAccount()
    account.scriptUsage(Responses.hang(), Responses.hang())
    await expect(getUsage(server, account.accessToken, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: "TimeoutError"
    })
    const pending = getUsage(server, account.accessToken)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await server.close()
    await expect(pending).rejects.toThrow()
  })

  it("drops the connection without an answer", async () => {
    const server = await start()
    const account = server.addAccount()
    account.scriptUsage(Responses.closeConnection())
    await expect(getUsage(server, account.accessToken)).rejects.toThrow(/fetch failed/)
    expect((await getUsage(server, account.accessToken)).status).toBe(200)
  })

  it("throttles unscripted polls closer than usageMinIntervalSeconds", async () => {
    const time = manualClock(Date.UTC(2026, 7, 12))
    const server = await start({ clock: time.clock, usageMinIntervalSeconds: 120 })
    const account = server.addAccount()
    expect((await getUsage(server, account.accessToken)).status).toBe(200)
    time.advance(30_000)
    const throttled = await getUsage(server, account.accessToken)
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get("retry-after")).toBe("90")
    time.advance(90_000)
    expect((await getUsage(server, account.accessToken)).status).toBe(200)
  })

  it("records every request with method, path, headers, body and time", async () => {
    const time = manualClock(5_000)
    const server = await start({ clock: time.clock })
    const account = server.addAccount()
    await getUsage(server, account.accessToken)
    await fetch(`${server.url}/api/oauth/usage?x=1`, { headers: claudeCodeHeaders("sk-ant-oat01-other") })
    await fetch(server.tokenUrl, { method: "POST", body: "grant_type=refresh_token" })
    expect(server.requests).toHaveLength(3)
    const [first, second, third] = server.requests
    expect(first).toMatchObject({ method: "GET", path: "/api/oauth/usage", query: "", body: "", at: 5_000 })
    expect(first?.headers["authorization"]).toBe(`Bearer ${account.accessToken}`)
    expect(first?.headers["user-agent"]).toBe("claude-code/2.1.80")
    expect(second?.query).toBe("?x=1")
    expect(third).toMatchObject({ method: "POST", path: "/v1/oauth/token", body: "grant_type=refresh_token" })
    expect(server.requestsTo("/api/oauth/usage")).toHaveLength(2)
    server.clearRequests()
    expect(server.requests).toHaveLength(0)
  })
})
