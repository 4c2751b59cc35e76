// The shared PostgreSQL database behind team history (API.md B.8): connecting, the member's
// schema, migrations, locks and what failures mean. THE ONE PLACE FOR POSTGRESQL-ONLY SQL; the
// history itself runs the same portable SQL as SQLite.
//
// Layout: each member's history lives in its own schema (`cchdrm_m_<hash of the member>`) holding
// exactly the tables of SQLite's `usage.db`, and the member's connections put that schema on
// their search_path. So a member's commands run the very statements SQLite runs and see their
// own history exactly as with SQLite, and the registry `cchdrm.members` lets `team` read every
// member's schema.
import { createHash } from "node:crypto"
import { UsageHistory } from "@cchdrm/core"
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type * as Statement from "@effect/sql/Statement"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Cause, Duration, Effect, Layer, Redacted } from "effect"
import * as Migrations from "./migrations/index.js"
import { hostOf } from "./internal/DatabaseUrl.js"
import { codeOf } from "./internal/DriverError.js"

/** Where the database is and whose history this process writes. */
export interface Options {
  /** `postgres://user:password@host:port/database?sslmode=…` */
  readonly url: Redacted.Redacted<string>
  /** The member name polls are stored under (`CCHDRM_MEMBER`). */
  readonly member: string
}

/** The table the migrator records applied migrations in, in each member's schema. */
export const migrationsTable = "effect_sql_migrations"

/** The schema of the member registry. */
export const registrySchema = "cchdrm"

/** The schema holding `member`'s history: a hash, so any member name is safe and names never collide in practice. */
export const schemaOf = (member: string): string =>
  `cchdrm_m_${createHash("sha256").update(member).digest("hex").slice(0, 20)}`

export { hostOf, maskUrl } from "./internal/DatabaseUrl.js"

const unreachableCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ECONNRESET", "57P01", "57P03"])

/** Whether `cause` means the database could not be reached or refused us (exit 5), not a bad database. */
export const isUnreachable = (cause: unknown): boolean => {
  const { code, message } = codeOf(cause)
  return (code !== undefined && (unreachableCodes.has(code) || code.startsWith("28") || code === "3D000")) ||
    /timed out|terminat|Connection (error|ended)|ECONNREFUSED/i.test(message) || isTls(message)
}

const isTls = (message: string): boolean => /\bSSL\b|\bTLS\b|certificate/i.test(message)

// The user named in `url`, for the login fix.
const userOf = (url: string): string => {
  try {
    return decodeURIComponent(new URL(url).username)
  } catch {
    return ""
  }
}

const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim()

/**
 * The one line a user reads for a failure of the database at `url`: the host (never the
 * password) and the fix.
 */
export const describe = (url: string) => (cause: unknown): string => {
  const { code, message } = codeOf(cause)
  const host = hostOf(url)
  if (code?.startsWith("28") === true) {
    return `The team database at ${host} refused the login of user '${userOf(url)}' (${oneLine(message)}). Fix the user and password in CCHDRM_DATABASE_URL.`
  }
  if (isTls(message)) {
    return `The team database at ${host} and this machine disagree on TLS (${oneLine(message)}). Set sslmode in CCHDRM_DATABASE_URL to what the server offers (disable, require or verify-full).`
  }
  if (code === "3D000") return `${oneLine(message)} at ${host}. Create it once (CREATE DATABASE …) or fix the database name in CCHDRM_DATABASE_URL.`
  if (isUnreachable(cause)) {
    return `Cannot reach the team database at ${host} (${oneLine(message)}). Check that PostgreSQL runs there and CCHDRM_DATABASE_URL, or unset CCHDRM_DATABASE_URL to keep history in usage.db.`
  }
  return oneLine(`The team database at ${host} failed: ${message}. Run 'cchdrm doctor'.`)
}

const unreachable = (url: string) => (cause: unknown) => new UsageHistory.HistoryUnreachable({ problem: describe(url)(cause) })
const fail = (url: string, operation: string) => (cause: unknown) => new UsageHistory.HistoryError({ operation, problem: describe(url)(cause) })

/** A failure while opening: unreachable or refused (exit 5), anything else a bad database (exit 7). */
const openFailure = (url: string) => (cause: unknown): UsageHistory.HistoryError | UsageHistory.HistoryUnreachable =>
  isUnreachable(cause) ? unreachable(url)(cause) : fail(url, "open")(cause)

