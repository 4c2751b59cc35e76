// HistoryArchive: the history's export and import (API.md B.4) as a service over the database.
import { PreferencesStore, UsageHistory } from "@cchdrm/core"
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Clock, Context, Effect, Layer, type ParseResult, Stream } from "effect"
import type * as ExportLines from "./ExportLines.js"
import * as HistoryExport from "./HistoryExport.js"
import * as HistoryImport from "./HistoryImport.js"
import * as SqliteDatabase from "./SqliteDatabase.js"
import type * as SqlUsageHistory from "./SqlUsageHistory.js"

/**
 * Export and import of the usage history. Every failure is a `HistoryError` (exit code 7) whose
 * one line names the file — the database, the import file and its bad line, or the output — and the fix.
 */
export class HistoryArchive extends Context.Tag("@cchdrm/storage/HistoryArchive")<HistoryArchive, {
  /** The export's lines without line breaks, oldest first; a CSV starts with its header. Streams page by page. */
  readonly lines: (options: HistoryExport.Options) => Stream.Stream<string, UsageHistory.HistoryError>
  /**
   * Writes the export to the file `output` (created or replaced), or to standard output when it
   * is `-` or absent. Returns the number of lines written.
   */
  readonly exportTo: (
    options: HistoryExport.Options & { readonly output?: string | undefined }
  ) => Effect.Effect<number, UsageHistory.HistoryError>
  /** Imports JSON Lines from the file `file`, or from standard input for `-`. */
  readonly importFile: (
    file: string,
    options: HistoryImport.Options
  ) => Effect.Effect<HistoryImport.ImportReport, UsageHistory.HistoryError>
  /** Imports JSON Lines from a stream of lines. */
  readonly importLines: (
    lines: Stream.Stream<string>,
    options: HistoryImport.Options
  ) => Effect.Effect<HistoryImport.ImportReport, UsageHistory.HistoryError>
}>() {}

const damaged = "a stored row is damaged. Export what is readable, then clear the history."

/** The archive of the database behind `SqlClient`, with database failures explained by `options.describe`. */
export const makeWith = (options: SqlUsageHistory.Options = {}) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const describe = options.describe ?? ((cause: unknown) => `the history database failed (${String(cause)}).`)
    const problem = (operation: string, text: string) => new UsageHistory.HistoryError({ operation, problem: text })
    const explain = (operation: string) => <A>(effect: Effect.Effect<A, Failure>) =>
      Effect.catchTags(effect, {
        SqlError: (error) => Effect.fail(problem(operation, describe(error))),
        ParseError: () => Effect.fail(problem(operation, damaged)),
        ImportLineInvalid: (error) => Effect.fail(problem(operation, error.message)),
        ImportReadFailed: (error) => Effect.fail(problem(operation, error.message)),
        ExportWriteFailed: (error) => Effect.fail(problem(operation, error.message))
      })

    const lines = (exportOptions: HistoryExport.Options) =>
      HistoryExport.lines(sql, exportOptions).pipe(
        Stream.catchTags({
          SqlError: (error) => Stream.fail(problem("export", describe(error))),
          ParseError: () => Stream.fail(problem("export", damaged))
        })
      )

    const exportTo = Effect.fn("HistoryArchive.exportTo")(
      (exportOptions: HistoryExport.Options & { readonly output?: string | undefined }) =>
        HistoryExport.writeLines(HistoryExport.lines(sql, exportOptions), exportOptions.output),
      explain("export")
    )

    const importLines = Effect.fn("HistoryArchive.importLines")(
      (input: Stream.Stream<string>, importOptions: HistoryImport.Options) => HistoryImport.run(sql, input, importOptions),
      explain("import")
    )

    const importFile = Effect.fn("HistoryArchive.importFile")(
      (file: string, importOptions: HistoryImport.Options) =>
        HistoryImport.run(sql, HistoryImport.fileLines(file), { ...importOptions, file }),
      explain("import")
    )

    return HistoryArchive.of({ lines, exportTo, importFile, importLines })
  })

type Failure =
  | SqlError
  | ParseResult.ParseError
  | ExportLines.ImportLineInvalid
  | HistoryImport.ImportReadFailed
  | HistoryExport.ExportWriteFailed

/** @see makeWith */
export const layerWith = (options: SqlUsageHistory.Options): Layer.Layer<HistoryArchive, never, SqlClient.SqlClient> =>
  Layer.effect(HistoryArchive, makeWith(options))

/**
 * The archive of the SQLite file `filename`, opened, configured and migrated like `layerSqlite`'s
 * history (build one of them per app: each opens its own connection).
 */
export const layerSqlite = (
  options: SqliteDatabase.Options
): Layer.Layer<HistoryArchive | SqlClient.SqlClient | SqliteClient.SqliteClient, UsageHistory.HistoryError> =>
  layerWith({ describe: SqliteDatabase.describe(options.filename) }).pipe(Layer.provideMerge(SqliteDatabase.layer(options)))

/**
 * Imports a generated history — `history(now)` gives B.4 lines, e.g. the demo world's week before
 * now — as live polling would have stored it, keeping all of it.
 */
export const seed = (history: (now: number) => Iterable<string>) =>
  Effect.gen(function*() {
    const archive = yield* HistoryArchive
    const now = yield* Clock.currentTimeMillis
    return yield* archive.importLines(Stream.fromIterable(history(now)), { now, retentionDays: 365 })
  })

/** `cchdrm import FILE`: imports `file` as of now, dropping what the retention preference would already have. */
export const importWithPreferences = (file: string, options: { readonly skipInvalid: boolean }) =>
  Effect.gen(function*() {
    const { retentionDays } = yield* (yield* PreferencesStore.PreferencesStore).get
    const now = yield* Clock.currentTimeMillis
    return yield* (yield* HistoryArchive).importFile(file, { now, retentionDays, skipInvalid: options.skipInvalid })
  })
