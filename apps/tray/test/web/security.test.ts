// The loopback server's defences, against the real `--web` process: the token on every bridge
// request, the Host check against DNS rebinding, no cross-origin POSTs, no CORS, the CSP, and a
// malformed message refused without effect. Raw node:http so the Host header can be forged.
import { UsageBodies } from "@cchdrm/testkit"
import { request } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ask, startTray, startWorld, type TrayServer, type World } from "../support/TrayWeb.js"

interface Answer {
  readonly status: number
  readonly headers: Record<string, string | Array<string> | undefined>
  readonly body: string
}

const raw = (server: TrayServer, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, method: options.method ?? "GET", path: options.path ?? "/", headers: options.headers ?? {} }, (res) => {
      let body = ""
      res.on("data", (chunk: Buffer) => body += chunk.toString("utf8"))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on("error", reject)
    req.end(options.body)
  })

describe("web server security", () => {
  let world: World
  let server: TrayServer
  const answers: Array<Answer> = []
  const track = async (answer: Promise<Answer>) => {
    const a = await answer
    answers.push(a)
    return a
  }

  beforeAll(async () => {
    world = await startWorld({ usage: UsageBodies.example() })
    server = await startTray(world.env)
  }, 60_000)

  afterAll(async () => {
    expect(await server?.stop()).toBe(0)
    // The token is never echoed: not in any response body nor in the server's output after the URL.
    for (const answer of answers) expect(answer.body).not.toContain(server.token)
    expect(server.output().replace(server.url, "")).not.toContain(server.token)
    await world?.close()
  })

  const dashboard = JSON.stringify({ _tag: "Dashboard" })
  const host = () => `127.0.0.1:${server.port}`

  it("prints only the loopback URL with a token of at least 128 bits as its first line", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{22,}$/)
    expect(Buffer.from(server.token, "base64url").length * 8).toBeGreaterThanOrEqual(128)
  })

  it("serves the page without a token, with a strict CSP and no CORS", async () => {
    const page = await track(raw(server, { headers: { Host: host() } }))
    expect(page.status).toBe(200)
    expect(page.body).toContain(`<div id="app"></div>`)
    expect(page.headers["content-security-policy"]).toMatch(/^default-src 'self'/)
    expect(page.headers["access-control-allow-origin"]).toBeUndefined()
  })

  it("answers 401 without a token and with a wrong one", async () => {
    const none = await track(raw(server, { method: "POST", path: "/api", headers: { Host: host() }, body: dashboard }))
    expect(none.status).toBe(401)
    const wrong = await track(raw(server, { method: "POST", path: "/api", headers: { Host: host(), Authorization: `Bearer ${server.token.slice(0, -2)}xx` }, body: dashboard }))
    expect(wrong.status).toBe(401)
    const events = await track(raw(server, { path: "/api/events", headers: { Host: host() } }))
    expect(events.status).toBe(401)
  })

  it("refuses a foreign Host even with the token (DNS rebinding)", async () => {
    const answer = await track(raw(server, { method: "POST", path: "/api", headers: { Host: `evil.example:${server.port}`, Authorization: `Bearer ${server.token}` }, body: dashboard }))
    expect(answer.status).toBe(403)
    expect((await track(raw(server, { headers: { Host: "evil.example" } }))).status).toBe(403)
  })

  it("refuses a cross-origin POST even with the token, and never sends CORS headers", async () => {
    const answer = await track(raw(server, {
      method: "POST", path: "/api",
      headers: { Host: host(), Origin: "https://evil.example", Authorization: `Bearer ${server.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ _tag: "SetPreferences", values: { warningThreshold: "30" } })
    }))
    expect(answer.status).toBe(403)
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined()
    const prefs = await ask(server, { _tag: "Preferences" })
    expect(prefs.body.fields?.find((f) => f.key === "warningThreshold")?.value).toBe("20")
  })

  it("changes state only by POST", async () => {
    const answer = await track(raw(server, { method: "GET", path: "/api", headers: { Host: host(), Authorization: `Bearer ${server.token}` } }))
    expect(answer.status).toBe(405)
  })

  it("refuses malformed messages with the reason and does nothing", async () => {
    const notJson = await track(raw(server, { method: "POST", path: "/api", headers: { Host: host(), Authorization: `Bearer ${server.token}` }, body: "{nope" }))
    expect(notJson.status).toBe(400)
    expect(JSON.parse(notJson.body)).toEqual({ _tag: "Failed", message: "Malformed request: the body is not JSON", fields: {} })
    const unknown = await ask(server, { _tag: "DropTables" })
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toMatch(/^Malformed request: _tag: Expected "Dashboard" \| .*actual "DropTables"$/)
    const badProfile = await ask(server, { _tag: "SetActive", profile: "../../etc" })
    expect(badProfile.status).toBe(400)
    expect(badProfile.body.message).toMatch(/^Malformed request: profile: /)
    const unconfirmed = await ask(server, { _tag: "ClearHistory", confirmed: false })
    expect(unconfirmed.status).toBe(400)
    expect(unconfirmed.body.message).toMatch(/^Malformed request: confirmed: Expected true/)
  })

  it("streams the dashboard as Server-Sent Events with the token", async () => {
    const controller = new AbortController()
    const response = await fetch(`${server.origin}/api/events`, { headers: { Authorization: `Bearer ${server.token}` }, signal: controller.signal })
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/)
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ""
    while (!text.includes("\n\n")) text += (await reader.read()).value ?? ""
    controller.abort()
    const event = JSON.parse(text.slice("data: ".length, text.indexOf("\n\n")))
    expect(event._tag).toBe("Dashboard")
    expect(event.view.profile).toBe("default")
    expect(text).not.toContain(server.token)
  })
})
