// The host on the real layers (SQLite file, config file, credentials, HTTP to testkit's fake API)
// as the Electron shell runs it: core's threshold reducer fires desktop notifications through the
// notification port, and the IPC path refuses malformed messages.
import { DataPaths } from "@cchdrm/storage"
import { UsageBodies } from "@cchdrm/testkit"
import { Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as HostRuntime from "../../src/host/Runtime.js"
import { desktopNotifier } from "../../src/main/desktopNotifier.js"
import { startTrayApp } from "../../src/main/TrayApp.js"
import * as Bridge from "../../src/shared/Bridge.js"
import { fakeDeps } from "../main/fakes.js"
import { startWorld, type World } from "../support/TrayWeb.js"

describe("host on the live layers", () => {
  let world: World
  let host: HostRuntime.HostRuntime
  const notifications: Array<{ title: string; body: string }> = []

  beforeAll(async () => {
    const soon = Date.now() + 47 * 60_000
    world = await startWorld({
      usage: UsageBodies.build({ fiveHour: { utilization: 83, resetsAt: soon }, sevenDay: { utilization: 30, resetsAt: soon + 86_400_000 } })
    })
    // The layers read cc-hdrm's environment (API.md B.1) like every frontend.
    Object.assign(process.env, world.env)
    const paths = DataPaths.ofProcess()
    if (Either.isLeft(paths)) throw new Error(paths.left.message)
    host = await HostRuntime.start(paths.right, desktopNotifier({ show: (n) => void notifications.push(n) }))
  }, 60_000)

  afterAll(async () => {
    await host?.dispose()
    await world?.close()
  })

  it("shows a warning notification phrased by core when headroom falls below the threshold", async () => {
    await expect.poll(() => notifications.length, { timeout: 15_000 }).toBeGreaterThan(0)
    expect(notifications[0]!.title).toBe("Claude headroom low")
    expect(notifications[0]!.body).toMatch(/^Claude headroom at 17% — resets in 4[67]m \(at .+\)$/)
  })

  it("refuses malformed messages on the IPC path, answering well-formed ones", async () => {
    const { deps } = fakeDeps({ hasTitle: true, host })
    const app = startTrayApp(deps)
    const bad = await app.request({ _tag: "History", range: "1y" }, true) as Bridge.ReplyWire
    expect(bad).toMatchObject({ _tag: "Failed", message: expect.stringMatching(/^Malformed request: range: Expected "24h".*actual "1y"$/) })
    expect(await app.request("not even an object", true)).toMatchObject({ _tag: "Failed", message: expect.stringMatching(/^Malformed request/) })
    const good = await app.request({ _tag: "DatabaseSize" }, true) as Bridge.ReplyWire
    expect(good).toMatchObject({ _tag: "DatabaseSize", text: expect.stringMatching(/^\d+ KiB$/) })
    // Shell commands are decoded too: an unknown window is no command.
    expect(Either.isLeft(Bridge.decodeShellCommand({ _tag: "OpenWindow", view: "file:///etc/passwd" }))).toBe(true)
    expect(Either.isRight(Bridge.decodeShellCommand({ _tag: "OpenWindow", view: "settings" }))).toBe(true)
    app.stop()
  })

  it("every reply and event is valid per the bridge schemas", async () => {
    const replies = await Promise.all([
      host.handle({ _tag: "Dashboard" }),
      host.handle({ _tag: "History", range: "7d" }),
      host.handle({ _tag: "Analysis", range: "30d" }),
      host.handle({ _tag: "Preferences" }),
      host.handle({ _tag: "Profiles" })
    ])
    for (const reply of replies) expect(Either.isRight(Bridge.decodeReply(reply))).toBe(true)
    expect(replies.map((reply) => (reply as { _tag: string })._tag)).toEqual(["Dashboard", "History", "Analysis", "Preferences", "Profiles"])
  })
})
