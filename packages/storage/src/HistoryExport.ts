// Streaming export (API.md B.4): JSON Lines of the whole history (polls, buckets, resets, outages;
// by profile, time, kind) or CSV of the polls (oldest first), page by page.
import { createWriteStream } from "node:fs"
import type { Writable } from "node:stream"
import type { Usage } from "@cchdrm/core"
import type * as Profile from "@cchdrm/core/domain/Profile"
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Chunk, Effect, Option, type ParseResult, Schema, Stream } from "effect"
import * as ArchiveLines from "./ArchiveLines.js"
import * as ExportLines from "./ExportLines.js"
import { decodeBucketRows, decodePollRows, decodeResetRows, OutageFromRow } from "./internal/HistoryRows.js"

/** The export formats of `cchdrm export --format`. */
export const Format = Schema.Literal("jsonl", "csv")
/** @see Format */
export type Format = typeof Format.Type

/** What to export. */
export interface Options {
  readonly format: Format
  /** One profile's polls; every profile's when absent. */
  readonly profile?: Profile.ProfileName | undefined
}

const decodePolls = decodePollRows

/** Rows per page: the export holds one page in memory, never the table. */
export const pageSize = 5_000

interface Cursor {
  readonly at: number
  readonly profile: string
}

const page = (sql: SqlClient.SqlClient, profile: Profile.ProfileName | undefined, after: Cursor | null) => {
  const at = after?.at ?? Number.MIN_SAFE_INTEGER
  // Keyset paging on (fetched_at, profile_id), the export's order; both are indexed.
  const rows = profile !== undefined
    ? sql`SELECT * FROM usage_polls WHERE profile_id = ${profile} AND fetched_at > ${at}
        ORDER BY fetched_at LIMIT ${pageSize}`
    : after === null
    ? sql`SELECT * FROM usage_polls ORDER BY fetched_at, profile_id LIMIT ${pageSize}`
    // `fetched_at >= …` alone bounds the index range; an OR at the top would scan the table each page.
    : sql`SELECT * FROM usage_polls WHERE fetched_at >= ${at} AND (fetched_at > ${at} OR profile_id > ${after.profile})
        ORDER BY fetched_at, profile_id LIMIT ${pageSize}`
  return Effect.flatMap(rows, decodePolls)
}

/** The stored polls, oldest first (then by profile), read a page at a time. */
export const polls = (
  sql: SqlClient.SqlClient,
  profile?: Profile.ProfileName
): Stream.Stream<Usage.UsageSnapshot, SqlError | ParseResult.ParseError> =>
  Stream.paginateChunkEffect(null as Cursor | null, (after) =>
    Effect.map(page(sql, profile, after), (snapshots) => {
      const last = snapshots[snapshots.length - 1]
      const next = snapshots.length < pageSize || last === undefined
        ? Option.none<Cursor | null>()
        : Option.some({ at: last.fetchedAt, profile: last.profile })
      return [Chunk.unsafeFromArray(snapshots), next] as const
    }))

// --- the whole history: four tables of a profile merged in (time, kind) order ----------------------

/** One line of the whole-history export with its sort key. */
interface Entry {
  readonly at: number
  readonly rank: number
  /** Orders a profile's buckets of the same start (their resolution). */
  readonly tie: string
  readonly line: string
}

type Failure = SqlError | ParseResult.ParseError

/** The entries of one table of one profile after `after` (its last entry), a page, in (time, tie) order. */
type Source = (after: Entry | null) => Effect.Effect<ReadonlyArray<Entry>, Failure>

const decodeOutages = Schema.decodeUnknown(Schema.Array(OutageFromRow))
const { kindRank } = ArchiveLines