// The URL the driver gets: `options=-c search_path=…` so every pooled connection starts in the
// member's schema, and `sslmode` with libpq's meaning (what PostgreSQL's own tools and docs mean
// by it; the driver would otherwise read `require` as `verify-full`, and warn on stderr).
const connectionUrl = (url: string, schema: string): string => {
  const parsed = new URL(url)
  const existing = parsed.searchParams.get("options")
  parsed.searchParams.set("options", `${existing === null ? "" : `${existing} `}-c search_path=${schema}`)
  if (parsed.searchParams.has("sslmode") && !parsed.searchParams.has("uselibpqcompat")) {
    parsed.searchParams.set("uselibpqcompat", "true")
  }
  return parsed.toString()
}

// Our tables hold only text and numbers. pg returns BIGINT and NUMERIC as strings (they may
// exceed a double); Unix ms and percentages never do, so they are read as numbers.
const numericTypes = new Set([20, 21, 23, 700, 701, 1700])
const types = {
  getTypeParser: (oid: number) => numericTypes.has(oid) ? Number : oid === 16 ? (value: string) => value === "t" : (value: string) => value
} as unknown as PgClient.PgClientConfig["types"]

/** The client of `url` whose connections all work in `schema`. */
export const client = (url: string, schema: string) =>
  PgClient.layer({
    url: Redacted.make(connectionUrl(url, schema)),
    types,
    applicationName: "cchdrm",
    connectTimeout: Duration.seconds(5),
    maxConnections: 4
  })

// One key for creating schemas and the registry: two members joining at once must not race on
// CREATE SCHEMA IF NOT EXISTS, which is not safe under concurrency in PostgreSQL.
const setupLockKey = "cchdrm setup"

