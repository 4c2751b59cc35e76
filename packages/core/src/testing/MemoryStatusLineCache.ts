// MemoryStatusLineCache: the status-line cache in a Ref, merged like the file.
import { Context, Effect, Layer, Ref } from "effect"
import { StatusLineCache, type Update } from "../services/StatusLineCache.js"

/** Reads what a `MemoryStatusLineCache` holds. */
export class MemoryStatusLineCacheControl extends Context.Tag("@cchdrm/core/testing/MemoryStatusLineCacheControl")<
  MemoryStatusLineCacheControl,
  {
    /** The merged cache, `null` before the first write. */
    readonly current: Effect.Effect<Update | null>
  }
>() {}

/** Builds the cache and its control, empty. */
export const make = Effect.gen(function*() {
  const ref = yield* Ref.make<Update | null>(null)
  const service = StatusLineCache.of({
    write: (update) => Ref.update(ref, (previous) => ({ ...update, views: { ...previous?.views, ...update.views } }))
  })
  return { service, control: MemoryStatusLineCacheControl.of({ current: Ref.get(ref) }) }
})

/** The cache and its control. */
export const layer: Layer.Layer<StatusLineCache | MemoryStatusLineCacheControl> = Layer.effectContext(
  Effect.map(make, ({ control, service }) => Context.make(StatusLineCache, service).pipe(Context.add(MemoryStatusLineCacheControl, control)))
)
