import { readFile, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { Preferences, Usage, UsageHistory } from "@cchdrm/core"
import { MemoryPreferencesStore } from "@cchdrm/core/testing"
import * as Profile from "@cchdrm/core/domain/Profile"
import * as SqlClient from "@effect/sql/SqlClient"
import { assert, describe, it } from "@effect/vitest"
import { generateHistory } from "@cchdrm/testkit"
import { Chunk, Effect, Either, Layer, Stream, TestClock } from "effect"
import * as Storage from "../src/index.js"
import { tempDir } from "./TempDatabase.js"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const t0 = Date.UTC(2026, 0, 1)
const retentionDays = 365

// Imported "at" t0: nothing is old enough to roll up or prune, so every poll stays raw.
const atStart = { now: t0, retentionDays }

const databaseLayer = (filename: string) => {
  const describe = Storage.SqliteDatabase.describe(filename)
  return Layer.mergeAll(
    Storage.HistoryArchive.layerWith({ describe }),
    Storage.SqlUsageHistory.layerWith({ describe })
  ).pipe(Layer.provideMerge(Storage.SqliteDatabase.layer({ filename })))
}

type Needs = Storage.HistoryArchive.HistoryArchive | UsageHistory.UsageHistory | SqlClient.SqlClient

/** Runs `body` against a fresh database file in `dir`, named `name`. */
const withDatabase = <A, E>(dir: string, name: string, body: Effect.Effect<A, E, Needs>) =>
  Effect.provide(body, databaseLayer(path.join(dir, `${name}.db`)))

const archive = Storage.HistoryArchive.HistoryArchive

const pollCount = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.map(sql<{ readonly n: number }>`SELECT COUNT(*) AS n FROM usage_polls`, (rows) => rows[0]?.n ?? -1))

const exported = (options: Storage.HistoryExport.Options) =>
  Effect.flatMap(archive, (service) => Stream.runCollect(service.lines(options))).pipe(Effect.map(Chunk.toReadonlyArray))

const hundredThousand = [...generateHistory({ from: t0, to: t0 + 100_000 * minute, intervalSeconds: 60, seed: 6 })]
const fileText = (lines: ReadonlyArray<string>) => `${lines.join("\n")}\n`

// The poll lines of an export: the lines without a `kind`.
const pollLines = (lines: ReadonlyArray<string>) => lines.filter((line) => !line.startsWith("{\"kind\""))

const failureOf = <A>(effect: Effect.Effect<A, UsageHistory.HistoryError, Needs>) =>
  Effect.flatMap(Effect.either(effect), (result) =>
    Either.match(result, {
      onLeft: (error) => Effect.succeed(error),
      onRight: () => Effect.dieMessage("expected the operation to fail")
    }))

