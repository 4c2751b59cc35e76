// Reading and changing one preference by its name, as a user types it (SPEC §6; `config get|set`,
// a settings screen): a bad key or value is a usage error (exit 2); a bad file stays ConfigFileError (7).
import { Effect, Either } from "effect"
import * as Preferences from "../domain/Preferences.js"
import { UsageError } from "../domain/UsageError.js"
import { PreferencesStore } from "../services/PreferencesStore.js"

/** The preference named `name`, or a usage error listing the known keys. */
export const keyOf = (name: string): Effect.Effect<Preferences.Key, UsageError> =>
  Preferences.isKey(name)
    ? Effect.succeed(name)
    // `setValue` words the unknown key with the list of keys.
    : Either.match(Preferences.setValue(Preferences.defaults, name, ""), {
      onLeft: (error) => Effect.fail(new UsageError({ message: error.message })),
      onRight: () => Effect.fail(new UsageError({ message: `unknown key '${name}'` }))
    })

/** The current value of `name` (`undefined` when an optional key is unset). */
export const getPreference = Effect.fn("getPreference")(function*(name: string) {
  const key = yield* keyOf(name)
  return { key, value: Preferences.valueOf(yield* (yield* PreferencesStore).get, key) }
})

/** Validates and saves `raw` as `name` (`unset` returns it to its default); returns the value now in effect. */
export const setPreference = Effect.fn("setPreference")(function*(name: string, raw: string) {
  const next = yield* (yield* PreferencesStore).set(name, raw).pipe(
    Effect.catchTag("PreferencesInvalid", (error) => Effect.fail(new UsageError({ message: error.message })))
  )
  const key = yield* keyOf(name)
  return { key, value: Preferences.valueOf(next, key) }
})
