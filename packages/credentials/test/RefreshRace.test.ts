// The refresh race (SPEC §1.3): two real processes find the same expired token at once, both try
// to refresh it, and the token endpoint rotates the refresh token, so only one refresh can win.
// The file must end up holding one working token pair, with Claude Code's other keys intact.
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { readdir } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import type { AccountHandle, FakeAnthropic } from "@cchdrm/testkit"
import { Effect } from "effect"
import * as ClaudeCodeFile from "../src/ClaudeCodeFile.js"
import * as HttpTokenRefresher from "../src/HttpTokenRefresher.js"
import * as FakeServer from "./support/FakeServer.js"
import * as TempDir from "./support/TempDir.js"

const script = fileURLToPath(new URL("./support/refresher.mjs", import.meta.url))
const built = fileURLToPath(new URL("../dist/index.js", import.meta.url))

const rounds = 20
// Every other round the winner's answer is held back (the rotation is not), so the loser surely
// reads the expired tokens, gets invalid_grant and must wait for the winner's write.
const heldBackMs = 400

/** What one child printed and how it ended. */
interface ChildResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly report: { readonly outcome: string; readonly status: number; readonly fingerprint: string; readonly elapsedMs: number } | undefined
}

interface Child {
  readonly ready: Promise<void>
  readonly done: Promise<ChildResult>
  go(): void
}

const startChild = (env: Record<string, string>): Child => {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] })
  let stdout = ""
  let stderr = ""
  let signalReady = () => {}
  const ready = new Promise<void>((resolve) => (signalReady = resolve))
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8")
    if (stdout.startsWith("ready\n")) signalReady()
  })
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code) => {
      signalReady()
      const last = stdout.trim().split("\n").at(-1) ?? ""
      resolve({ code, stdout, stderr, report: last.startsWith("{") ? JSON.parse(last) : undefined })
    })
  })
  return { ready, done, go: () => void child.stdin.end("go\n") }
}

/** Both children loaded, then released together; their results. */
const race = (env: Record<string, string>) =>
  Effect.promise(async () => {
    const children = [startChild(env), startChild(env)]
    await Promise.all(children.map((child) => child.ready))
    for (const child of children) child.go()
    return Promise.all(children.map((child) => child.done))
  })

const oauthHeaders = (accessToken: string) => ({
  authorization: `Bearer ${accessToken}`,
  "anthropic-beta": "oauth-2025-04-20",
  "user-agent": "claude-code/2.0.0"
})

const usageStatus = (fake: FakeAnthropic, accessToken: string) =>
  Effect.promise(async () => {
    const response = await fetch(`${fake.url}/api/oauth/usage`, { headers: oauthHeaders(accessToken) })
    await response.text()
    return response.status
  })

const refreshStatus = (fake: FakeAnthropic, refreshToken: string) =>
  Effect.promise(async () => {
    const response = await fetch(fake.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: HttpTokenRefresher.clientId })
    })
    const body = (await response.json()) as Record<string, unknown>
    return { status: response.status, issued: typeof body["access_token"] === "string" }
  })

const mcpOAuth = { "github|abc123": { serverName: "github", accessToken: "gho_mcp-secret", expiresAt: 0, scope: "" } }

/** One round: a fresh account and config dir, two children, then every check on the file. */
const round = (fake: FakeAnthropic, index: number) =>
  Effect.gen(function*() {
    const account: AccountHandle = fake.addAccount({ expiresAt: fake.now() - 60_000 })
    const dir = yield* TempDir.make
    const path = ClaudeCodeFile.pathIn(dir)
    const original = { ...account.credentials(), mcpOAuth }
    yield* TempDir.put(path, JSON.stringify(original, null, 2), 0o600)
    const heldBack = index % 2 === 1
    if (heldBack) fake.scriptToken({ delayMs: heldBackMs })

    const started = performance.now()
    const results = yield* race({ CLAUDE_CONFIG_DIR: dir, CCHDRM_TOKEN_URL: fake.tokenUrl, CCHDRM_API_URL: fake.url })
    const wallMs = Math.round(performance.now() - started)
    for (const result of results) {
      assert.strictEqual(result.code, 0, `round ${index}: a child failed: ${result.stderr}${result.stdout}`)
      assert.strictEqual(result.report?.status, 200)
    }
    const outcomes = results.map((result) => result.report?.outcome ?? "none").sort()
    // Exactly one refresh was saved; the other process kept or adopted the winner's tokens.
    assert.strictEqual(outcomes.filter((outcome) => outcome === "written").length, 1, `round ${index}: ${outcomes.join(", ")}`)
    assert.strictEqual(new Set(results.map((result) => result.report?.fingerprint)).size, 1, "both ended with the same access token")

    const text = yield* TempDir.text(path)
    const stored = JSON.parse(text) as { claudeAiOauth: Record<string, unknown>; mcpOAuth: unknown }
    assert.strictEqual(yield* TempDir.modeOf(path), 0o600)
    assert.strictEqual(JSON.stringify(stored.mcpOAuth), JSON.stringify(mcpOAuth))
    assert.deepStrictEqual(Object.keys(stored).sort(), ["claudeAiOauth", "mcpOAuth"])
    // The newest pair the server issued, i.e. one consistent pair from one refresh.
    assert.strictEqual(stored.claudeAiOauth["accessToken"], account.accessToken)
    assert.strictEqual(stored.claudeAiOauth["refreshToken"], account.refreshToken)
    assert.notStrictEqual(stored.claudeAiOauth["refreshToken"], original.claudeAiOauth.refreshToken)
    assert.isAbove(stored.claudeAiOauth["expiresAt"] as number, fake.now())
    assert.deepStrictEqual(yield* Effect.promise(() => readdir(dir)), [ClaudeCodeFile.fileName])

    assert.strictEqual(yield* usageStatus(fake, stored.claudeAiOauth["accessToken"] as string), 200)
    assert.deepStrictEqual(yield* refreshStatus(fake, stored.claudeAiOauth["refreshToken"] as string), { status: 200, issued: true })
    return { outcomes, wallMs, children: results.map((result) => result.report?.elapsedMs ?? -1) }
  }).pipe(Effect.scoped)

describe("the refresh race between two processes", () => {
  it.scoped(`leaves one working token pair, ${rounds} times in a row`, () =>
    Effect.gen(function*() {
      assert.isTrue(existsSync(built), `${built} is missing: run \`npx tsup\` in packages/credentials first`)
      const fake = yield* FakeServer.start()
      const tally = new Map<string, number>()
      const timings: Array<string> = []
      for (let index = 0; index < rounds; index++) {
        const { children, outcomes, wallMs } = yield* round(fake, index)
        const key = outcomes.join("+")
        tally.set(key, (tally.get(key) ?? 0) + 1)
        timings.push(`round ${index}: ${wallMs} ms wall, children ${children.join("/")} ms, ${key}`)
      }
      // Timings for the record (vitest shows console output of a test).
      yield* Effect.sync(() => console.info(`refresh race\n${timings.join("\n")}\n${[...tally].map(([key, count]) => `${key}: ${count}`).join("\n")}`))
      // The held-back rounds make the loser hit invalid_grant and adopt the winner's tokens.
      assert.isAtLeast(tally.get("adopted+written") ?? 0, 1, [...tally.keys()].join(", "))
    }), 240_000)
})
