// The history database a machine uses (SPEC §4, API.md B.8): the SQLite file `usage.db`, or the
// team's PostgreSQL database when CCHDRM_DATABASE_URL is set. Apps take this one ready layer.
import { hostname, userInfo } from "node:os"
import { TeamHistory, UsageHistory } from "@cchdrm/core"
import { Config, type ConfigError, Effect, Layer, Option, Redacted } from "effect"
import * as HistoryArchive from "./HistoryArchive.js"
import { maskUrl } from "./internal/DatabaseUrl.js"
import type * as PgDatabase from "./PgDatabase.js"
import * as SqliteDatabase from "./SqliteDatabase.js"
import * as SqlUsageHistory from "./SqlUsageHistory.js"

/** Which database: `shared` set means the team database, else the file. */
export interface Options {
  /** The SQLite file, used when there is no shared database. */
  readonly databaseFile: string
  readonly shared: Option.Option<PgDatabase.Options>
}

/** What the history database provides. */
export type Services = UsageHistory.UsageHistory | HistoryArchive.HistoryArchive | TeamHistory.TeamHistory

/** `<user>@<hostname>`: the member name when CCHDRM_MEMBER is unset. */
export const defaultMember = (): string => {
  let user: string
  try {
    user = userInfo().username
  } catch {
    user = process.env["USER"] ?? process.env["USERNAME"] ?? "user"
  }
  return `${user}@${hostname()}`
}

// A postgres:// URL the driver can parse; the value itself is never repeated (it holds the password).
const isPostgresUrl = (url: Redacted.Redacted<string>): boolean => {
  const text = Redacted.value(url).trim()
  if (text === "") return true
  try {
    return /^postgres(ql)?:$/i.test(new URL(text).protocol)
  } catch {
    return false
  }
}

const databaseUrl = Config.redacted("CCHDRM_DATABASE_URL").pipe(
  Config.validate({
    message: "CCHDRM_DATABASE_URL is not a postgres:// URL. Set it to postgres://USER:PASSWORD@HOST:5432/DATABASE, or unset it to keep history in usage.db.",
    validation: isPostgresUrl
  })
)

/**
 * The shared database from CCHDRM_DATABASE_URL and CCHDRM_MEMBER (API.md B.1), `None` when unset
 * or empty; a value that is not a postgres:// URL is a `ConfigError` (exit 2).
 */
export const sharedConfig = Effect.gen(function*() {
  const url = yield* Config.option(databaseUrl)
  if (Option.isNone(url) || Redacted.value(url.value).trim() === "") return Option.none<PgDatabase.Options>()
  const member = yield* Config.string("CCHDRM_MEMBER").pipe(Config.withDefault(""))
  return Option.some<PgDatabase.Options>({
    url: Redacted.make(Redacted.value(url.value).trim()),
    member: member.trim() === "" ? defaultMember() : member.trim()
  })
})

/** Where the shared database is, for people: the URL with its password masked, and the member name. */
export const describeShared = (shared: PgDatabase.Options): string =>
  `${maskUrl(Redacted.value(shared.url))} as member '${shared.member}'`

// Without a shared database: `team` explains how to configure one (exit 2).
const teamUnset = Layer.succeed(TeamHistory.TeamHistory, TeamHistory.TeamHistory.of({ read: () => Effect.fail(new TeamHistory.TeamHistoryUnset()) }))

const sqlite = (databaseFile: string) =>
  Layer.mergeAll(
    HistoryArchive.layerWith({ describe: SqliteDatabase.describe(databaseFile) }),
    SqlUsageHistory.layerWith({ describe: SqliteDatabase.describe(databaseFile) }),
    teamUnset
  ).pipe(Layer.provide(SqliteDatabase.layer({ filename: databaseFile })))

// Loaded only for a team database (see PgHistory.ts).
const postgres = (shared: PgDatabase.Options) =>
  Layer.unwrapEffect(Effect.map(Effect.promise(() => import("./PgHistory.js")), (PgHistory) => PgHistory.layer(shared)))

/**
 * The history, its archive and the team view, on the database `options` name; opened (and
 * migrated) when the layer is built. Build it once per app.
 */
export const layer = (options: Options): Layer.Layer<Services, UsageHistory.HistoryError | UsageHistory.HistoryUnreachable> =>
  Option.match(options.shared, { onNone: () => sqlite(options.databaseFile), onSome: postgres })

/** {@link layer} with the shared database read from the configuration (CCHDRM_DATABASE_URL, CCHDRM_MEMBER). */
export const layerConfig = (
  databaseFile: string
): Layer.Layer<Services, UsageHistory.HistoryError | UsageHistory.HistoryUnreachable | ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(sharedConfig, (shared) => layer({ databaseFile, shared })))
