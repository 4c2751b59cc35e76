// FileStatusLineCache: core's StatusLineCache over the cache file in the data directory (StatusLineCache.ts).
import { StatusLineCache as Cache } from "@cchdrm/core/services/StatusLineCache"
import { Effect, Layer } from "effect"
import * as StatusLineCache from "./StatusLineCache.js"

/** Where the cache file lives. */
export interface Options {
  readonly dataDir: string
}

/** The cache of `options.dataDir`; a write that fails is dropped (the next status line polls instead). */
export const make = (options: Options): Cache["Type"] =>
  Cache.of({
    write: (update) => Effect.try(() => StatusLineCache.write(options.dataDir, update)).pipe(Effect.ignore)
  })

/** @see make */
export const layer = (options: Options): Layer.Layer<Cache> => Layer.succeed(Cache, make(options))
