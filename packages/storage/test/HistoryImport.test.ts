import * as path from "node:path"
import type { Usage } from "@cchdrm/core"
import * as SqlClient from "@effect/sql/SqlClient"
import { assert, describe, it } from "@effect/vitest"
import { generateHistory } from "@cchdrm/testkit"
import { Effect, Either, Stream } from "effect"
import * as Storage from "../src/index.js"
import * as SqlIngest from "../src/internal/SqlIngest.js"
import * as SqlRollups from "../src/internal/SqlRollups.js"
import { tempDir } from "./TempDatabase.js"

const minute = 60_000
const day = 24 * 60 * minute
const t0 = Date.UTC(2026, 0, 1)
const retentionDays = 35

const snapshotsOf = (lines: ReadonlyArray<string>): Array<Usage.UsageSnapshot> =>
  lines.map((line, index) => Either.getOrThrow(Storage.ExportLines.fromJsonLine(line, index + 1)))

const history = (from: number, days: number, options: { readonly seed: number; readonly profile?: string }) =>
  snapshotsOf([...generateHistory({ from, to: from + days * day, intervalSeconds: 60, ...options })])

// Every table, in a fixed order, as text to compare.
const dump = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.all({
    polls: sql`SELECT * FROM usage_polls ORDER BY profile_id, fetched_at`,
    rollups: sql`SELECT * FROM usage_rollups ORDER BY profile_id, resolution, period_start`,
    resets: sql`SELECT * FROM reset_events ORDER BY profile_id, at`,
    state: sql`SELECT * FROM rollup_state ORDER BY profile_id`
  })).pipe(Effect.map((tables) => JSON.stringify(tables)))

interface Step {
  readonly polls: ReadonlyArray<Usage.UsageSnapshot>
  readonly now: number
}

// The reference: every poll written raw, then the rollup reads them back (no poll held in memory).
const written = ({ now, polls }: Step) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(
      Effect.tap(SqlIngest.ingest(sql, Stream.fromIterable(polls)), () => SqlRollups.maintain(sql, { now, retentionDays }))
    ).pipe(Effect.map(({ inserted, received, resets }) => ({ received, inserted, resets }))))

const imported = ({ now, polls }: Step) => Storage.HistoryImport.ingest(Stream.fromIterable(polls), { now, retentionDays })

// Runs `steps` both ways on fresh files and checks the reports and every table agree.
const sameEitherWay = (dir: string, name: string, steps: ReadonlyArray<Step>) =>
  Effect.gen(function*() {
    const run = (way: string, ingest: typeof written) =>
      Effect.gen(function*() {
        const reports = yield* Effect.forEach(steps, ingest)
        return { reports, tables: yield* dump }
      }).pipe(Effect.provide(Storage.SqliteDatabase.layer({ filename: path.join(dir, `${name}-${way}.db`) })))
    const reference = yield* run("written", written)
    const actual = yield* run("imported", imported)
    assert.deepStrictEqual(actual.reports, reference.reports)
    assert.isTrue(actual.tables === reference.tables, `${name}: the tables differ from writing every poll`)
    return reference
  })

describe("HistoryImport.ingest", () => {
  it.scoped("rolls polls up in memory with the same tables and report as writing them raw", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      // 40 days ending at `now`: raw, 5-minute, hourly and daily tiers, and 5 days pruned.
      const year = history(t0, 40, { seed: 11 })
      const now = t0 + 40 * day
      const single = yield* sameEitherWay(dir, "ordered", [{ polls: year, now }])
      assert.isAbove(single.reports[0]!.resets, 5)
      assert.include(single.tables, "\"daily\"")

      // A repeated poll and one out of order: the import falls back to writing polls raw.
      const shuffled = [...year.slice(0, 20_000), year[5_000]!, ...year.slice(20_000, 30_000), year[40_000]!, ...year.slice(30_000)]
      yield* sameEitherWay(dir, "unordered", [{ polls: shuffled, now }])

      // Two profiles interleaved.
      const other = history(t0, 40, { seed: 12, profile: "work" })
      yield* sameEitherWay(dir, "two-profiles", [{ polls: year.flatMap((poll, index) => [poll, other[index]!]), now }])

      // A later import into a database holding the profile's rollups and reset events.
      yield* sameEitherWay(dir, "into-history", [
        { polls: year.slice(0, 30_000), now: t0 + 25 * day },
        { polls: year.slice(20_000), now }
      ])
      // A new profile into a database holding another's history.
      yield* sameEitherWay(dir, "new-profile", [{ polls: other, now }, { polls: year, now }])
    }), { timeout: 180_000 })
})
