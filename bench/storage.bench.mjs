// The history database at a year's scale (issue 6): one year of polls every 60 s (525,600, from
// testkit's generator) ingested through the batched import path with reset detection, rollups and
// retention, against bare better-sqlite3 inserting the same rows in one transaction in the same
// run; then the database's size and core's `analyze` over 30 days on it.
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, statSync, existsSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { performance } from "node:perf_hooks"
import { Analyze, Preferences, Profile, UsageHistory } from "@cchdrm/core"
import { MemoryPreferencesStore } from "@cchdrm/core/testing"
import * as Storage from "@cchdrm/storage"
import { generateHistory } from "@cchdrm/testkit"
import { Effect, Either, Layer, Stream } from "effect"
import { bestOf, quick, record, report } from "./measure.mjs"

// better-sqlite3 as the storage package loads it (through its SQLite client), for the baseline.
const storageRequire = createRequire(import.meta.resolve("@cchdrm/storage"))
const Database = createRequire(storageRequire.resolve("@effect/sql-sqlite-node"))("better-sqlite3")

const minute = 60_000
// A year of minute polls; two weeks in quick mode.
const count = quick ? 20_160 : 525_600
// The year ends now, so `analyze` (which reads the real clock) covers its last 30 days.
const to = Math.floor(Date.now() / minute) * minute
const from = to - count * minute
const retentionDays = 365

const snapshots = []
let lineNumber = 0
for (const line of generateHistory({ from, to, intervalSeconds: 60, seed: 1 })) {
  snapshots.push(Either.getOrThrow(Storage.ExportLines.fromJsonLine(line, ++lineNumber)))
}
const columns = [
  "profile_id", "fetched_at", "source", "has_five_hour", "five_hour_util", "five_hour_resets_at", "has_seven_day",
  "seven_day_util", "seven_day_resets_at", "extra_enabled", "extra_used_cents", "extra_limit_cents", "caps", "tier"
]
const rows = snapshots.map((s) => [
  s.profile, s.fetchedAt, s.source, s.fiveHour === null ? 0 : 1, s.fiveHour?.utilization ?? null, s.fiveHour?.resetsAt ?? null,
  s.sevenDay === null ? 0 : 1, s.sevenDay?.utilization ?? null, s.sevenDay?.resetsAt ?? null,
  s.extraUsage === null ? null : s.extraUsage.enabled ? 1 : 0, s.extraUsage?.usedCents ?? null, s.extraUsage?.limitCents ?? null,
  JSON.stringify(s.caps), s.tier
])

const dir = mkdtempSync(join(tmpdir(), "cchdrm-bench-"))
let run = 0
const fresh = () => join(dir, `run-${++run}.db`)
const sizeOf = (file) => [file, `${file}-wal`].reduce((total, path) => total + (existsSync(path) ? statSync(path).size : 0), 0)

// Bare better-sqlite3: the same table, pragmas and rows, one prepared insert per row, one transaction.
const bareMs = await bestOf(() => {
  const db = new Database(fresh())
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = NORMAL")
  db.exec(`CREATE TABLE usage_polls (profile_id TEXT NOT NULL, fetched_at BIGINT NOT NULL, source TEXT NOT NULL,
    has_five_hour INTEGER NOT NULL, five_hour_util DOUBLE PRECISION, five_hour_resets_at BIGINT, has_seven_day INTEGER NOT NULL,
    seven_day_util DOUBLE PRECISION, seven_day_resets_at BIGINT, extra_enabled INTEGER, extra_used_cents DOUBLE PRECISION,
    extra_limit_cents DOUBLE PRECISION, caps TEXT NOT NULL, tier TEXT, PRIMARY KEY (profile_id, fetched_at));
    CREATE INDEX usage_polls_fetched_at ON usage_polls (fetched_at)`)
  const insert = db.prepare(`INSERT INTO usage_polls (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`)
  db.transaction(() => {
    for (const row of rows) insert.run(row)
  })()
  db.close()
}, { runs: 3, warmup: 1 })
console.log(`  baseline bare better-sqlite3, ${count} rows in one transaction: ${bareMs.toFixed(1)} ms`)

const maintenance = { now: to, retentionDays }
const ingest = (filename) =>
  Effect.runPromise(
    Storage.HistoryImport.ingest(Stream.fromIterable(snapshots), maintenance).pipe(
      Effect.provide(Storage.SqliteDatabase.layer({ filename }))
    )
  )
let last = ""
let ingested
const ingestMs = await bestOf(async () => {
  last = fresh()
  ingested = await ingest(last)
}, { runs: 3, warmup: 1 })
const ingestOk = report(`ingest + resets + rollups + retention, ${count} polls`, ingestMs, bareMs, 2)
const underThree = record({ metric: `ingest + rollups of ${count} polls, wall`, measured: ingestMs, baseline: bareMs, target: 3_000 })
console.log(`    ${ingested.resets} resets found`)

