// ConfigFileStores: the PreferencesStore and ProfileStore of one config file, for apps.
import { PreferencesStore, ProfileStore } from "@cchdrm/core"
import { Context, Effect, Layer } from "effect"
import * as ConfigFile from "./ConfigFile.js"
import * as DataPaths from "./DataPaths.js"
import * as FilePreferencesStore from "./FilePreferencesStore.js"
import * as FileProfileStore from "./FileProfileStore.js"

/** Both stores over the config file `options.filename`, sharing one watcher and lock. Build it once per app. */
export const layer = (options: ConfigFile.Options): Layer.Layer<PreferencesStore.PreferencesStore | ProfileStore.ProfileStore> =>
  Layer.effectContext(
    Effect.map(ConfigFile.make(options), (file) =>
      Context.make(PreferencesStore.PreferencesStore, FilePreferencesStore.make(file)).pipe(
        Context.add(ProfileStore.ProfileStore, FileProfileStore.make(file))
      ))
  )

/**
 * Both stores over `config.json` in `$CCHDRM_CONFIG_DIR`, else the platform config directory
 * (`DataPaths`). Fails with `DataPathInvalid` when the override is not an absolute path.
 */
export const layerPlatform: Layer.Layer<
  PreferencesStore.PreferencesStore | ProfileStore.ProfileStore,
  DataPaths.DataPathInvalid
> = Layer.unwrapEffect(
  Effect.map(Effect.suspend(DataPaths.ofProcess), (paths) => layer({ filename: paths.configFile }))
)
