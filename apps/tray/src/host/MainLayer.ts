// The tray's composition: the same live layers as every frontend (history, config files, the
// Anthropic side) and the monitor running on them. Swap a layer here and nowhere else.
import { Monitor, type Notifier, PollNow } from "@cchdrm/core"
import { layerAnthropic } from "@cchdrm/credentials"
import { type DataPaths, FileStatusLineCache, layerConfig, layerHistory } from "@cchdrm/storage"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Context, Layer } from "effect"
import * as HistoryCache from "./HistoryCache.js"

/** Where this process keeps `usage.db` and `config.json`. */
export class Paths extends Context.Tag("@cchdrm/tray/Paths")<Paths, DataPaths.DataPaths>() {}

/** Every live service, the running monitor (feeding the status line) and the sparkline's history; `notifier` is the desktop's (or a quiet one). */
export const make = (paths: DataPaths.DataPaths, notifier: Layer.Layer<Notifier.Notifier>) => {
  const services = Layer.mergeAll(
    // usage.db, or the team's PostgreSQL database when CCHDRM_DATABASE_URL is set (API.md B.8).
    layerHistory({ dataDir: paths.dataDir }),
    layerConfig({ configFile: paths.configFile }),
    layerAnthropic({ dataDir: paths.dataDir }).pipe(Layer.provide(NodeHttpClient.layer)),
    FileStatusLineCache.layer({ dataDir: paths.dataDir }),
    notifier,
    Layer.succeed(Paths, paths)
  )
  // The status line stays fresh from the tray's polls, without polling itself.
  return Layer.merge(HistoryCache.layer, PollNow.layerFeedStatusLine).pipe(Layer.provideMerge(Monitor.layer), Layer.provideMerge(services))
}

/** What the host runs on. */
export type Services = Layer.Layer.Success<ReturnType<typeof make>>
