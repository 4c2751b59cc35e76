// The UsageHistory and archive of one member in the shared PostgreSQL database (API.md B.8): the
// portable SQL of SqlUsageHistory in the member's schema, every write taking the member's lock.
import { UsageHistory } from "@cchdrm/core"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Layer, Redacted } from "effect"
import * as HeldPolls from "./HeldPolls.js"
import * as HistoryArchive from "./HistoryArchive.js"
import * as PgDatabase from "./PgDatabase.js"
import * as SqlUsageHistory from "./SqlUsageHistory.js"

// Why a lock and not only ON CONFLICT: the rows themselves are idempotent (ON CONFLICT … DO
// NOTHING), but a rollup reads polls, writes buckets and deletes the polls, and reset detection
// reads the nearest event before inserting one. Under READ COMMITTED two writers of one member
// (tray and CLI, or two machines sharing a member name) could both roll the same polls up. A
// transaction-scoped advisory lock per member makes them take turns, exactly as SQLite's write
// lock does; members never wait for each other, and PostgreSQL releases it if a writer dies.
const exclusiveWith = (sql: SqlClient.SqlClient, options: PgDatabase.Options, operation: string) => {
  const lock = PgDatabase.exclusive(sql, PgDatabase.schemaOf(options.member))
  const describe = PgDatabase.describe(Redacted.value(options.url))
  return <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    lock(effect).pipe(
      Effect.catchIf(
        (error): error is Extract<E | SqlError, SqlError> => (error as { readonly _tag?: unknown })._tag === "SqlError",
        (error) => Effect.fail(new UsageHistory.HistoryError({ operation, problem: describe(error) }))
      )
    ) as Effect.Effect<A, Exclude<E, SqlError> | UsageHistory.HistoryError, R>
}

/** The member's history, its writes serialised per member. */
export const make = (options: PgDatabase.Options) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const base = yield* SqlUsageHistory.makeWith({ describe: PgDatabase.describe(Redacted.value(options.url)) })
    const exclusive = (operation: string) => exclusiveWith(sql, options, operation)
    return UsageHistory.UsageHistory.of({
      ...base,
      record: (snapshot) => exclusive("record")(base.record(snapshot)),
      maintain: (maintenance) => exclusive("rollup")(base.maintain(maintenance)),
      clear: exclusive("clear")(base.clear),
      clearProfile: (profile) => exclusive("clear")(base.clearProfile(profile))
    })
  })

/** The member's archive; an import takes the member's lock like any other write. */
export const makeArchive = (options: PgDatabase.Options) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const base = yield* HistoryArchive.makeWith({ describe: PgDatabase.describe(Redacted.value(options.url)) })
    const exclusive = exclusiveWith(sql, options, "import")
    return HistoryArchive.HistoryArchive.of({
      ...base,
      importFile: (file, importOptions) => exclusive(base.importFile(file, importOptions)),
      importLines: (lines, importOptions) => exclusive(base.importLines(lines, importOptions))
    })
  })

/**
 * The history and archive of `options.member` in the database at `options.url`, over its client.
 * Polls that cannot be written while the database is away are held and written once it is back.
 */
export const layer = (options: PgDatabase.Options): Layer.Layer<
  UsageHistory.UsageHistory | HistoryArchive.HistoryArchive,
  never,
  SqlClient.SqlClient
> =>
  Layer.merge(
    Layer.effect(UsageHistory.UsageHistory, Effect.map(make(options), (history) => HeldPolls.hold(history))),
    Layer.effect(HistoryArchive.HistoryArchive, makeArchive(options))
  )
