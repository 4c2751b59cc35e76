// The update check against a loopback fake of GitHub's releases API: once per launch, offered once
// per version, silent on every failure.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTrayApp } from "../../src/main/TrayApp.js"
import { checkForUpdate, isNewer } from "../../src/main/updateCheck.js"
import { dashboardOf, fakeDeps } from "./fakes.js"

describe("update check", () => {
  let server: Server
  let base = ""
  let requests: Array<string> = []
  let answer: { status: number; body: string } = { status: 200, body: "" }

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? "")
      response.writeHead(answer.status, { "Content-Type": "application/json" })
      response.end(answer.body)
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const release = (tag: string) => ({ status: 200, body: JSON.stringify({ tag_name: tag, html_url: `https://github.com/cc-hdrm/cc-hdrm/releases/tag/${tag}` }) })

  it("offers a newer release once per launch, opens its page on click, and then never offers it again", async () => {
    requests = []
    answer = release("v1.2.0")
    const { deps, log, push } = fakeDeps({ hasTitle: true, fetch: globalThis.fetch, url: `${base}/repos/cc-hdrm/cc-hdrm/releases/latest` })
    const app = startTrayApp(deps)
    await app.updateChecked
    app.trayClicked()
    push(dashboardOf({}))
    expect(requests).toEqual(["/repos/cc-hdrm/cc-hdrm/releases/latest"])
    expect(log.notifications.map((n) => n.title)).toEqual(["cc-hdrm 1.2.0 is available"])
    expect(log.dismissed).toBeNull()
    log.notifications[0]!.onClick!()
    expect(log.opened).toEqual(["https://github.com/cc-hdrm/cc-hdrm/releases/tag/v1.2.0"])
    expect(log.dismissed).toBe("1.2.0")
  })

  it("offers an ignored release again at the next launch; a dismissed one never", async () => {
    answer = release("v1.2.0")
    const ignored = fakeDeps({ hasTitle: true, fetch: globalThis.fetch, url: `${base}/latest` })
    await startTrayApp(ignored.deps).updateChecked
    expect(ignored.log.dismissed).toBeNull()
    const dismissed = fakeDeps({ hasTitle: true, fetch: globalThis.fetch, url: `${base}/latest` })
    await startTrayApp(dismissed.deps).updateChecked
    dismissed.log.notifications[0]!.onClose!()
    expect(dismissed.log.dismissed).toBe("1.2.0")
  })

  it("does not offer a dismissed version again, but offers the next one", async () => {
    answer = release("v1.2.0")
    const again = fakeDeps({ hasTitle: true, fetch: globalThis.fetch, url: `${base}/latest`, dismissed: "1.2.0" })
    await startTrayApp(again.deps).updateChecked
    expect(again.log.notifications).toEqual([])
    answer = release("v1.3.0")
    const next = fakeDeps({ hasTitle: true, fetch: globalThis.fetch, url: `${base}/latest`, dismissed: "1.2.0" })
    await startTrayApp(next.deps).updateChecked
    expect(next.log.notifications.map((n) => n.title)).toEqual(["cc-hdrm 1.3.0 is available"])
  })

  it("stays silent on an error status, a malformed body, an older release and an unreachable server", async () => {
    const options = { url: `${base}/latest`, currentVersion: "1.0.0", dismissed: null, fetch: globalThis.fetch }
    answer = { status: 500, body: "oops" }
    expect(await checkForUpdate(options)).toBeNull()
    answer = { status: 200, body: "{not json" }
    expect(await checkForUpdate(options)).toBeNull()
    answer = { status: 200, body: JSON.stringify({ tag_name: "v2.0.0", html_url: "javascript:alert(1)" }) }
    expect(await checkForUpdate(options)).toBeNull()
    answer = release("v0.9.0")
    expect(await checkForUpdate(options)).toBeNull()
    expect(await checkForUpdate({ ...options, url: "http://127.0.0.1:9/latest" })).toBeNull()
    const app = fakeDeps({ hasTitle: true, fetch: globalThis.fetch, url: "http://127.0.0.1:9/latest" })
    await startTrayApp(app.deps).updateChecked
    expect(app.log.notifications).toEqual([])
  })

  it("compares versions numerically", () => {
    expect(isNewer("1.10.0", "1.9.9")).toBe(true)
    expect(isNewer("v1.0.1", "1.0.0")).toBe(true)
    expect(isNewer("1.0.0", "1.0.0")).toBe(false)
    expect(isNewer("1.0.0-beta", "0.1.0")).toBe(false)
  })
})
