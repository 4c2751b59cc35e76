// FileInstallation: core's Installation from the resolved data paths and the files found there.
import { statSync } from "node:fs"
import type { CredentialSource } from "@cchdrm/core/services/CredentialStore"
import { Installation } from "@cchdrm/core/services/Installation"
import { Effect, Layer, Option } from "effect"
import * as HistoryDatabase from "./HistoryDatabase.js"
import type * as PlatformDirs from "./PlatformDirs.js"
import * as Migrations from "./migrations/index.js"

/** The paths, and where each credential source keeps its tokens (the credentials package knows). */
export interface Options {
  readonly paths: PlatformDirs.DataPaths
  readonly credentialsPlace: (source: CredentialSource) => string
  /** The team database, described for people (`HistoryDatabase.describeShared`); none by default. */
  readonly sharedDatabase?: Option.Option<string>
}

/** The installation at `options.paths`. */
export const make = (options: Options): Installation["Type"] => {
  const { paths } = options
  return Installation.of({
    dataDir: { path: paths.dataDir, source: paths.dataDirSource },
    configFile: { path: paths.configFile, source: paths.configDirSource },
    databaseFile: paths.databaseFile,
    sharedDatabase: options.sharedDatabase ?? Option.none(),
    schemaVersion: Migrations.latest,
    // The database is created by the first poll; until then there is no size to tell.
    databaseSize: Effect.sync(() => Option.map(Option.fromNullable(statSync(paths.databaseFile, { throwIfNoEntry: false })), (stat) => stat.size)),
    credentialsPlace: options.credentialsPlace
  })
}

/** @see make */
export const layer = (options: Options): Layer.Layer<Installation> => Layer.succeed(Installation, make(options))

/**
 * {@link layer} with the team database read from the configuration (CCHDRM_DATABASE_URL,
 * CCHDRM_MEMBER). A URL that is not a postgres:// one is the Database check's to report, so here it
 * only means no team database.
 */
export const layerConfig = (options: Omit<Options, "sharedDatabase">): Layer.Layer<Installation> =>
  Layer.unwrapEffect(
    HistoryDatabase.sharedConfig.pipe(
      Effect.map((shared) => layer({ ...options, sharedDatabase: Option.map(shared, HistoryDatabase.describeShared) })),
      Effect.orElseSucceed(() => layer(options))
    )
  )
