// `--demo`: a simulated account served by testkit's fake Anthropic API on an ephemeral loopback
// port, with a temporary Claude login and data directory seeded with a week of history. The
// commands then run the normal live layers against it, so the demo exercises the real code path.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { HistoryArchive } from "@cchdrm/storage"
import { generateHistory, SimulatedAccount, startFakeAnthropic } from "@cchdrm/testkit"
import { Clock, ConfigProvider, Effect, Stream } from "effect"

const tier = "default_claude_max_5x"
const weekMillis = 7 * 86_400_000
// A poll every 10 minutes (an allowed interval) keeps the seeded week realistic in shape while
// seeding stays well under a second: the import costs about 0.5 ms of CPU per line.
const pollSeconds = 600

/** The demo's world: where its files are and the config that points cc-hdrm at them. */
export interface DemoWorld {
  readonly provider: ConfigProvider.ConfigProvider
  readonly account: SimulatedAccount
  readonly now: number
}

/**
 * Starts the fake API with one simulated account and writes its Claude login to a temporary
 * `CLAUDE_CONFIG_DIR`; everything is removed when the scope closes. Environment variables other
 * than cc-hdrm's own still come from the process (HOME, …).
 */
export const start = Effect.acquireRelease(
  Effect.promise(async () => {
    const root = await mkdtemp(join(tmpdir(), "cchdrm-demo-"))
    const claude = join(root, "claude")
    await mkdir(claude, { recursive: true })
    const account = new SimulatedAccount({ seed: 7, tier })
    const fake = await startFakeAnthropic()
    const handle = fake.addAccount({ usage: account, tier, subscriptionType: "max" })
    await writeFile(join(claude, ".credentials.json"), `${JSON.stringify(handle.credentials())}\n`, { mode: 0o600 })
    const provider = ConfigProvider.fromMap(new Map([
      ["CCHDRM_API_URL", fake.url],
      ["CCHDRM_TOKEN_URL", fake.tokenUrl],
      ["CCHDRM_DATA_DIR", join(root, "data")],
      ["CCHDRM_CONFIG_DIR", join(root, "config")],
      ["CLAUDE_CONFIG_DIR", claude]
    ])).pipe(ConfigProvider.orElse(() => ConfigProvider.fromEnv()))
    return { root, fake, world: { provider, account, now: fake.now() } }
  }),
  ({ fake, root }) => Effect.promise(async () => {
    await fake.close()
    await rm(root, { recursive: true, force: true })
  })
).pipe(Effect.map(({ world }) => world))

/**
 * Imports the week before `now` (one poll every 10 minutes, with the machine asleep now and then)
 * through the storage's batched import, which derives reset events and rollups as live polling would.
 */
export const seed = (world: DemoWorld) =>
  Effect.gen(function*() {
    const archive = yield* HistoryArchive.HistoryArchive
    const now = yield* Clock.currentTimeMillis
    const lines = generateHistory({
      account: world.account,
      from: now - weekMillis,
      to: now - pollSeconds * 1000,
      intervalSeconds: pollSeconds,
      gaps: true,
      jitterMs: 900
    })
    yield* archive.importLines(Stream.fromIterable(lines), { now, retentionDays: 365 })
  })
