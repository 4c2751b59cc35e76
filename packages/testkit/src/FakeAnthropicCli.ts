// The `cchdrm-fake-anthropic` command: a fake server with one simulated account, ready for cc-hdrm.
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import type { AccountHandle } from "./Accounts.js"
import { startFakeAnthropic } from "./FakeAnthropic.js"
import type { FakeAnthropic } from "./FakeAnthropic.js"
import { SimulatedAccount } from "./SimulatedAccount.js"

/** What to serve. */
export interface ServeOptions {
  readonly port?: number
  readonly seed?: number
  /** Simulated seconds per real second (default 1). */
  readonly speed?: number
  /** Simulated start time, epoch ms (default now). */
  readonly start?: number
  readonly tier?: string | null
}

/** The one JSON line the command prints when it is ready. */
export interface ReadyLine {
  readonly url: string
  readonly tokenUrl: string
  readonly claudeConfigDir: string
  readonly credentialsPath: string
  readonly accessToken: string
  readonly seed: number
  readonly env: {
    readonly CCHDRM_API_URL: string
    readonly CCHDRM_TOKEN_URL: string
    readonly CLAUDE_CONFIG_DIR: string
  }
}

/** A running simulated server. */
export interface Served {
  readonly fake: FakeAnthropic
  readonly account: AccountHandle
  readonly simulated: SimulatedAccount
  readonly ready: ReadyLine
  /** Stop the server and delete the credentials directory. */
  close(): Promise<void>
}

export const usageText = `Usage: cchdrm-fake-anthropic [--port N] [--seed N] [--speed X] [--start ISO] [--tier TIER]

Serves a fake Anthropic OAuth API on 127.0.0.1 with one simulated account and prints one JSON line:
the base URL, the token URL, a Claude config dir holding a ready .credentials.json, and the env
variables to point cc-hdrm at it. Runs until SIGINT or SIGTERM.
`

const integer = (name: string, value: string | undefined, min: number, max: number): number | string | undefined => {
  if (value === undefined) return undefined
  const number = Number(value)
  return Number.isInteger(number) && number >= min && number <= max ? number : `--${name} must be an integer from ${min} to ${max}`
}

/** Reads the command line; `error` is a one-line message for stderr. */
export const parseArguments = (
  argv: ReadonlyArray<string>
): { readonly options: ServeOptions } | { readonly help: true } | { readonly error: string } => {
  let values
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        seed: { type: "string" },
        speed: { type: "string" },
        start: { type: "string" },
        tier: { type: "string" },
        help: { type: "boolean", short: "h" }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
  if (values.help === true) return { help: true }
  const port = integer("port", values.port, 0, 65_535)
  const seed = integer("seed", values.seed, 0, 2 ** 31 - 1)
  const speed = values.speed === undefined ? undefined : Number(values.speed)
  const start = values.start === undefined ? undefined : Date.parse(values.start)
  if (typeof port === "string") return { error: port }
  if (typeof seed === "string") return { error: seed }
  if (speed !== undefined && !(speed > 0 && Number.isFinite(speed))) return { error: "--speed must be a positive number" }
  if (start !== undefined && Number.isNaN(start)) return { error: "--start must be an ISO date, e.g. 2026-08-12T09:00:00Z" }
  return {
    options: {
      ...(port === undefined ? {} : { port }),
      ...(seed === undefined ? {} : { seed }),
      ...(speed === undefined ? {} : { speed }),
      ...(start === undefined ? {} : { start }),
      ...(values.tier === undefined ? {} : { tier: values.tier })
    }
  }
}

/** Start a fake with a simulated account and write its credentials where Claude Code keeps them. */
export const serveSimulated = async (options: ServeOptions = {}): Promise<Served> => {
  const seed = options.seed ?? 1
  const speed = options.speed ?? 1
  const realStart = Date.now()
  const simulatedStart = options.start ?? realStart
  const simulated = new SimulatedAccount({ seed, ...(options.tier === undefined ? {} : { tier: options.tier }) })
  const fake = await startFakeAnthropic({
    ...(options.port === undefined ? {} : { port: options.port }),
    clock: () => simulatedStart + (Date.now() - realStart) * speed
  })
  const account = fake.addAccount({ usage: simulated, tier: simulated.tier })
  const claudeConfigDir = await mkdtemp(join(tmpdir(), "cchdrm-fake-"))
  const credentialsPath = join(claudeConfigDir, ".credentials.json")
  await writeFile(credentialsPath, `${JSON.stringify(account.credentials())}\n`, { mode: 0o600 })
  return {
    fake,
    account,
    simulated,
    ready: {
      url: fake.url,
      tokenUrl: fake.tokenUrl,
      claudeConfigDir,
      credentialsPath,
      accessToken: account.accessToken,
      seed,
      env: { CCHDRM_API_URL: fake.url, CCHDRM_TOKEN_URL: fake.tokenUrl, CLAUDE_CONFIG_DIR: claudeConfigDir }
    },
    close: async () => {
      await fake.close()
      await rm(claudeConfigDir, { recursive: true, force: true })
    }
  }
}