// Keyset paging on each table's primary key, so each page is an index range, never a sort of the table.
const sourcesOf = (sql: SqlClient.SqlClient, profile: string): ReadonlyArray<Source> => {
  const from = (after: Entry | null) => after?.at ?? Number.MIN_SAFE_INTEGER
  return [
    (after) =>
      sql`SELECT * FROM usage_polls WHERE profile_id = ${profile} AND fetched_at > ${from(after)}
        ORDER BY fetched_at LIMIT ${pageSize}`.pipe(
        Effect.flatMap(decodePollRows),
        Effect.map((rows) => rows.map((poll) => ({ at: poll.fetchedAt, rank: kindRank.poll, tie: "", line: ExportLines.toJsonLine(poll) })))
      ),
    (after) =>
      (after === null
        ? sql`SELECT * FROM usage_rollups WHERE profile_id = ${profile} ORDER BY period_start, resolution LIMIT ${pageSize}`
        : sql`SELECT * FROM usage_rollups WHERE profile_id = ${profile} AND period_start >= ${after.at}
          AND (period_start > ${after.at} OR resolution > ${after.tie}) ORDER BY period_start, resolution LIMIT ${pageSize}`).pipe(
        Effect.flatMap(decodeBucketRows),
        Effect.map((rows) =>
          rows.map((bucket) => ({
            at: bucket.periodStart,
            rank: kindRank.bucket,
            tie: bucket.resolution,
            line: ArchiveLines.bucketLine(bucket)
          }))
        )
      ),
    (after) =>
      sql`SELECT * FROM reset_events WHERE profile_id = ${profile} AND at > ${from(after)} ORDER BY at LIMIT ${pageSize}`.pipe(
        Effect.flatMap(decodeResetRows),
        Effect.map((rows) => rows.map((event) => ({ at: event.at, rank: kindRank.reset, tie: "", line: ArchiveLines.resetLine(event) })))
      ),
    (after) =>
      sql`SELECT * FROM api_outages WHERE profile_id = ${profile} AND started_at > ${from(after)}
        ORDER BY started_at LIMIT ${pageSize}`.pipe(
        Effect.flatMap(decodeOutages),
        Effect.map((rows) =>
          rows.map((outage) => ({ at: outage.startedAt, rank: kindRank.outage, tie: "", line: ArchiveLines.outageLine(outage) }))
        )
      )
  ]
}

const precedes = (a: Entry, b: Entry): boolean => a.at !== b.at ? a.at < b.at : a.rank !== b.rank ? a.rank < b.rank : a.tie < b.tie

interface MergeCursor {
  readonly source: Source
  buffer: ReadonlyArray<Entry>
  index: number
  exhausted: boolean
  last: Entry | null
}

// Merges the sorted sources a page at a time: holds one page per source, never a table.
const merged = (sources: ReadonlyArray<Source>): Stream.Stream<string, Failure> =>
  Stream.paginateChunkEffect(
    sources.map((source): MergeCursor => ({ source, buffer: [], index: 0, exhausted: false, last: null })),
    (cursors) =>
      Effect.gen(function*() {
        const out: Array<string> = []
        while (out.length < pageSize) {
          let best: MergeCursor | undefined
          for (const cursor of cursors) {
            if (cursor.index === cursor.buffer.length && !cursor.exhausted) {
              cursor.buffer = yield* cursor.source(cursor.last)
              cursor.index = 0
              cursor.exhausted = cursor.buffer.length < pageSize
            }
            const head = cursor.buffer[cursor.index]
            if (head !== undefined && (best === undefined || precedes(head, best.buffer[best.index]!))) best = cursor
          }
          if (best === undefined) return [Chunk.unsafeFromArray(out), Option.none<Array<MergeCursor>>()] as const
          const entry = best.buffer[best.index++]!
          best.last = entry
          out.push(entry.line)
        }
        return [Chunk.unsafeFromArray(out), Option.some(cursors)] as const
      })
  )

