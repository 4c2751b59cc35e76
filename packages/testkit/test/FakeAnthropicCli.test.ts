import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { readFile, stat } from "node:fs/promises"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { parseArguments, serveSimulated } from "../src/FakeAnthropicCli.js"
import type { Served } from "../src/FakeAnthropicCli.js"
import { claudeCodeHeaders, json } from "./fixtures/claudeCode.js"

let served: Served | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

describe("parseArguments", () => {
  it("reads the flags", () => {
    expect(parseArguments([])).toEqual({ options: {} })
    expect(parseArguments(["--port", "4100", "--seed", "7", "--speed", "60", "--tier", "default_claude_pro"])).toEqual({
      options: { port: 4100, seed: 7, speed: 60, tier: "default_claude_pro" }
    })
    expect(parseArguments(["--start", "2026-08-12T09:00:00Z"])).toEqual({ options: { start: Date.UTC(2026, 7, 12, 9) } })
    expect(parseArguments(["-h"])).toEqual({ help: true })
  })

  it("explains bad flags in one line", () => {
    expect(parseArguments(["--port", "http"])).toEqual({ error: "--port must be an integer from 0 to 65535" })
    expect(parseArguments(["--seed", "-1"])).toMatchObject({ error: expect.stringContaining("--seed") })
    expect(parseArguments(["--speed", "0"])).toEqual({ error: "--speed must be a positive number" })
    expect(parseArguments(["--verbose"])).toMatchObject({ error: expect.stringContaining("--verbose") })
  })
})

describe("serveSimulated", () => {
  it("serves a simulated account and writes its credentials file with mode 0600", async () => {
    served = await serveSimulated({ seed: 3 })
    const { ready } = served
    expect(ready.env).toEqual({ CCHDRM_API_URL: ready.url, CCHDRM_TOKEN_URL: ready.tokenUrl, CLAUDE_CONFIG_DIR: ready.claudeConfigDir })
    expect(ready.credentialsPath).toBe(`${ready.claudeConfigDir}/.credentials.json`)
    expect((await stat(ready.credentialsPath)).mode & 0o777).toBe(0o600)
    const credentials = JSON.parse(await readFile(ready.credentialsPath, "utf8"))
    expect(credentials.claudeAiOauth.accessToken).toBe(ready.accessToken)
    const response = await fetch(`${ready.url}/api/oauth/usage`, { headers: claudeCodeHeaders(ready.accessToken) })
    expect(Object.keys(await json(response))).toContain("limits")
  })

  it("runs simulated time faster with speed, and removes its directory on close", async () => {
    served = await serveSimulated({ speed: 3600, start: Date.UTC(2026, 7, 12) })
    const before = served.fake.now()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(served.fake.now() - before).toBeGreaterThanOrEqual(60_000)
    const dir = served.ready.claudeConfigDir
    await served.close()
    served = undefined
    expect(existsSync(dir)).toBe(false)
  })
})

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))

describe("cchdrm-fake-anthropic", () => {
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm build first`)
  })

  it("prints one ready line, serves, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [bin, "--seed", "5"], { stdio: ["ignore", "pipe", "pipe"] })
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
    const [line] = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((result) => [result.value as string])
    const ready = JSON.parse(line ?? "")
    expect(ready).toMatchObject({ seed: 5, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) })
    const response = await fetch(`${ready.url}/api/oauth/usage`, { headers: claudeCodeHeaders(ready.accessToken) })
    expect(response.status).toBe(200)
    child.kill("SIGTERM")
    expect(await exited).toBe(0)
    expect(existsSync(ready.claudeConfigDir)).toBe(false)
  })

  it("exits 2 with a message on a bad flag", async () => {
    const child = spawn(process.execPath, [bin, "--port", "x"], { stdio: ["ignore", "pipe", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve))
    expect(code).toBe(2)
    expect(stderr).toContain("--port must be an integer")
  })
})