// For reference, no target: the same import into a database already holding the profile's
// latest poll, where every poll is written raw, replayed for resets, read back and rolled up.
const writtenRawMs = await bestOf(() =>
  Effect.runPromise(
    Effect.zipRight(
      Storage.HistoryImport.ingest(Stream.make(snapshots[count - 1]), maintenance),
      Storage.HistoryImport.ingest(Stream.fromIterable(snapshots), maintenance)
    ).pipe(Effect.provide(Storage.SqliteDatabase.layer({ filename: fresh() })))
  ), { runs: 1, warmup: 0 })
console.log(`  · the same into a profile with stored polls (every poll written raw; no target): ${writtenRawMs.toFixed(0)} ms ` +
  `(${(writtenRawMs / bareMs).toFixed(2)}× baseline)`)

const size = sizeOf(last)
const sizeOk = record({ metric: "database after rollups and retention", measured: size / 1024 / 1024, unit: "MB", target: 30 })

// `cchdrm import` of the same history as a file, as a user runs it: the built CLI in its own
// process, its peak RSS reported by a preloaded module when it exits.
const file = join(dir, "history.jsonl")
writeFileSync(file, "")
{
  let batch = []
  for (const line of generateHistory({ from, to, intervalSeconds: 60, seed: 1 })) {
    batch.push(line)
    if (batch.length === 10_000) {
      writeFileSync(file, `${batch.join("\n")}\n`, { flag: "a" })
      batch = []
    }
  }
  if (batch.length > 0) writeFileSync(file, `${batch.join("\n")}\n`, { flag: "a" })
}
const cli = fileURLToPath(new URL("../apps/cli/dist/bin.js", import.meta.url))
const rssReporter = fileURLToPath(new URL("./fixtures/reportMaxRss.mjs", import.meta.url))
const importDir = join(dir, "import")
const importStart = performance.now()
const child = spawnSync(process.execPath, ["--import", rssReporter, cli, "import", file], {
  encoding: "utf8",
  env: { ...process.env, NO_COLOR: "1", CCHDRM_DATA_DIR: importDir, CCHDRM_CONFIG_DIR: importDir }
})
const importMs = performance.now() - importStart
if (child.status !== 0) throw new Error(`cchdrm import failed: ${child.stderr}`)
console.log(`  ${child.stdout.trim()}`)
const maxRssMb = Number(/maxRssMb=([\d.]+)/.exec(child.stderr)?.[1])
const rssOk = record({ metric: `cchdrm import of a ${count}-poll file: peak RSS`, measured: maxRssMb, unit: "MB", target: 200 })
const importOk = record({ metric: `cchdrm import of a ${count}-poll file: wall`, measured: importMs, target: 3_000 })

const history = Storage.layerSqlite({ filename: last })
const preferences = MemoryPreferencesStore.layer(Preferences.defaults)
const analyzeMs = await Effect.runPromise(
  Effect.gen(function*() {
    const runOnce = Analyze.analyze(Profile.defaultProfile, "30d")
    const result = yield* runOnce
    if (result.resetCount === 0) return yield* Effect.dieMessage("analyze found no resets in the last 30 days")
    const times = []
    for (let i = 0; i < (quick ? 1 : 9); i++) {
      const start = performance.now()
      yield* runOnce
      times.push(performance.now() - start)
    }
    console.log(`  analyze 30d: ${result.resetCount} resets, average peak ${result.averagePeak?.toFixed(1)}`)
    return Math.min(...times)
  }).pipe(Effect.provide(Layer.merge(history, preferences)))
)
const analyzeOk = record({ metric: "analyze over 30 days", measured: analyzeMs, target: 50 })

// The live path: `record` of polls continuing the year, one transaction each, on the same file.
const next = [...generateHistory({ from: to, to: to + (quick ? 50 : 500) * minute, intervalSeconds: 60, seed: 1 })]
  .map((line, index) => Either.getOrThrow(Storage.ExportLines.fromJsonLine(line, index + 1)))
const recordMs = await Effect.runPromise(
  Effect.gen(function*() {
    const store = yield* UsageHistory.UsageHistory
    const start = performance.now()
    for (const snapshot of next) yield* store.record(snapshot)
    return (performance.now() - start) / next.length
  }).pipe(Effect.provide(history))
)
record({ metric: "record (live path, one poll per transaction), per poll", measured: recordMs })

rmSync(dir, { recursive: true, force: true })
process.exit(ingestOk && underThree && sizeOk && analyzeOk && rssOk && importOk ? 0 : 1)