/** Profiles with any history, in code-unit order (the same on every database, whatever its collation). */
const profilesOf = (sql: SqlClient.SqlClient) =>
  Effect.map(
    sql<{ readonly profile_id: string }>`SELECT profile_id FROM usage_polls UNION SELECT profile_id FROM usage_rollups
      UNION SELECT profile_id FROM reset_events UNION SELECT profile_id FROM api_outages`,
    (rows) => rows.map((row) => row.profile_id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  )

/**
 * The whole history as B.4 JSON Lines: every poll, bucket, reset event and outage, by profile, then
 * time, then kind (`ArchiveLines.kindRank`). Streams page by page.
 */
export const archive = (sql: SqlClient.SqlClient, profile?: Profile.ProfileName): Stream.Stream<string, Failure> =>
  Stream.unwrap(
    Effect.map(profile === undefined ? profilesOf(sql) : Effect.succeed([profile]), (profiles) =>
      Stream.flatMap(Stream.fromIterable(profiles), (name) => merged(sourcesOf(sql, name))))
  )

/** The export's lines without line breaks: the whole history for JSON Lines; a CSV (polls) starts with its header. */
export const lines = (
  sql: SqlClient.SqlClient,
  options: Options
): Stream.Stream<string, SqlError | ParseResult.ParseError> =>
  options.format === "csv"
    ? Stream.concat(Stream.make(ExportLines.csvHeader), Stream.map(polls(sql, options.profile), ExportLines.toCsvRow))
    : archive(sql, options.profile)

/** Writing the export to `output` failed (a missing directory, no permission, a full disk). */
export class ExportWriteFailed extends Schema.TaggedError<ExportWriteFailed>()("ExportWriteFailed", {
  output: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Cannot write the export to ${this.output} (${this.reason}). Choose another --output file or free some space.`
  }
}

const reasonOf = (error: unknown): string =>
  String((error as { readonly code?: unknown; readonly message?: unknown }).code ?? (error as Error).message ?? error)

// Writes each chunk of lines as one piece of text, waiting while `out` is full (backpressure),
// then for the last write to land. An error `out` reports at any point fails the export.
const writeInto = <E, R>(stream: Stream.Stream<string, E, R>, out: Writable, name: string, end: boolean) =>
  Effect.suspend(() => {
    let failure: unknown = undefined
    const onError = (error: unknown) => {
      failure ??= error
    }
    const failed = () => new ExportWriteFailed({ output: name, reason: reasonOf(failure) })
    const write = (text: string) =>
      Effect.async<void, ExportWriteFailed>((resume) => {
        if (failure !== undefined) return resume(Effect.fail(failed()))
        const settle = (error?: unknown) => {
          onError(error ?? undefined)
          resume(failure === undefined ? Effect.void : Effect.fail(failed()))
        }
        if (end) out.end(text, () => settle())
        else out.write(text, (error) => settle(error))
        out.once("error", (error) => settle(error))
      })
    out.on("error", onError)
    return Stream.runFoldEffect(Stream.chunks(stream), 0, (count, chunk) => {
      if (Chunk.isEmpty(chunk)) return Effect.succeed(count)
      const text = `${Chunk.join(chunk, "\n")}\n`
      if (failure !== undefined) return Effect.fail(failed())
      // Within the buffer's limit the next chunk goes on at once; beyond it, wait for `drain`.
      return out.write(text)
        ? Effect.succeed(count + chunk.length)
        : Effect.async<number, ExportWriteFailed>((resume) => {
          const onDrain = () => {
            out.off("error", onFailure)
            resume(failure === undefined ? Effect.succeed(count + chunk.length) : Effect.fail(failed()))
          }
          const onFailure = () => {
            out.off("drain", onDrain)
            resume(Effect.fail(failed()))
          }
          out.once("drain", onDrain)
          out.once("error", onFailure)
        })
    }).pipe(
      Effect.tap(() => write("")),
      Effect.ensuring(Effect.sync(() => out.off("error", onError)))
    )
  })

/**
 * Writes `stream`'s lines to the file `output` (created or replaced), or to standard output when
 * `output` is `-` or absent. Returns how many lines were written.
 */
export const writeLines = <E, R>(
  stream: Stream.Stream<string, E, R>,
  output: string | undefined
): Effect.Effect<number, E | ExportWriteFailed, R> => {
  if (output === undefined || output === "-") return writeInto(stream, process.stdout, "standard output", false)
  return Effect.acquireUseRelease(
    Effect.async<Writable, ExportWriteFailed>((resume) => {
      const file = createWriteStream(output)
      file.once("open", () => resume(Effect.succeed(file)))
      file.once("error", (error) => resume(Effect.fail(new ExportWriteFailed({ output, reason: reasonOf(error) }))))
    }),
    (file) => writeInto(stream, file, output, true),
    (file) => Effect.sync(() => file.destroyed || file.destroy())
  )
}
