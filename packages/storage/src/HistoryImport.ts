// Import of B.4 JSON Lines (API.md B.4): all or nothing, or skipping invalid lines, through the
// batched ingest; rollups and retention once afterwards, as live polling would leave them.
import { createReadStream } from "node:fs"
import type { Usage, UsageHistory } from "@cchdrm/core"
import * as SqlClient from "@effect/sql/SqlClient"
import { Chunk, Effect, Either, Schema, Stream } from "effect"
import * as ExportLines from "./ExportLines.js"
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
  /** Valid lines whose poll was already stored (same profile and time), or lies in a period already rolled up. */
  duplicates: Schema.Number,
  /** Invalid lines skipped (only with `skipInvalid`). */
  skipped: Schema.Number,
  /** Reset events the new polls produced. */
  resets: Schema.Number
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

/** The lines of `file`, or of standard input for `-`; `\r\n` and `\n` both end a line. */
export const fileLines = (file: string): Stream.Stream<string, ImportReadFailed> =>
  Stream.fromAsyncIterable(
    file === "-" ? process.stdin : createReadStream(file),
    (error) =>
      new ImportReadFailed({
        file,
        reason: String((error as { readonly code?: unknown }).code ?? (error as Error).message ?? error)
      })
  ).pipe(
    Stream.map((data) => (typeof data === "string" ? data : (data as Buffer).toString("utf8"))),
    Stream.splitLines
  )

const ingestWith = <E, R>(
  sql: SqlClient.SqlClient,
  polls: Stream.Stream<Usage.UsageSnapshot, E, R>,
  maintenance: UsageHistory.Maintenance
) =>
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
 * Imports `lines` into the database behind `sql`. Without `skipInvalid`, the first line that is not
 * an exported snapshot fails the import with its number and nothing is stored; with it, such lines
 * are skipped and counted. Importing the same lines again stores nothing new.
 */
export const run = <E, R>(sql: SqlClient.SqlClient, lines: Stream.Stream<string, E, R>, options: Options) =>
  Effect.gen(function*() {
    let count = 0
    let skipped = 0
    const snapshots = Stream.mapChunksEffect(lines, (chunk) => {
      const decoded: Array<Usage.UsageSnapshot> = []
      for (const text of chunk) {
        count++
        const result = ExportLines.fromJsonLine(text, count)
        if (Either.isRight(result)) decoded.push(result.right)
        else if (options.skipInvalid === true) skipped++
        else return Effect.fail(new ExportLines.ImportLineInvalid({ ...result.left, file: options.file }))
      }
      return Effect.succeed(Chunk.unsafeFromArray(decoded))
    })
    const ingested = yield* ingestWith(sql, snapshots, options)
    return new ImportReport({
      lines: count,
      imported: ingested.inserted,
      duplicates: ingested.received - ingested.inserted,
      skipped,
      resets: ingested.resets
    })
  })
