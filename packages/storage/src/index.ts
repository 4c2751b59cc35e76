// Durable usage history, config files and platform paths for cc-hdrm.
import type { UsageHistory } from "@cchdrm/core"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { Layer } from "effect"
import * as SqliteDatabase from "./SqliteDatabase.js"
import * as SqlUsageHistory from "./SqlUsageHistory.js"

export * as DataPaths from "./DataPaths.js"
export * as PlatformDirs from "./PlatformDirs.js"
export * as StatusLineCache from "./StatusLineCache.js"
/** `config.json`: read, validated with core's schemas, written atomically under a lock. */
export * as ConfigFile from "./ConfigFile.js"
/** The PreferencesStore and ProfileStore of one config file (`layer`, `layerPlatform`). */
export * as ConfigFileStores from "./ConfigFileStores.js"
export * as FilePreferencesStore from "./FilePreferencesStore.js"
export * as FileProfileStore from "./FileProfileStore.js"
export * as Migrations from "./migrations/index.js"
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
