// THE composition of `cchdrm-tui`: the history database, the config file's stores, the Anthropic
// side and the notifier, for the paths of this run; the Monitor runs on them.
import type { Notifier } from "@cchdrm/core"
import { layerAnthropic } from "@cchdrm/credentials"
import { type DataPaths, FileStatusLineCache, layerConfig, layerHistory } from "@cchdrm/storage"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Layer } from "effect"

/** Every live service the monitor needs for `paths`, and the archive that seeds `--demo`. */
export const live = (paths: DataPaths.DataPaths, notifier: Layer.Layer<Notifier.Notifier>) =>
  Layer.mergeAll(
    // usage.db, or the team's database when CCHDRM_DATABASE_URL is set.
    layerHistory({ dataDir: paths.dataDir }),
    layerConfig({ configFile: paths.configFile }),
    layerAnthropic({ dataDir: paths.dataDir }).pipe(Layer.provide(NodeHttpClient.layer)),
    // Each poll also lands in the status line's cache, so `cchdrm statusline` never polls itself.
    FileStatusLineCache.layer({ dataDir: paths.dataDir }),
    notifier
  )
