// Durable usage history, config files and platform paths for cc-hdrm.
import { join } from "node:path"
import type { PreferencesStore, ProfileStore, UsageHistory } from "@cchdrm/core"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { type ConfigError, Layer } from "effect"
import * as ConfigFileStores from "./ConfigFileStores.js"
import * as HistoryDatabase from "./HistoryDatabase.js"
import * as PlatformDirs from "./PlatformDirs.js"
import * as SqliteDatabase from "./SqliteDatabase.js"
import * as SqlUsageHistory from "./SqlUsageHistory.js"

export * as DataPaths from "./DataPaths.js"
export * as PlatformDirs from "./PlatformDirs.js"
export * as StatusLineCache from "./StatusLineCache.js"
/** `config.json`: read, validated with core's schemas, written atomically under a lock. */
export * as ConfigFile from "./ConfigFile.js"
/** The PreferencesStore and ProfileStore of one config file (`layer`, `layerPlatform`). */
export * as ConfigFileStores from "./ConfigFileStores.js"
export * as FileInstallation from "./FileInstallation.js"
export * as FileStatusLineCache from "./FileStatusLineCache.js"
export * as FilePreferencesStore from "./FilePreferencesStore.js"
export * as FileProfileStore from "./FileProfileStore.js"
export * as HeldPolls from "./HeldPolls.js"
export * as HistoryDatabase from "./HistoryDatabase.js"
export * as Migrations from "./migrations/index.js"
export * as PgDatabase from "./PgDatabase.js"
export * as PgHistory from "./PgHistory.js"
export * as PgTeamHistory from "./PgTeamHistory.js"
export * as PgUsageHistory from "./PgUsageHistory.js"
export * as SqliteDatabase from "./SqliteDatabase.js"
export * as SqlUsageHistory from "./SqlUsageHistory.js"

/**
 * The usage history in the SQLite file `filename`: opened, configured and migrated when the
 * layer is built, failures explained with the file's name. Build it once per app.
 */
export const layerSqlite = (options: SqliteDatabase.Options): Layer.Layer<
  UsageHistory.UsageHistory | SqlClient.SqlClient | SqliteClient.SqliteClient,
  UsageHistory.HistoryError
> =>
  SqlUsageHistory.layerWith({ describe: SqliteDatabase.describe(options.filename) }).pipe(
    Layer.provideMerge(SqliteDatabase.layer(options))
  )
export * as ExportLines from "./ExportLines.js"
export * as HistoryArchive from "./HistoryArchive.js"
export * as HistoryExport from "./HistoryExport.js"
export * as HistoryImport from "./HistoryImport.js"
export * as ImportSummary from "./ImportSummary.js"
export * as ArchiveLines from "./ArchiveLines.js"

/**
 * The history of the data directory `dataDir` — `<dataDir>/usage.db`, or the team's PostgreSQL
 * database when CCHDRM_DATABASE_URL is set (API.md B.8) — with its export/import archive and the
 * team view; opened and migrated when the layer is built. The one place an app's history is
 * chosen. Build it once per app.
 */
export const layerHistory = (options: { readonly dataDir: string }): Layer.Layer<
  HistoryDatabase.Services,
  UsageHistory.HistoryError | UsageHistory.HistoryUnreachable | ConfigError.ConfigError
> => HistoryDatabase.layerConfig(join(options.dataDir, PlatformDirs.databaseFileName))

/** The preferences and profiles of the config file `configFile` (one watcher and lock for both). */
export const layerConfig = (options: { readonly configFile: string }): Layer.Layer<
  PreferencesStore.PreferencesStore | ProfileStore.ProfileStore
> => ConfigFileStores.layer({ filename: options.configFile })
