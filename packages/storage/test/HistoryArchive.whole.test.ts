// The whole history in a JSON Lines export (API.md B.4): rollup buckets, reset events and outages
// beside the raw polls, restored by `import`, so a long history survives export → import intact.
import { readFile, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { UsageHistory } from "@cchdrm/core"
import * as Profile from "@cchdrm/core/domain/Profile"
import * as SqlClient from "@effect/sql/SqlClient"
import { assert, describe, it } from "@effect/vitest"
import { generateHistory } from "@cchdrm/testkit"
import { Chunk, Effect, Layer, Stream } from "effect"
import * as Storage from "../src/index.js"
import { tempDir } from "./TempDatabase.js"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const now = Date.UTC(2027, 0, 1, 12, 7)
const retentionDays = 400

const withDatabase = <A, E>(
  filename: string,
  body: Effect.Effect<A, E, Storage.HistoryArchive.HistoryArchive | UsageHistory.UsageHistory | SqlClient.SqlClient>
) => {
  const describe = Storage.SqliteDatabase.describe(filename)
  return Effect.provide(
    body,
    Layer.mergeAll(Storage.HistoryArchive.layerWith({ describe }), Storage.SqlUsageHistory.layerWith({ describe })).pipe(
      Layer.provideMerge(Storage.SqliteDatabase.layer({ filename }))
    )
  )
}

const archive = Storage.HistoryArchive.HistoryArchive
const fileText = (lines: ReadonlyArray<string>) => `${lines.join("\n")}\n`
const read = (file: string) => Effect.promise(() => readFile(file, "utf8"))
const kindOf = (line: string) => (JSON.parse(line) as { readonly kind?: string }).kind ?? "poll"

interface Line {
  readonly kind?: string
  readonly profile: string
  readonly timestamp?: string
  readonly periodStart?: string
  readonly at?: string
  readonly startedAt?: string
  readonly resolution?: string
  readonly sampleCount?: number
}
const timeOf = (line: Line) => Date.parse(line.timestamp ?? line.periodStart ?? line.at ?? line.startedAt ?? "")

const collect = <E>(stream: Stream.Stream<string, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const count = (table: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.map(sql<{ readonly n: number }>`SELECT COUNT(*) AS n FROM ${sql(table)}`, (rows) => Number(rows[0]?.n)))

describe("HistoryArchive: the whole history", () => {
  it.scoped("export → import into an empty database → export is byte-identical for a year: polls, every resolution, resets, outages", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const source = path.join(dir, "year.jsonl")
      const polls = [
        ...generateHistory({ from: now - 365 * day, to: now, intervalSeconds: 600, seed: 5, gaps: true }),
        ...generateHistory({ from: now - 20 * day, to: now, intervalSeconds: 900, seed: 6, profile: "work", tier: null })
      ]
      yield* Effect.promise(() => writeFile(source, fileText(polls)))
      const first = path.join(dir, "first.jsonl")
      const second = path.join(dir, "second.jsonl")
      const maintenance = { now, retentionDays }
      const work = Profile.ProfileName.make("work")
      yield* withDatabase(path.join(dir, "a.db"), Effect.gen(function*() {
        yield* (yield* archive).importFile(source, maintenance)
        const history = yield* UsageHistory.UsageHistory
        yield* history.openOutage(Profile.defaultProfile, now - 100 * day, "Unable to reach Claude API")
        yield* history.closeOutage(Profile.defaultProfile, now - 100 * day + 2 * hour)
        yield* history.openOutage(Profile.defaultProfile, now - 2 * day, "HTTP 503 \"unavailable\"")
        yield* history.closeOutage(Profile.defaultProfile, now - 2 * day + 20 * minute)
        yield* history.openOutage(work, now - hour, "timeout")
        yield* (yield* archive).exportTo({ format: "jsonl", output: first })
      }))
      const exported = (yield* read(first)).trimEnd().split("\n")
      const kinds = new Map<string, number>()
      for (const line of exported) kinds.set(kindOf(line), (kinds.get(kindOf(line)) ?? 0) + 1)
      const resolutions = new Set(exported.filter((line) => kindOf(line) === "bucket").map((line) => (JSON.parse(line) as Line).resolution))
      assert.deepStrictEqual([...resolutions].sort(), ["5min", "daily", "hourly"])
      assert.strictEqual(kinds.get("outage"), 3)
      assert.isAbove(kinds.get("reset") ?? 0, 100)
      assert.isAbove(kinds.get("poll") ?? 0, 100)
      // B.4 order: by profile, then time, then kind.
      const parsed = exported.map((line) => JSON.parse(line) as Line)
      const rank = { bucket: 0, outage: 1, poll: 2, reset: 3 } as Record<string, number>
      const keys = parsed.map((line) => [line.profile, timeOf(line), rank[line.kind ?? "poll"]!] as const)
      for (let index = 1; index < keys.length; index++) {
        const [profile, at, kind] = keys[index]!
        const [lastProfile, lastAt, lastKind] = keys[index - 1]!
        assert.isTrue(
          profile > lastProfile || (profile === lastProfile && (at > lastAt || (at === lastAt && kind >= lastKind))),
          `line ${index + 1} is out of order`
        )
      }

      const report = yield* withDatabase(path.join(dir, "b.db"), Effect.gen(function*() {
        const report = yield* (yield* archive).importFile(first, maintenance)
        yield* (yield* archive).exportTo({ format: "jsonl", output: second })
        return report
      }))
      assert.isTrue((yield* read(first)) === (yield* read(second)), "the second export differs from the first")
      assert.deepStrictEqual({ ...report }, {
        lines: exported.length,
        imported: kinds.get("poll")!,
        duplicates: 0,
        skipped: 0,
        resets: kinds.get("reset")!,
        buckets: kinds.get("bucket")!,
        outages: 3
      })

      // Importing the file again adds nothing; both databases then age alike, no reset counted twice.
      const later = { now: now + 3 * day + 5 * hour, retentionDays }
      const aged = (name: string, again: boolean) =>
        withDatabase(path.join(dir, `${name}.db`), Effect.gen(function*() {
          if (again) {
            const repeat = yield* (yield* archive).importFile(first, maintenance)
            assert.deepStrictEqual([repeat.imported, repeat.buckets, repeat.outages, repeat.resets], [0, 0, 0, 0])
            assert.strictEqual(repeat.duplicates, exported.length)
          }
          yield* (yield* UsageHistory.UsageHistory).maintain(later)
          const sql = yield* SqlClient.SqlClient
          const [resets] = yield* sql<{ readonly n: number }>`SELECT SUM(reset_count) AS n FROM usage_rollups`
          return { resets: resets?.n, text: (yield* collect((yield* archive).lines({ format: "jsonl" }))).join("\n") }
        }))
      const [left, right] = [yield* aged("a", false), yield* aged("b", true)]
      assert.strictEqual(right.resets, left.resets)
      assert.isTrue(left.text === right.text, "the databases aged differently")
    }), { timeout: 300_000 })

  it.scoped("an export of a database holding 20 days of imported history spans those 20 days", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const source = path.join(dir, "twenty.jsonl")
      const from = now - 20 * day
      const polls = [...generateHistory({ from, to: now, intervalSeconds: 300, seed: 7 })]
      yield* Effect.promise(() => writeFile(source, fileText(polls)))
      const lines = yield* withDatabase(path.join(dir, "twenty.db"), Effect.gen(function*() {
        yield* (yield* archive).importFile(source, { now, retentionDays })
        // Most of it now lives as buckets: only the last day is raw.
        assert.isBelow(yield* count("usage_polls"), 24 * 12 + 1)
        return yield* collect((yield* archive).lines({ format: "jsonl" }))
      }))
      const parsed = lines.map((line) => JSON.parse(line) as Line)
      const times = parsed.map(timeOf)
      assert.isAtMost(Math.abs(times[0]! - from), hour)
      assert.isAtLeast(times[times.length - 1]!, now - 10 * minute)
      // Every imported poll is in the export: raw, or counted in a bucket.
      const samples = parsed.reduce((sum, line) => sum + (line.kind === "bucket" ? line.sampleCount! : line.kind === undefined ? 1 : 0), 0)
      assert.strictEqual(samples, polls.length)
    }), { timeout: 120_000 })

  it.scoped("a bad bucket, reset or outage line is named with its line; nothing is stored unless skipped", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const bucket = {
        kind: "bucket",
        profile: "default",
        resolution: "hourly",
        periodStart: "2026-11-22T16:00:00.000Z",
        periodEnd: "2026-11-22T17:00:00.000Z",
        sampleCount: 20,
        fiveHour: { avg: 31.2, peak: 40, min: 25, count: 20 },
        sevenDay: null,
        resetCount: 1,
        unusedCredits: 1200000
      }
      const reset = {
        kind: "reset",
        profile: "default",
        at: "2026-11-22T16:30:00.000Z",
        peak5h: 64,
        sevenDayUtilization: 35,
        tier: null,
        credits: null
      }
      const outage = { kind: "outage", profile: "default", startedAt: "2026-11-22T16:40:00.000Z", endedAt: null, reason: "timeout" }
      const good = [bucket, reset, outage].map((line) => JSON.stringify(line))
      const cases: ReadonlyArray<readonly [object, string]> = [
        [{ ...bucket, periodStart: "2026-11-22T16:05:00.000Z" }, "is not one whole hourly period"],
        [{ ...bucket, resolution: "weekly" }, "resolution"],
        [{ ...reset, at: "soon" }, "at: expected an ISO-8601 time"],
        [{ ...outage, endedAt: "2026-11-22T16:00:00.000Z" }, "endedAt is before startedAt"],
        [{ ...outage, kind: "meteor" }, "unknown kind \"meteor\""]
      ]
      yield* withDatabase(path.join(dir, "bad.db"), Effect.gen(function*() {
        const service = yield* archive
        for (const [bad, reason] of cases) {
          const file = path.join(dir, "bad.jsonl")
          yield* Effect.promise(() => writeFile(file, fileText([...good, JSON.stringify(bad)])))
          const error = yield* Effect.flip(service.importFile(file, { now, retentionDays }))
          assert.include(error.message, `${file} line 4 is not an exported snapshot (`)
          assert.include(error.message, reason)
          assert.strictEqual((yield* count("usage_rollups")) + (yield* count("reset_events")) + (yield* count("api_outages")), 0)
          const skipped = yield* service.importFile(file, { now, retentionDays, skipInvalid: true })
          assert.deepStrictEqual([skipped.skipped, skipped.buckets, skipped.resets, skipped.outages], [1, 1, 1, 1])
          yield* (yield* UsageHistory.UsageHistory).clear
        }
      }))
    }), { timeout: 60_000 })
})

