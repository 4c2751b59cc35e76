// A demo world for any cc-hdrm frontend's `--demo`: the fake API with one simulated account, its
// Claude login in a temporary CLAUDE_CONFIG_DIR, empty cc-hdrm directories beside it, and a week of
// history (B.4 JSON Lines) for the app to import through its own storage.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startFakeAnthropic } from "./FakeAnthropic.js"
import type { FakeAnthropic } from "./FakeAnthropic.js"
import { generateHistory } from "./generateHistory.js"
import { SimulatedAccount } from "./SimulatedAccount.js"

const weekMillis = 7 * 86_400_000
// A poll every 10 minutes (an allowed interval) keeps the seeded week realistic in shape while
// an import of it stays well under a second (about 0.5 ms of CPU per line).
const pollSeconds = 600

/** A running demo world. */
export interface DemoWorld {
  /** The variables that point cc-hdrm at the world (API.md B.1). */
  readonly env: Readonly<Record<"CCHDRM_API_URL" | "CCHDRM_TOKEN_URL" | "CCHDRM_DATA_DIR" | "CCHDRM_CONFIG_DIR" | "CLAUDE_CONFIG_DIR", string>>
  readonly account: SimulatedAccount
  /** The fake API itself, for tests that add accounts or script answers. */
  readonly fake: FakeAnthropic
  /** The week of polls before `now`, with the machine asleep now and then, as B.4 lines. */
  history(now: number): Iterable<string>
  /** Stops the server and removes every file of the world. */
  close(): Promise<void>
}

/** Starts a demo world (seed 7, a Max 5x account unless told otherwise). */
export const startDemoWorld = async (options: { readonly seed?: number; readonly tier?: string } = {}): Promise<DemoWorld> => {
  const tier = options.tier ?? "default_claude_max_5x"
  const root = await mkdtemp(join(tmpdir(), "cchdrm-demo-"))
  const claude = join(root, "claude")
  await mkdir(claude, { recursive: true })
  const account = new SimulatedAccount({ seed: options.seed ?? 7, tier })
  const fake = await startFakeAnthropic()
  const handle = fake.addAccount({ usage: account, tier, subscriptionType: "max" })
  await writeFile(join(claude, ".credentials.json"), `${JSON.stringify(handle.credentials())}\n`, { mode: 0o600 })
  return {
    env: {
      CCHDRM_API_URL: fake.url,
      CCHDRM_TOKEN_URL: fake.tokenUrl,
      CCHDRM_DATA_DIR: join(root, "data"),
      CCHDRM_CONFIG_DIR: join(root, "config"),
      CLAUDE_CONFIG_DIR: claude
    },
    account,
    fake,
    history: (now) =>
      generateHistory({ account, from: now - weekMillis, to: now - pollSeconds * 1000, intervalSeconds: pollSeconds, gaps: true, jitterMs: 900 }),
    close: async () => {
      await fake.close()
      await rm(root, { recursive: true, force: true })
    }
  }
}
