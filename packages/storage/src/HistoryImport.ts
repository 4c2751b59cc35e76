// Import of B.4 JSON Lines (API.md B.4): all or nothing, or skipping invalid lines. Polls go through
// the batched ingest; buckets, resets and outages are stored as exported; rollups and retention run
// once afterwards, as live polling would leave them.
import { createReadStream } from "node:fs"
import type { Reset, Rollup, Usage, UsageHistory } from "@cchdrm/core"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import type { ParseError } from "effect/ParseResult"
import { Chunk, Effect, Either, Schema, Stream } from "effect"
import * as ArchiveLines from "./ArchiveLines.js"
import * as ExportLines from "./ExportLines.js"
import * as SqlArchive from "./internal/SqlArchive.js"
import * as SqlIngest from "./internal/SqlIngest.js"
import * as SqlRollups from "./internal/SqlRollups.js"

/** How to import. */
export interface Options extends UsageHistory.Maintenance {
  /** Skip and count lines that are not exported snapshots, instead of storing nothing. */
  readonly skipInvalid?: boolean | undefined
  /** The file's name in messages (`-` is standard input). */
  readonly file?: string | undefined
}

/** What an import did: the `cchdrm import` summary. */
export class ImportReport extends Schema.Class<ImportReport>("ImportReport")({
  /** Lines read, blank or not. */
  lines: Schema.Number,
  /** New polls stored. */
  imported: Schema.Number,
  /**
   * Valid lines already stored: a poll of the same profile and time (or in a period already rolled
   * up), a bucket of the same period, a reset or outage of the same time.
   */
  duplicates: Schema.Number,
  /** Invalid lines skipped (only with `skipInvalid`). */
  skipped: Schema.Number,
  /** New reset events: the new polls produced them, or `reset` lines brought them. */
  resets: Schema.Number,
  /** New rollup buckets from `bucket` lines. */
  buckets: Schema.Number,
  /** New outages from `outage` lines. */
  outages: Schema.Number
}) {}

/** Reading the import file failed (missing, unreadable, not text). */
export class ImportReadFailed extends Schema.TaggedError<ImportReadFailed>()("ImportReadFailed", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Cannot read ${this.file === "-" ? "standard input" : this.file} (${this.reason}). Check the path and its permissions.`
  }
}

/**
 * The lines of `file`, or of standard input for `-`; `\r\n` and `\n` both end a line. Each piece
 * read becomes one chunk of lines (a character split across two pieces is decoded whole).
 */
export const fileLines = (file: string): Stream.Stream<string, ImportReadFailed> =>
  Stream.suspend(() => {
    const input = file === "-" ? process.stdin.setEncoding("utf8") : createReadStream(file, { encoding: "utf8", highWaterMark: 16_384 })
    let rest = ""
    const lines = (text: string): Chunk.Chunk<string> => {
      const parts = (rest + text).split("\n")
      rest = parts.pop()!
      for (let index = 0; index < parts.length; index++) {
        const line = parts[index]!
        if (line.endsWith("\r")) parts[index] = line.slice(0, -1)
      }
      return Chunk.unsafeFromArray(parts)
    }
    return Stream.fromAsyncIterable(input as AsyncIterable<string>, (error) =>
      new ImportReadFailed({
        file,
        reason: String((error as { readonly code?: unknown }).code ?? (error as Error).message ?? error)
      })).pipe(
        Stream.mapChunks(Chunk.flatMap(lines)),
        Stream.concat(Stream.suspend(() => (rest === "" ? Stream.empty : Stream.make(rest.replace(/\r$/, "")))))
      )
  })

const ingestWith = <E, R>(
  sql: SqlClient.SqlClient,
  polls: Stream.Stream<Usage.UsageSnapshot, E, R>,
  maintenance: UsageHistory.Maintenance
): Effect.Effect<{ readonly received: number; readonly inserted: number; readonly resets: number }, E | SqlError | ParseError, R> =>
  Effect.gen(function*() {
    // One transaction for polls, resets and rollups. Polls the rollup takes at once are handed to
    // it in memory rather than written raw, read back and deleted. Retention applies to imported
    // polls too: a query never returns data older than it (SPEC §4).
    const ingested = yield* sql.withTransaction(
      Effect.tap(
        SqlIngest.ingest(sql, polls, { rollUpBefore: SqlRollups.rollUpBefore(maintenance.now) }),
        (result) =>
          SqlRollups.maintain(sql, { now: maintenance.now, retentionDays: maintenance.retentionDays }, result.pending)
      )
    )
    yield* SqlRollups.compact(sql)
    const { inserted, received, resets } = ingested
    return { received, inserted, resets }
  })

/**
 * Stores many polls at once in the database behind `SqlClient` — one transaction, batched
 * inserts, reset events as live polling would find them — then brings rollups up to date and
 * prunes past retention once, and gives the space of rolled-up rows back. A failure of `polls`
 * stores none of them.
 */
export const ingest = <E, R>(polls: Stream.Stream<Usage.UsageSnapshot, E, R>, maintenance: UsageHistory.Maintenance) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => ingestWith(sql, polls, maintenance))

/**
 * Imports `lines` into the database behind `sql`: polls, and the buckets, reset events and outages
 * of a whole-history export (API.md B.4). Without `skipInvalid`, the first line that is not an
 * export line fails the import with its number and nothing is stored; with it, such lines are
 * skipped and counted. Importing the same lines again stores nothing new.
 */
export const run = <E, R>(sql: SqlClient.SqlClient, lines: Stream.Stream<string, E, R>, options: Options) =>
  Effect.gen(function*() {
    let count = 0
    let skipped = 0
    let records = 0
    const stored = { buckets: 0, resets: 0, outages: 0 }
    // Records are stored as their chunk passes, inside the ingest's transaction and before the
    // chunk's polls: a bucket is in place when a poll of its period arrives.
    const snapshots = Stream.mapChunksEffect(lines, (
      chunk
    ): Effect.Effect<Chunk.Chunk<Usage.UsageSnapshot>, ExportLines.ImportLineInvalid | SqlError | ParseError> => {
      const polls: Array<Usage.UsageSnapshot> = []
      const buckets: Array<Rollup.RollupBucket> = []
      const resets: Array<Reset.ResetEvent> = []
      const outages: Array<UsageHistory.Outage> = []
      for (const text of chunk) {
        count++
        const result = ArchiveLines.fromLine(text, count)
        if (Either.isLeft(result)) {
          if (options.skipInvalid === true) skipped++
          else return Effect.fail(new ExportLines.ImportLineInvalid({ ...result.left, file: options.file }))
          continue
        }
        const record = result.right
        if (record.kind === "poll") polls.push(record.poll)
        else if (record.kind === "bucket") buckets.push(record.bucket)
        else if (record.kind === "reset") resets.push(record.event)
        else outages.push(record.outage)
      }
      const other = buckets.length + resets.length + outages.length
      if (other === 0) return Effect.succeed(Chunk.unsafeFromArray(polls))
      records += other
      return SqlArchive.store(sql, { buckets, resets, outages }).pipe(
        Effect.map((added) => {
          stored.buckets += added.buckets
          stored.resets += added.resets
          stored.outages += added.outages
          return Chunk.unsafeFromArray(polls)
        })
      )
    })
    const ingested = yield* ingestWith(sql, snapshots, options)
    const added = stored.buckets + stored.resets + stored.outages
    return new ImportReport({
      lines: count,
      imported: ingested.inserted,
      duplicates: ingested.received - ingested.inserted + records - added,
      skipped,
      resets: ingested.resets + stored.resets,
      buckets: stored.buckets,
      outages: stored.outages
    })
  })
