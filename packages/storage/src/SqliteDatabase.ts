// The SQLite database file behind the usage history: opening, pragmas, migrations, and what its
// failures mean. THE ONE PLACE FOR SQLITE-ONLY SQL (pragmas, sqlite_master); everything else is portable.
import { statSync } from "node:fs"
import { mkdir } from "node:fs/promises"
import * as path from "node:path"
import { UsageHistory } from "@cchdrm/core"
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { Cause, Effect, Layer } from "effect"
import * as Migrations from "./migrations/index.js"
import { codeOf } from "./internal/DriverError.js"

/** Where the database lives. */
export interface Options {
  readonly filename: string
}

/** The table the migrator records applied migrations in. */
export const migrationsTable = "effect_sql_migrations"

/** SQLite waits this long for another process's write lock before failing (SPEC §4: several writers). */
export const busyTimeoutMillis = 5_000

const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim()

const isDirectory = (file: string): boolean => statSync(file, { throwIfNoEntry: false })?.isDirectory() === true

const lockedText = (filename: string, waitedMillis = busyTimeoutMillis) =>
  `${filename} stayed locked by another process for over ${waitedMillis / 1_000} s. Try again, or stop the other cc-hdrm process.`

/**
 * The one line a user reads for a failure of the database `filename`, naming the file and the
 * fix. A user's file is never deleted or replaced: the fixes move it aside or pick another directory.
 */
export const describe = (filename: string) => (cause: unknown): string => {
  const { code, message } = codeOf(cause)
  const elsewhere = "or set CCHDRM_DATA_DIR to another directory"
  if (code === "SQLITE_NOTADB") return `${filename} is not a SQLite database. Move it aside, ${elsewhere}.`
  if (code?.startsWith("SQLITE_CORRUPT") === true) {
    return `${filename} is corrupt. Move it aside (a new one is created) or restore a backup, ${elsewhere}.`
  }
  if (code === "SQLITE_FULL") {
    return `The disk holding ${filename} is full; nothing was lost, the failed write was undone. Free some space, or set CCHDRM_DATA_DIR to a directory on another disk.`
  }
  if (code?.startsWith("SQLITE_BUSY") === true || code?.startsWith("SQLITE_LOCKED") === true) {
    return lockedText(filename)
  }
  // SQLite cannot tell a directory in the file's place from a file it may not open.
  if (code?.startsWith("SQLITE_CANTOPEN") === true && isDirectory(filename)) {
    return `${filename} is a directory, not a database file. Move it aside, ${elsewhere}.`
  }
  if (
    code?.startsWith("SQLITE_READONLY") === true || code?.startsWith("SQLITE_CANTOPEN") === true ||
    code === "EACCES" || code === "EROFS" || code === "EPERM"
  ) {
    return `Cannot write ${filename}: it or its directory is read-only. Make it writable, ${elsewhere}.`
  }
  if (code?.startsWith("SQLITE_IOERR") === true) return `Cannot read or write ${filename} (I/O error). Check the disk, ${elsewhere}.`
  return oneLine(`${filename}: ${message}. Run 'cchdrm doctor', ${elsewhere}.`)
}

const fail = (filename: string, operation: string) => (cause: unknown) =>
  new UsageHistory.HistoryError({ operation, problem: describe(filename)(cause) })

// Read before anything writes, so a database from a newer version is refused untouched. The
// schema version found (0 for a new file).
const checkVersion = (filename: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const tables = yield* sql<{ readonly name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ${migrationsTable}`
    if (tables.length === 0) return 0
    const rows = yield* sql<{ readonly version: number | null }>`SELECT MAX(migration_id) AS version FROM ${sql(migrationsTable)}`
    const version = rows[0]?.version ?? 0
    if (version > Migrations.latest) {
      return yield* new UsageHistory.HistoryError({
        operation: "open",
        problem: `${filename} was written by a newer cc-hdrm (schema ${version}, this version knows ${Migrations.latest}). Update cc-hdrm, or set CCHDRM_DATA_DIR to another directory.`
      })
    }
    return version
  })

const configure = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql.unsafe(`PRAGMA journal_mode = WAL`)
  yield* sql.unsafe(`PRAGMA synchronous = NORMAL`)
  yield* sql.unsafe(`PRAGMA foreign_keys = ON`)
})

const migrator = Migrator.make({})({ loader: Migrator.fromRecord(Migrations.all), table: migrationsTable })

// Several processes may create the file at once. The migrator takes any failure to record its
// migrations — another process's migration holding the write lock among them — for "already
// running" and returns without the schema, so each process waits until the schema is committed.
// A machine under load may take a while over another process's migration.
const migrationWaitMillis = 6 * busyTimeoutMillis

const migrate = (filename: string) =>
  Effect.gen(function*() {
    const deadline = Date.now() + migrationWaitMillis
    for (;;) {
      yield* migrator
      if ((yield* checkVersion(filename)) >= Migrations.latest) return
      if (Date.now() > deadline) return yield* new UsageHistory.HistoryError({ operation: "migrate", problem: lockedText(filename, migrationWaitMillis) })
      yield* Effect.sleep(50)
    }
  })

/**
 * The SQLite client of `filename`, configured (WAL, busy timeout, synchronous NORMAL, foreign
 * keys) and migrated before any caller sees it. Creates the file's directory when missing. Every
 * failure — not a database, corrupt, read-only, disk full, a newer schema — is a `HistoryError`
 * naming the file and the fix.
 */
export const layer = (options: Options): Layer.Layer<SqliteClient.SqliteClient | SqlClient.SqlClient, UsageHistory.HistoryError> => {
  const { filename } = options
  const client = Layer.unwrapEffect(
    Effect.tryPromise({
      try: () => mkdir(path.dirname(filename), { recursive: true }),
      catch: fail(filename, "open")
    }).pipe(Effect.as(SqliteClient.layer({ filename, disableWAL: true })))
  )
  const setup = Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    // First, so every later statement waits for other writers instead of failing at once.
    yield* sql.unsafe(`PRAGMA busy_timeout = ${busyTimeoutMillis}`)
    const version = yield* checkVersion(filename)
    yield* configure
    // An up-to-date file (every run but the first) skips the migrator's own bookkeeping.
    if (version < Migrations.latest) yield* migrate(filename)
  }).pipe(Effect.catchTags({
    SqlError: fail(filename, "open"),
    MigrationError: fail(filename, "migrate")
  }))
  return Layer.effectDiscard(setup).pipe(
    Layer.provideMerge(client),
    // The driver throws while opening the file, and the migrator dies when a migration fails:
    // both are expected failures of a user's file here, not bugs, so they become HistoryErrors.
    Layer.catchAllCause((cause) =>
      Cause.isInterruptedOnly(cause) ? Layer.failCause(Cause.map(cause, fail(filename, "open"))) : Layer.fail(causeToError(filename, cause))
    )
  )
}

const causeToError = (filename: string, cause: Cause.Cause<unknown>): UsageHistory.HistoryError => {
  const failure = Cause.squash(cause)
  return failure instanceof UsageHistory.HistoryError ? failure : fail(filename, "open")(failure)
}
