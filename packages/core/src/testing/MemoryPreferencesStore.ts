// MemoryPreferencesStore: preferences in a SubscriptionRef, validated exactly like the config file.
import { Context, Effect, Either, Layer, SubscriptionRef } from "effect"
import * as Preferences from "../domain/Preferences.js"
import { PreferencesStore } from "../services/PreferencesStore.js"

/** Drives a `MemoryPreferencesStore`. */
export class MemoryPreferencesStoreControl extends Context.Tag("@cchdrm/core/testing/MemoryPreferencesStoreControl")<
  MemoryPreferencesStoreControl,
  {
    /** Replaces the preferences without validation, as another program editing the file would. */
    readonly replace: (preferences: Preferences.Preferences) => Effect.Effect<void>
  }
>() {}

/** Builds the store and its control, starting from `initial`. */
export const make = (initial: Preferences.Preferences = Preferences.defaults) =>
  Effect.gen(function*() {
    const ref = yield* SubscriptionRef.make(initial)
    const set = Effect.fn("PreferencesStore.set")(function*(key: string, raw: string) {
      return yield* SubscriptionRef.modifyEffect(ref, (current) =>
        Either.match(Preferences.setValue(current, key, raw), {
          onLeft: (error) => Effect.fail(error),
          onRight: (next) => Effect.succeed([next, next] as const)
        }))
    })
    const service = PreferencesStore.of({ get: SubscriptionRef.get(ref), set, changes: ref.changes })
    const control = MemoryPreferencesStoreControl.of({ replace: (preferences) => SubscriptionRef.set(ref, preferences) })
    return { service, control }
  })

/** The store and its control, starting from `initial` (default: every preference at its default). */
export const layer = (
  initial: Preferences.Preferences = Preferences.defaults
): Layer.Layer<PreferencesStore | MemoryPreferencesStoreControl> =>
  Layer.effectContext(
    Effect.map(make(initial), ({ control, service }) =>
      Context.make(PreferencesStore, service).pipe(Context.add(MemoryPreferencesStoreControl, control)))
  )
