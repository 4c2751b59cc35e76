// FilePreferencesStore: the PreferencesStore in `config.json` (SPEC §6, API.md B.6).
import { Preferences, PreferencesStore } from "@cchdrm/core"
import { Effect, Either, Layer, Stream } from "effect"
import * as ConfigFile from "./ConfigFile.js"

/**
 * The preferences of `file`. `set` validates with core's `Preferences.setValue` and writes only
 * the key it was given, so keys written by other programs survive; `unset` deletes the key.
 */
export const make = (file: ConfigFile.ConfigFile): PreferencesStore.PreferencesStore["Type"] => {
  const set = Effect.fn("PreferencesStore.set")(function*(key: string, raw: string) {
    return yield* file.update((contents) =>
      Either.match(Preferences.setValue(contents.preferences, key, raw), {
        onLeft: (error) => Effect.fail(error),
        onRight: (next) => {
          const document: Record<string, unknown> = { ...contents.document }
          const value = (Preferences.encode(next) as Record<string, unknown>)[key]
          const text = raw.trim().toLowerCase()
          if (text === "" || text === "unset" || value === undefined) delete document[key]
          else document[key] = value
          return Effect.succeed([document, next] as const)
        }
      }))
  })
  return PreferencesStore.PreferencesStore.of({
    get: Effect.map(file.read, (contents) => contents.preferences).pipe(Effect.withSpan("PreferencesStore.get")),
    set,
    // Profile edits change the file but not the preferences: emit only real changes.
    changes: file.changes.pipe(Stream.map((contents) => contents.preferences), Stream.changes)
  })
}

/** The preferences in the config file `options.filename`. */
export const layer = (options: ConfigFile.Options): Layer.Layer<PreferencesStore.PreferencesStore> =>
  Layer.effect(PreferencesStore.PreferencesStore, Effect.map(ConfigFile.make(options), make))