describe("HistoryArchive", () => {
  it.scoped("export → import into an empty database → export is byte-identical, 100,000 lines", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const original = path.join(dir, "original.jsonl")
      yield* Effect.promise(() => writeFile(original, fileText(hundredThousand)))
      const first = path.join(dir, "first.jsonl")
      const second = path.join(dir, "second.jsonl")
      const report = yield* withDatabase(dir, "a", Effect.gen(function*() {
        const service = yield* archive
        const report = yield* service.importFile(original, atStart)
        // The whole history: every poll and each reset event found.
        assert.strictEqual(yield* service.exportTo({ format: "jsonl", output: first }), 100_000 + report.resets)
        return report
      }))
      assert.deepStrictEqual({ ...report }, {
        lines: 100_000,
        imported: 100_000,
        duplicates: 0,
        skipped: 0,
        resets: report.resets,
        buckets: 0,
        outages: 0
      })
      assert.isAbove(report.resets, 10)
      yield* withDatabase(dir, "b", Effect.gen(function*() {
        const service = yield* archive
        const again = yield* service.importFile(first, atStart)
        assert.strictEqual(again.imported, 100_000)
        assert.strictEqual(again.resets, report.resets)
        yield* service.exportTo({ format: "jsonl", output: second })
      }))
      const [originalText, firstText, secondText] = yield* Effect.promise(() =>
        Promise.all([original, first, second].map((file) => readFile(file, "utf8")))
      )
      assert.isTrue(firstText === secondText, "the second export differs from the first")
      // The generator writes the B.4 format exactly as export does, so even the source's polls come back.
      assert.isTrue(fileText(pollLines(firstText!.trimEnd().split("\n"))) === originalText, "the export's polls differ from the imported file")
    }), { timeout: 180_000 })

  const positions = [1, 50_000, 100_000] as const
  const withBadLine = (at: number) =>
    fileText(hundredThousand.map((line, index) => (index + 1 === at ? line.replace(/"timestamp":"[^"]*"/, "\"timestamp\":\"yesterday\"") : line)))

  it.scoped("all or nothing: a bad line at the start, middle or end stores nothing and is named", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      yield* withDatabase(dir, "strict", Effect.gen(function*() {
        const service = yield* archive
        const history = yield* UsageHistory.UsageHistory
        // A poll stored before, which a failed import must leave alone.
        const kept = Either.getOrThrow(Storage.ExportLines.fromJsonLine(hundredThousand[0]!, 1))
        yield* history.record(new Usage.UsageSnapshot({ ...kept, profile: Profile.ProfileName.make("kept") }))
        for (const at of positions) {
          const file = path.join(dir, `bad-${at}.jsonl`)
          yield* Effect.promise(() => writeFile(file, withBadLine(at)))
          const error = yield* failureOf(service.importFile(file, atStart))
          assert.strictEqual(error._tag, "HistoryError")
          assert.include(error.message, `${file} line ${at} is not an exported snapshot (timestamp:`)
          assert.include(error.message, "--skip-invalid")
          assert.notInclude(error.message, "\n")
          assert.strictEqual(yield* pollCount, 1)
        }
      }))
    }), { timeout: 180_000 })

  it.scoped("--skip-invalid: a bad line at the start, middle or end is skipped and counted", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      for (const at of positions) {
        const file = path.join(dir, `bad-${at}.jsonl`)
        yield* Effect.promise(() => writeFile(file, withBadLine(at)))
        yield* withDatabase(dir, `skip-${at}`, Effect.gen(function*() {
          const report = yield* (yield* archive).importFile(file, { ...atStart, skipInvalid: true })
          assert.strictEqual(report.lines, 100_000)
          assert.strictEqual(report.skipped, 1)
          assert.strictEqual(report.imported, 99_999)
          const lines = pollLines(yield* exported({ format: "jsonl" }))
          assert.deepStrictEqual(lines.length, 99_999)
          assert.notInclude(lines, hundredThousand[at - 1]!)
        }))
      }
    }), { timeout: 180_000 })

  it.scoped("imported polls produce the resets and rollups that recording them one by one does; importing again adds nothing", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const from = t0
      const to = t0 + 2 * day
      const now = to + minute
      const file = path.join(dir, "two-days.jsonl")
      const lines = [...generateHistory({ from, to, intervalSeconds: 180, seed: 3 })]
      yield* Effect.promise(() => writeFile(file, fileText(lines)))
      const profile = Profile.defaultProfile
      const range = { from, to: now, gapThreshold: 15 * minute }
      const imported = yield* withDatabase(dir, "imported", Effect.gen(function*() {
        const report = yield* (yield* archive).importFile(file, { now, retentionDays })
        const again = yield* (yield* archive).importFile(file, { now, retentionDays })
        assert.deepStrictEqual({ ...again }, {
          lines: lines.length,
          imported: 0,
          duplicates: lines.length,
          skipped: 0,
          resets: 0,
          buckets: 0,
          outages: 0
        })
        const history = yield* UsageHistory.UsageHistory
        return { report, resets: yield* history.resets(profile, 0, now + 1), series: yield* history.series(profile, range) }
      }))
      const recorded = yield* withDatabase(dir, "recorded", Effect.gen(function*() {
        const history = yield* UsageHistory.UsageHistory
        for (const [index, line] of lines.entries()) {
          yield* history.record(Either.getOrThrow(Storage.ExportLines.fromJsonLine(line, index + 1)))
        }
        yield* history.maintain({ now, retentionDays })
        return { resets: yield* history.resets(profile, 0, now + 1), series: yield* history.series(profile, range) }
      }))
      // The later half first: the earlier half is then judged by replaying the stored polls.
      const halves = yield* withDatabase(dir, "halves", Effect.gen(function*() {
        const service = yield* archive
        const later = path.join(dir, "later.jsonl")
        const earlier = path.join(dir, "earlier.jsonl")
        yield* Effect.promise(() => writeFile(later, fileText(lines.slice(400))))
        yield* Effect.promise(() => writeFile(earlier, fileText(lines.slice(0, 400))))
        yield* service.importFile(later, { now, retentionDays: 365 * 5 })
        yield* service.importFile(earlier, { now, retentionDays })
        const history = yield* UsageHistory.UsageHistory
        return { resets: yield* history.resets(profile, 0, now + 1), series: yield* history.series(profile, range) }
      }))
      assert.isAbove(recorded.resets.length, 2)
      assert.deepStrictEqual(halves.resets, recorded.resets)
      assert.deepStrictEqual(halves.series, recorded.series)
      assert.strictEqual(imported.report.resets, recorded.resets.length)
      assert.deepStrictEqual(imported.resets, recorded.resets)
      assert.deepStrictEqual(imported.series, recorded.series)
    }), { timeout: 120_000 })

  it.scoped("a reset imported later than the rollups of its time still counts in its bucket", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const start = Date.UTC(2026, 0, 10)
      const profile = Profile.ProfileName.make("late")
      // Polls every 5 minutes from `base`; the 5-hour window resets at base + 5 h (resets_at moves 5 h on).
      const polls = (base: number, from: number, to: number) =>
        Array.from({ length: (to - from) / (5 * minute) }, (_, i) => base + from + i * 5 * minute).map((at) =>
          Storage.ExportLines.toJsonLine(
            new Usage.UsageSnapshot({
              profile,
              fetchedAt: at,
              source: "api",
              fiveHour: new Usage.UsageWindow({
                utilization: at < base + 5 * hour ? 10 + (at - base) / hour * 10 : 5,
                resetsAt: at < base + 5 * hour ? base + 5 * hour : base + 10 * hour
              }),
              sevenDay: new Usage.UsageWindow({ utilization: 30, resetsAt: start + 6 * day }),
              caps: [],
              extraUsage: null,
              tier: "default_claude_max_20x"
            })
          )
        )
      const first = path.join(dir, "first.jsonl")
      const gap = path.join(dir, "gap.jsonl")
      // The second day comes later, into a history rolled up past it already.
      yield* Effect.promise(() => writeFile(first, fileText(polls(start + 2 * day, 0, 4 * hour))))
      yield* Effect.promise(() => writeFile(gap, fileText(polls(start + day, 3 * hour, 8 * hour))))
      const now = start + 40 * day
      yield* withDatabase(dir, "late", Effect.gen(function*() {
        const service = yield* archive
        const sql = yield* SqlClient.SqlClient
        assert.strictEqual((yield* service.importFile(first, { now, retentionDays })).resets, 0)
        assert.strictEqual(yield* pollCount, 0)
        const report = yield* service.importFile(gap, { now, retentionDays })
        assert.strictEqual(report.resets, 1)
        const buckets = yield* sql<{ readonly period_start: number; readonly sample_count: number; readonly reset_count: number }>`
          SELECT period_start, sample_count, reset_count FROM usage_rollups WHERE profile_id = ${profile} ORDER BY period_start`
        assert.deepStrictEqual(buckets.map((row) => ({ ...row })), [
          { period_start: start + day, sample_count: 60, reset_count: 1 },
          { period_start: start + 2 * day, sample_count: 48, reset_count: 0 }
        ])
        const [event] = yield* (yield* UsageHistory.UsageHistory).resets(profile, 0, now)
        assert.strictEqual(event?.at, start + day + 5 * hour)
        assert.strictEqual(event?.peak5h, 10 + (4 * hour + 55 * minute) / hour * 10)
        // Importing either file again changes nothing: their periods are rolled up.
        const again = yield* service.importFile(gap, { now, retentionDays })
        assert.deepStrictEqual([again.imported, again.duplicates, again.resets], [0, 60, 0])
        const after = yield* sql<{ readonly reset_count: number }>`SELECT reset_count FROM usage_rollups WHERE profile_id = ${profile}`
        assert.deepStrictEqual(after.map((row) => row.reset_count), [1, 0])
      }))
    }), { timeout: 60_000 })

  it.scoped("prunes imported polls past the retention", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const now = t0 + 500 * day
      const old = [...generateHistory({ from: now - 400 * day, to: now - 400 * day + hour, intervalSeconds: 600 })]
      const recent = [...generateHistory({ from: now - hour, to: now, intervalSeconds: 600 })]
      const file = path.join(dir, "mixed.jsonl")
      yield* Effect.promise(() => writeFile(file, fileText([...old, ...recent])))
      yield* withDatabase(dir, "retention", Effect.gen(function*() {
        const report = yield* (yield* archive).importFile(file, { now, retentionDays })
        assert.strictEqual(report.imported, old.length + recent.length)
        assert.deepStrictEqual(pollLines(yield* exported({ format: "jsonl" })), recent)
        const sql = yield* SqlClient.SqlClient
        const [rollups] = yield* sql<{ readonly n: number }>`SELECT COUNT(*) AS n FROM usage_rollups`
        assert.strictEqual(rollups?.n, 0)
      }))
    }))

  it.scoped("exports JSON Lines by profile then time page by page, one profile, or CSV oldest first across profiles", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const options = { from: t0, to: t0 + 3_000 * minute, intervalSeconds: 60 }
      const a = [...generateHistory({ ...options, profile: "a", seed: 1 })]
      const b = [...generateHistory({ ...options, profile: "b", seed: 2 })]
      // One earlier poll of `a` puts a page boundary between `a` and `b` of the same time.
      const first = [...generateHistory({ from: t0 - minute, to: t0, intervalSeconds: 60, profile: "a" })]
      const expected = [...first, ...a.flatMap((line, index) => [line, b[index]!])]
      assert.isAbove(expected.length, Storage.HistoryExport.pageSize)
      assert.isAbove(a.length, Storage.HistoryExport.pageSize / 2)
      const file = path.join(dir, "two.jsonl")
      yield* Effect.promise(() => writeFile(file, fileText([...b, ...[...a].reverse(), ...first])))
      yield* withDatabase(dir, "export", Effect.gen(function*() {
        yield* (yield* archive).importFile(file, atStart)
        assert.deepStrictEqual(pollLines(yield* exported({ format: "jsonl" })), [...first, ...a, ...b])
        assert.deepStrictEqual(pollLines(yield* exported({ format: "jsonl", profile: Profile.ProfileName.make("b") })), b)
        const csv = yield* exported({ format: "csv" })
        assert.strictEqual(csv.length, expected.length + 1)
        assert.strictEqual(csv[0], "profile,timestamp,five_hour_util,five_hour_resets_at,seven_day_util,seven_day_resets_at")
        assert.strictEqual(csv[1], Storage.ExportLines.toCsvRow(Either.getOrThrow(Storage.ExportLines.fromJsonLine(expected[0]!, 1))))
      }))
    }), { timeout: 60_000 })

  it.scoped("a missing import file or an unwritable output is a one-line HistoryError naming it", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      yield* withDatabase(dir, "errors", Effect.gen(function*() {
        const service = yield* archive
        const missing = path.join(dir, "nope.jsonl")
        const read = yield* failureOf(service.importFile(missing, atStart))
        assert.strictEqual(read.message, `Usage history (import): Cannot read ${missing} (ENOENT). Check the path and its permissions.`)
        const output = path.join(dir, "no-such-dir", "out.jsonl")
        const write = yield* failureOf(service.exportTo({ format: "csv", output }))
        assert.include(write.message, `Cannot write the export to ${output} (ENOENT)`)
      }))
    }))

  it.scoped("a full disk fails the import with the fix, and loses nothing", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const filename = path.join(dir, "full.db")
      const small = path.join(dir, "small.jsonl")
      const big = path.join(dir, "big.jsonl")
      yield* Effect.promise(() => writeFile(small, fileText(hundredThousand.slice(0, 100))))
      yield* Effect.promise(() => writeFile(big, fileText(hundredThousand.slice(100, 20_100))))
      yield* Effect.gen(function*() {
        const service = yield* archive
        const sql = yield* SqlClient.SqlClient
        yield* service.importFile(small, atStart)
        const [pages] = yield* sql<{ readonly page_count: number }>`PRAGMA page_count`
        // The file may not grow: the next pages the import needs are "past the end of the disk".
        yield* sql.unsafe(`PRAGMA max_page_count = ${(pages?.page_count ?? 0) + 2}`)
        const error = yield* failureOf(service.importFile(big, atStart))
        assert.strictEqual(
          error.message,
          `Usage history (import): The disk holding ${filename} is full; nothing was lost, the failed write was undone. Free some space, or set CCHDRM_DATA_DIR to a directory on another disk.`
        )
        assert.strictEqual(yield* pollCount, 100)
        const [check] = yield* sql<{ readonly integrity_check: string }>`PRAGMA integrity_check`
        assert.strictEqual(check?.integrity_check, "ok")
        // With room again, the same import goes through.
        yield* sql.unsafe(`PRAGMA max_page_count = 1073741823`)
        assert.strictEqual((yield* service.importFile(big, atStart)).imported, 20_000)
        assert.strictEqual(yield* pollCount, 20_100)
      }).pipe(Effect.provide(databaseLayer(filename)))
    }), { timeout: 60_000 })
})

