// Streaming export of stored polls (API.md B.4): JSON Lines or CSV, oldest first, page by page.
import { createWriteStream } from "node:fs"
import type { Writable } from "node:stream"
import type { Usage } from "@cchdrm/core"
import type * as Profile from "@cchdrm/core/domain/Profile"
import type * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Chunk, Effect, Option, type ParseResult, Schema, Stream } from "effect"
import * as ExportLines from "./ExportLines.js"
import { decodePollRows } from "./internal/HistoryRows.js"

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

/** The export's lines without line breaks: a CSV starts with its header. */
export const lines = (
  sql: SqlClient.SqlClient,
  options: Options
): Stream.Stream<string, SqlError | ParseResult.ParseError> => {
  const snapshots = polls(sql, options.profile)
  return options.format === "csv"
    ? Stream.concat(Stream.make(ExportLines.csvHeader), Stream.map(snapshots, ExportLines.toCsvRow))
    : Stream.map(snapshots, ExportLines.toJsonLine)
}

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