/** Runs `effect` in a transaction holding `key`'s advisory lock: writers of one member take turns. */
export const exclusive = (sql: SqlClient.SqlClient, key: string) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  sql.withTransaction(Effect.zipRight(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`, effect))

/** The schema version of `schema` (0 when new), read before anything writes. */
const versionOf = (sql: SqlClient.SqlClient, schema: string) =>
  Effect.gen(function*() {
    const tables = yield* sql<{ readonly present: string | null }>`SELECT to_regclass(${`${schema}.${migrationsTable}`})::text AS present`
    if (tables[0]?.present === null || tables[0] === undefined) return 0
    const rows = yield* sql<{ readonly version: number | null }>`SELECT MAX(migration_id) AS version FROM ${sql(schema)}.${sql(migrationsTable)}`
    return rows[0]?.version ?? 0
  })

// The same in one statement, outside a transaction: a missing schema or table (a member's first
// start) is version 0. Every start runs it, so it saves the round trip of `to_regclass`.
const startVersionOf = (sql: SqlClient.SqlClient, schema: string) =>
  sql<{ readonly version: number | null }>`SELECT MAX(migration_id) AS version FROM ${sql(schema)}.${sql(migrationsTable)}`.pipe(
    Effect.map((rows) => rows[0]?.version ?? 0),
    Effect.catchIf((error) => ["42P01", "3F000"].includes(codeOf(error).code ?? ""), () => Effect.succeed(0))
  )

const migrate = Migrator.make({})({ loader: Migrator.fromRecord(Migrations.all), table: migrationsTable })

/** The versions of every member's schema newer than this version knows, as a problem line, or null. */
const newerSchema = (url: string, member: string, version: number) =>
  version > Migrations.latest
    ? new UsageHistory.HistoryError({
      operation: "open",
      problem: `The history of '${member}' in the team database at ${hostOf(url)} was written by a newer cc-hdrm (schema ${version}, this version knows ${Migrations.latest}). Update cc-hdrm on this machine.`
    })
    : null

/**
 * The PostgreSQL client of `options.url`, working in the member's schema, which is registered,
 * created and migrated before any caller sees it; a newer schema is refused untouched (exit 7),
 * an unreachable database or a refused login is `HistoryUnreachable` (exit 5).
 */
export const layer = (
  options: Options
): Layer.Layer<PgClient.PgClient | SqlClient.SqlClient, UsageHistory.HistoryError | UsageHistory.HistoryUnreachable> => {
  const url = Redacted.value(options.url)
  const schema = schemaOf(options.member)
  const setup = Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    // Every start but a member's first (or first after an update) reads one version and is done.
    const current = yield* startVersionOf(sql, schema)
    const newer = newerSchema(url, options.member, current)
    if (newer !== null) return yield* newer
    if (current === Migrations.latest) return
    yield* exclusive(sql, setupLockKey)(Effect.gen(function*() {
      // Again under the lock: another process may have migrated meanwhile.
      const version = yield* versionOf(sql, schema)
      const newer = newerSchema(url, options.member, version)
      if (newer !== null) return yield* newer
      yield* sql`CREATE SCHEMA IF NOT EXISTS ${sql(registrySchema)}`
      yield* sql`CREATE TABLE IF NOT EXISTS ${sql(registrySchema)}.members (
        member TEXT PRIMARY KEY,
        schema_name TEXT NOT NULL UNIQUE,
        schema_version INTEGER NOT NULL
      )`
      yield* sql`CREATE SCHEMA IF NOT EXISTS ${sql(schema)}`
      if (version < Migrations.latest) {
        // The migrator probes for its table with a statement that fails when it is missing, which
        // would abort this transaction: create it first, in the migrator's own shape.
        yield* sql`CREATE TABLE IF NOT EXISTS ${sql(schema)}.${sql(migrationsTable)} (
          migration_id integer primary key,
          created_at timestamp with time zone not null default now(),
          name text not null
        )`
        yield* migrate
      }
      // The registry carries each member's version, so `team` checks them all in one read.
      yield* sql`INSERT INTO ${sql(registrySchema)}.members (member, schema_name, schema_version)
        VALUES (${options.member}, ${schema}, ${Migrations.latest})
        ON CONFLICT (member) DO UPDATE SET schema_version = EXCLUDED.schema_version`
    }))
  }).pipe(Effect.catchTags({ SqlError: openFailure(url), MigrationError: fail(url, "migrate") }))
  return Layer.effectDiscard(setup).pipe(
    Layer.provideMerge(client(url, schema)),
    Layer.catchAllCause((cause) => {
      if (Cause.isInterruptedOnly(cause)) return Layer.failCause(Cause.map(cause, openFailure(url)))
      const failure = Cause.squash(cause)
      return Layer.fail(
        failure instanceof UsageHistory.HistoryError || failure instanceof UsageHistory.HistoryUnreachable
          ? failure
          : openFailure(url)(failure)
      )
    })
  )
}

/** A member and the schema of their history. */
export interface Member {
  readonly member: string
  readonly schema: string
  readonly version: number
}

/** Every registered member, by name, with the schema version of their history. */
export const members = (sql: SqlClient.SqlClient) =>
  Effect.gen(function*() {
    const rows = yield* sql<{ readonly member: string; readonly schema_name: string; readonly schema_version: number }>`
      SELECT member, schema_name, schema_version FROM ${sql(registrySchema)}.members ORDER BY member COLLATE "C"`
    return rows.map((row): Member => ({ member: row.member, schema: row.schema_name, version: row.schema_version }))
  })

// One statement over every member's schema: `each` gives a member's part, joined by UNION ALL.
const acrossMembers = (sql: SqlClient.SqlClient, of: ReadonlyArray<Member>, each: (member: Member) => Statement.Fragment) =>
  sql.join(" UNION ALL ", false)(of.map(each))

/** Each member's newest poll per profile, as `usage_polls` rows plus `member`: one statement for the whole team. */
export const latestPolls = (sql: SqlClient.SqlClient, of: ReadonlyArray<Member>) =>
  of.length === 0 ? Effect.succeed([]) : sql<Record<string, unknown>>`${
    acrossMembers(sql, of, (m) =>
      sql`(SELECT DISTINCT ON (profile_id) ${m.member}::text AS member, p.* FROM ${sql(m.schema)}.usage_polls p
        ORDER BY profile_id, fetched_at DESC)`)
  }`

/** Every member's reset events in [from, to), as `reset_events` rows plus `member`. */
export const resetsBetween = (sql: SqlClient.SqlClient, of: ReadonlyArray<Member>, from: number, to: number) =>
  of.length === 0 ? Effect.succeed([]) : sql<Record<string, unknown>>`${
    acrossMembers(sql, of, (m) =>
      sql`SELECT ${m.member}::text AS member, r.* FROM ${sql(m.schema)}.reset_events r WHERE r.at >= ${from} AND r.at < ${to}`)
  } ORDER BY member, profile_id, at`
