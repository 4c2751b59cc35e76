// Team history at a team's scale (issue 17): 50 members, each with 30 days of polls every 3
// minutes (21,600 per member, 1,080,000 in all, from testkit's generator) ingested into one
// PostgreSQL database through the import path (reset detection, rollups, retention), then the
// BUILT `cchdrm team --json` over them, within 300 ms. A throwaway cluster, removed afterwards.
import { spawn, spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { performance } from "node:perf_hooks"
import * as Storage from "@cchdrm/storage"
import { generateHistory, Postgres } from "@cchdrm/testkit"
import { Effect, Either, Redacted, Stream } from "effect"
import { bestOf, report } from "./measure.mjs"

const bin = fileURLToPath(new URL("../apps/cli/dist/bin.js", import.meta.url))
if (!existsSync(bin)) throw new Error(`${bin} is missing: build the CLI first (pnpm build)`)

const members = 50
const days = 30
const minute = 60_000
const to = Math.floor(Date.now() / minute) * minute
const from = to - days * 24 * 60 * minute
const budgetMs = 300

const cluster = await Postgres.startPostgres()
const root = await mkdtemp(join(tmpdir(), "cchdrm-bench-team-"))
let ok = true
try {
  const url = await cluster.createDatabase("team_bench")
  const nameOf = (index) => `member${String(index).padStart(2, "0")}@machine${index}`

  // Each member's history through the import path, as `cchdrm import` stores it, two at a time.
  const ingestOne = (index) => {
    const snapshots = []
    let line = 0
    for (const text of generateHistory({ from, to, intervalSeconds: 180, seed: index + 1 })) {
      snapshots.push(Either.getOrThrow(Storage.ExportLines.fromJsonLine(text, ++line)))
    }
    return Storage.HistoryImport.ingest(Stream.fromIterable(snapshots), { now: to, retentionDays: 365 }).pipe(
      Effect.provide(Storage.PgDatabase.layer({ url: Redacted.make(url), member: nameOf(index) })),
      Effect.map(() => snapshots.length)
    )
  }
  const started = performance.now()
  const counts = await Effect.runPromise(
    Effect.forEach(Array.from({ length: members }, (_, index) => index), ingestOne, { concurrency: 2 })
  )
  const polls = counts.reduce((sum, count) => sum + count, 0)
  console.log(`  · ingested ${members} members × ${days} days of 3-minute polls (${polls} polls): ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const env = {
    PATH: process.env.PATH ?? "",
    HOME: root,
    NO_COLOR: "1",
    CCHDRM_DATA_DIR: join(root, "data"),
    CCHDRM_CONFIG_DIR: join(root, "config"),
    CCHDRM_DATABASE_URL: url,
    CCHDRM_MEMBER: nameOf(0)
  }
  const team = () =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, "team", "--json"], { env, stdio: ["ignore", "pipe", "inherit"] })
      let stdout = ""
      child.stdout.on("data", (chunk) => stdout += chunk)
      child.on("error", reject)
      child.on("close", (code) => code === 0 ? resolve(stdout) : reject(new Error(`cchdrm team --json exited ${code}`)))
    })
  const document = JSON.parse(await team())
  const shown = document.members.filter((member) => member.profiles.length > 0).length
  if (shown !== members) throw new Error(`team --json shows ${shown} members with polls, expected ${members}`)
  const baseline = await bestOf(() => void spawnSync(process.execPath, ["-e", "0"]), { runs: 9, warmup: 2 })
  console.log(`  node -e 0: ${baseline.toFixed(1)} ms`)
  const teamMs = await bestOf(team, { runs: 7, warmup: 1 })
  ok = report(`cchdrm team --json, ${members} members (baseline = the ${budgetMs} ms budget)`, teamMs, budgetMs, 1) && ok
  console.log(`    ${(teamMs / baseline).toFixed(2)}× node -e 0`)
} finally {
  await cluster.stop()
  await rm(root, { recursive: true, force: true })
}
if (!ok) process.exitCode = 1
