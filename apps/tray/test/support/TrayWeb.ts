// Runs the BUILT `cchdrm-tray --web` as a real process against testkit's fake Anthropic API on
// loopback and real temporary directories; its output is kept to check that no token leaks.
import { startFakeAnthropic } from "@cchdrm/testkit"
import type { AccountHandle, AccountOptions, FakeAnthropic } from "@cchdrm/testkit"
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

/** The built binaries. */
export const trayBin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url))
export const cliBin = fileURLToPath(new URL("../../../cli/dist/bin.js", import.meta.url))

/** One user's machine: a Claude login for an account of the fake, empty cc-hdrm directories. */
export interface World {
  readonly root: string
  readonly fake: FakeAnthropic
  readonly account: AccountHandle
  readonly env: Readonly<Record<string, string>>
  readonly close: () => Promise<void>
}

/** A fresh fake API with one account logged in as Claude Code does. */
export const startWorld = async (account: AccountOptions = {}): Promise<World> => {
  const root = await mkdtemp(join(tmpdir(), "cchdrm-tray-"))
  const claude = join(root, "claude")
  await mkdir(claude, { recursive: true })
  const fake = await startFakeAnthropic()
  const handle = fake.addAccount(account)
  await writeFile(join(claude, ".credentials.json"), JSON.stringify(handle.credentials()), { mode: 0o600 })
  return {
    root,
    fake,
    account: handle,
    env: {
      CCHDRM_API_URL: fake.url,
      CCHDRM_TOKEN_URL: fake.tokenUrl,
      CCHDRM_DATA_DIR: join(root, "data"),
      CCHDRM_CONFIG_DIR: join(root, "config"),
      CLAUDE_CONFIG_DIR: claude
    },
    close: async () => {
      await fake.close()
      await rm(root, { recursive: true, force: true })
    }
  }
}

/** A running `--web` server. */
export interface TrayServer {
  readonly url: string
  readonly origin: string
  readonly port: number
  readonly token: string
  readonly output: () => string
  /** SIGTERM, then the exit code. */
  readonly stop: () => Promise<number | null>
}

/** Starts `cchdrm-tray --web --no-open --port 0 …extra` with exactly `env` (plus PATH and HOME). */
export const startTray = (env: Readonly<Record<string, string>>, extra: ReadonlyArray<string> = []): Promise<TrayServer> => {
  if (!existsSync(trayBin)) throw new Error(`${trayBin} is missing: build the tray first (pnpm exec turbo run build)`)
  const child: ChildProcess = spawn(process.execPath, [trayBin, "--web", "--no-open", "--port", "0", ...extra], {
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? tmpdir(), ...env },
    stdio: ["ignore", "pipe", "pipe"]
  })
  let stdout = ""
  let stderr = ""
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cchdrm-tray --web printed no URL within 30 s: ${stderr}`)), 30_000)
    child.stderr!.on("data", (chunk: Buffer) => stderr += chunk.toString("utf8"))
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8")
      const line = /^(http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))\n/.exec(stdout)
      if (line === null) return
      clearTimeout(timer)
      resolve({
        url: line[1]!,
        origin: `http://127.0.0.1:${line[2]}`,
        port: Number(line[2]),
        token: line[3]!,
        output: () => stdout + stderr,
        stop: () => {
          child.kill("SIGTERM")
          return exited
        }
      })
    })
    void exited.then((code) => reject(new Error(`cchdrm-tray --web exited ${code}: ${stderr}`)))
  })
}

/** What tests read of a reply (the full shapes are checked against the schemas in host.test.ts). */
export interface ReplyLike {
  readonly _tag?: string
  readonly message?: string
  readonly fields?: ReadonlyArray<{ readonly key: string; readonly value: string | null }>
}

/** A bridge request over HTTP with the token. */
export const ask = async (server: TrayServer, message: unknown): Promise<{ readonly status: number; readonly body: ReplyLike }> => {
  const response = await fetch(`${server.origin}/api`, {
    method: "POST",
    headers: { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(message)
  })
  const text = await response.text()
  return { status: response.status, body: (text.startsWith("{") ? JSON.parse(text) : { message: text }) as ReplyLike }
}

/** Runs the built `cchdrm` CLI with `env`. */
export const cchdrm = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>): Promise<{ code: number | null; stdout: string; stderr: string }> => {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: build the CLI first (pnpm exec turbo run build)`)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? tmpdir(), NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => stdout += chunk.toString("utf8"))
    child.stderr.on("data", (chunk: Buffer) => stderr += chunk.toString("utf8"))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })
}
