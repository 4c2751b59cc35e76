// SPEC §4: several real processes write one database file at once without errors or lost rows,
// and a process killed mid-write leaves a sound file holding every poll it had confirmed.
// The children run test/support/writer.mjs against the BUILT package: run `npx tsup` first.
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { Effect, Layer } from "effect"
import { tempFile } from "./TempDatabase.js"

const writer = fileURLToPath(new URL("./support/writer.mjs", import.meta.url))
const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url))
const hour = 3_600_000
const t0 = Date.UTC(2026, 0, 1)

interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

interface WriterOptions {
  readonly db: string
  readonly profile: string
  readonly start: number
  readonly step: number
  readonly count: number
  readonly print?: boolean
}

const startWriter = (options: WriterOptions): ChildProcess =>
  spawn(process.execPath, [
    writer,
    "--db", options.db,
    "--profile", options.profile,
    "--start", String(options.start),
    "--step", String(options.step),
    "--count", String(options.count),
    ...(options.print === true ? ["--print"] : [])
  ], { stdio: ["ignore", "pipe", "pipe"] })

/** Collects the child's output until it exits; `onStdout` sees the text received so far. */
const finished = (child: ChildProcess, onStdout: (text: string) => void = () => {}): Promise<Finished> =>
  new Promise((resolve, reject) => {
    let stdout = ""
    let stderr = ""
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
      onStdout(stdout)
    })
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })

/** The raw client of `filename`, without migrations or pragmas: only what the file holds. */
const inspect = <A>(filename: string, use: (sql: SqlClient.SqlClient) => Effect.Effect<A, unknown>) =>
  Effect.scoped(Effect.gen(function*() {
    const context = yield* Layer.build(SqliteClient.layer({ filename, disableWAL: true }))
    return yield* use(yield* Effect.provide(SqlClient.SqlClient, context))
  }))

const requireBuild = Effect.sync(() => {
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run 'npx tsup' in packages/storage before these tests`)
})

describe("several processes on one database file", () => {
  it.scoped("three writers (tray, watch, TUI) record 3,400 polls each at once: no errors, 10,200 rows", () =>
    Effect.gen(function*() {
      yield* requireBuild
      const db = yield* tempFile
      // The same profile, interleaved 20 minutes apart: all write the same rows' neighbourhood
      // (reset detection reads the other processes' polls) and all create the file at once.
      const common = { db, profile: "shared", step: hour, count: 3_400 }
      const results = yield* Effect.promise(() =>
        Promise.all([0, 1, 2].map((index) => finished(startWriter({ ...common, start: t0 + index * hour / 3 }))))
      )
      for (const result of results) {
        assert.strictEqual(result.code, 0, result.stderr)
        assert.deepStrictEqual(JSON.parse(result.stderr.trim().split("\n").at(-1) ?? "{}"), {
          recorded: 3_400,
          errors: 0,
          firstError: null
        })
      }
      const counts = yield* inspect(db, (sql) =>
        sql<{ readonly rows: number; readonly times: number }>`SELECT COUNT(*) AS rows,
          COUNT(DISTINCT fetched_at) AS times FROM usage_polls WHERE profile_id = 'shared'`)
      assert.deepStrictEqual(counts[0], { rows: 10_200, times: 10_200 })
    }), { timeout: 240_000 })

  it.scoped("a writer killed mid-loop leaves a sound file with every poll it confirmed", () =>
    Effect.gen(function*() {
      yield* requireBuild
      const db = yield* tempFile
      const child = startWriter({ db, profile: "crash", start: t0, step: 60_000, count: 1_000_000, print: true })
      let killed = false
      const result = yield* Effect.promise(() =>
        finished(child, (stdout) => {
          if (!killed && stdout.split("\n").length > 300) {
            killed = true
            child.kill("SIGKILL")
          }
        })
      )
      assert.strictEqual(result.signal, "SIGKILL", result.stderr)
      // Only complete lines: a record returned before its line was written.
      const confirmed = result.stdout.split("\n").slice(0, -1).map(Number)
      assert.isAtLeast(confirmed.length, 300)
      const [integrity, stored] = yield* inspect(db, (sql) =>
        Effect.all([
          sql<{ readonly integrity_check: string }>`PRAGMA integrity_check`,
          sql<{ readonly fetched_at: number }>`SELECT fetched_at FROM usage_polls WHERE profile_id = 'crash'`
        ]))
      assert.deepStrictEqual(integrity, [{ integrity_check: "ok" }])
      const present = new Set(stored.map((row) => row.fetched_at))
      const missing = confirmed.filter((at) => !present.has(at))
      assert.deepStrictEqual(missing, [])
      // Nothing beyond what was attempted: at most the one poll in flight when killed.
      assert.isAtMost(stored.length, confirmed.length + 1)
    }), { timeout: 120_000 })
})