describe("HistoryArchive.seed / importWithPreferences", () => {
  it.scoped("seed imports the generated history as of now, keeping all of it", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      yield* TestClock.setTime(t0 + 7 * day)
      const week = (now: number) => generateHistory({ from: now - 7 * day, to: now, intervalSeconds: 3_600, seed: 3 })
      const report = yield* withDatabase(dir, "seeded", Storage.HistoryArchive.seed(week))
      assert.strictEqual(report.imported, 7 * 24)
    }))

  it.scoped("importWithPreferences keeps only what the retention preference allows", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "two-months.jsonl")
      yield* Effect.promise(() => writeFile(file, fileText([...generateHistory({ from: t0, to: t0 + 60 * day, intervalSeconds: 86_400, seed: 4 })])))
      yield* TestClock.setTime(t0 + 60 * day)
      // Every row the history keeps: raw polls and rollup buckets.
      const rows = Effect.flatMap(SqlClient.SqlClient, (sql) =>
        Effect.map(sql<{ readonly n: number }>`SELECT (SELECT COUNT(*) FROM usage_polls) + (SELECT COUNT(*) FROM usage_rollups) AS n`, (r) => r[0]?.n ?? -1))
      const keptWith = (retentionDays: number) =>
        withDatabase(dir, `kept-${retentionDays}`, Effect.zipRight(Storage.HistoryArchive.importWithPreferences(file, { skipInvalid: false }), rows).pipe(
          Effect.provide(MemoryPreferencesStore.layer({ ...Preferences.defaults, retentionDays }))
        ))
      const month = yield* keptWith(30)
      const year = yield* keptWith(365)
      assert.isAbove(month, 0)
      assert.isBelow(month, year)
    }))
})

