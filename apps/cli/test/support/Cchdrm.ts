// Runs the BUILT `cchdrm` as a real process against real temporary directories and testkit's fake
// Anthropic API on loopback; every output is checked for tokens and stack traces.
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { startFakeAnthropic } from "@cchdrm/testkit"
import type { AccountHandle, AccountOptions, FakeAnthropic } from "@cchdrm/testkit"
import { afterAll, beforeAll, expect } from "vitest"

/** The built binary. */
export const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url))

/** What a run printed and how it ended. */
export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Options of one run. */
export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>
  /** Written to stdin, which is then closed; `"open"` leaves the pipe open and silent; default: /dev/null. */
  readonly stdin?: string | "open"
  readonly timeoutMs?: number
}

/** Fails a test the moment any output shows a token or a stack trace. */
export const assertClean = (run: Run): void => {
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toMatch(/sk-ant-/)
    expect(text).not.toMatch(/^\s+at /m)
  }
}

/** Runs `cchdrm args…` with exactly `env` (plus PATH, HOME and NO_COLOR=1). */
export const cchdrm = (args: ReadonlyArray<string>, options: RunOptions = {}): Promise<Run> => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build the CLI first (cd apps/cli && npx tsup)`)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? tmpdir(), NO_COLOR: "1", ...options.env },
      stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout?.on("data", (chunk: Buffer) => stdout += chunk.toString("utf8"))
    child.stderr?.on("data", (chunk: Buffer) => stderr += chunk.toString("utf8"))
    if (options.stdin !== undefined && options.stdin !== "open") child.stdin?.end(options.stdin)
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`cchdrm ${args.join(" ")} did not finish within ${options.timeoutMs ?? 15_000} ms`))
    }, options.timeoutMs ?? 15_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      const run = { code, stdout, stderr }
      assertClean(run)
      resolve(run)
    })
  })
}

/** One user's world: a Claude login for an account of the fake, and empty cc-hdrm directories. */
export interface World {
  readonly root: string
  readonly account: AccountHandle
  readonly env: Readonly<Record<string, string>>
  readonly dataDir: string
  readonly claudeDir: string
}

/** Creates a world with a fresh account of `fake` (its credentials written like Claude Code does). */
export const makeWorld = async (fake: FakeAnthropic, account: AccountOptions = {}, credentials = true): Promise<World> => {
  const root = await mkdtemp(join(tmpdir(), "cchdrm-e2e-"))
  const claudeDir = join(root, "claude")
  const dataDir = join(root, "data")
  await mkdir(claudeDir, { recursive: true })
  const handle = fake.addAccount(account)
  if (credentials) await writeFile(join(claudeDir, ".credentials.json"), JSON.stringify(handle.credentials()), { mode: 0o600 })
  return {
    root,
    account: handle,
    dataDir,
    claudeDir,
    env: {
      CCHDRM_API_URL: fake.url,
      CCHDRM_TOKEN_URL: fake.tokenUrl,
      CCHDRM_DATA_DIR: dataDir,
      CCHDRM_CONFIG_DIR: join(root, "config"),
      CLAUDE_CONFIG_DIR: claudeDir
    }
  }
}

/** Removes a world's directories. */
export const dropWorld = (world: World): Promise<void> => rm(world.root, { recursive: true, force: true })

/**
 * One fake API for a test file, started before its tests; `world` makes a world on it, and every
 * world is removed (and the fake closed) after the file's tests.
 */
export const onOneFake = () => {
  let current: FakeAnthropic | undefined
  const worlds: Array<World> = []
  beforeAll(async () => {
    current = await startFakeAnthropic()
  })
  afterAll(async () => {
    await Promise.all(worlds.map(dropWorld))
    await current?.close()
  })
  const fake = (): FakeAnthropic => {
    if (current === undefined) throw new Error("the fake API is started in beforeAll: use it inside a test")
    return current
  }
  const world = async (account: AccountOptions = {}, credentials = true): Promise<World> => {
    const created = await makeWorld(fake(), account, credentials)
    worlds.push(created)
    return created
  }
  return { fake, world }
}

/** A running `cchdrm watch`: its output so far, a wait for its poll lines, and a clean stop. */
export interface Watch {
  readonly stdout: () => string
  readonly stderr: () => string
  /** Resolves once stdout holds `count` non-empty lines; fails with the output after `timeoutMs`. */
  readonly lines: (count: number, timeoutMs?: number) => Promise<void>
  /** Stops it with SIGINT (Ctrl-C) and returns the run. */
  readonly stop: () => Promise<Run>
}

/** Starts `cchdrm watch` with `env` (and PATH, HOME, NO_COLOR). */
export const startWatch = (env: Readonly<Record<string, string>>): Watch => {
  const child = spawn(process.execPath, [bin, "watch"], {
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"]
  })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk: Buffer) => stdout += chunk.toString("utf8"))
  child.stderr.on("data", (chunk: Buffer) => stderr += chunk.toString("utf8"))
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve))
  const count = () => stdout.split("\n").filter((line) => line !== "").length
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    lines: (wanted, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (count() >= wanted) return resolve()
        const timer = setTimeout(() => reject(new Error(`fewer than ${wanted} lines within ${timeoutMs / 1_000} s: ${stdout} ${stderr}`)), timeoutMs)
        child.stdout.on("data", () => {
          if (count() >= wanted) {
            clearTimeout(timer)
            resolve()
          }
        })
      }),
    stop: async () => {
      child.kill("SIGINT")
      return { code: await closed, stdout, stderr }
    }
  }
}
