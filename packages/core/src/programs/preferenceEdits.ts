// Reading and changing one preference by its name, as a user types it (SPEC §6; `config get|set`,
// a settings screen): a bad key or value is a usage error (exit 2); a bad file stays ConfigFileError (7).
import { Effect, Either, Schema } from "effect"
import { plural } from "../domain/Format.js"
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

/** One preference as a settings screen shows it: its value as text, the allowed values, what it does. */
export const PreferenceField = Schema.Struct({
  key: Schema.String,
  type: Schema.Literal("integer", "boolean", "url", "profile"),
  value: Schema.NullOr(Schema.String),
  allowed: Schema.String,
  description: Schema.String
})
/** @see PreferenceField */
export type PreferenceField = typeof PreferenceField.Type

/** Settings that were not saved: a message, and each refused key with why. */
export class SettingsRejected extends Schema.TaggedError<SettingsRejected>()("SettingsRejected", {
  message: Schema.String,
  fields: Schema.Record({ key: Schema.String, value: Schema.String })
}) {}

/** Every preference as a settings screen shows it. */
export const preferenceFields = Effect.gen(function*() {
  const preferences = yield* (yield* PreferencesStore).get
  return Preferences.keys.map((info): PreferenceField => {
    const value = Preferences.valueOf(preferences, info.name)
    return { key: info.name, type: info.type, value: value === undefined ? null : String(value), allowed: info.allowed, description: info.description }
  })
})

/**
 * Saves a settings form: each key on its own, in the order given, so every refused field gets its
 * own message beside it while the valid ones are kept. Answers the fields as now in effect.
 */
export const setPreferences = Effect.fn("setPreferences")(function*(values: Readonly<Record<string, string>>) {
  const store = yield* PreferencesStore
  const refused: Record<string, string> = {}
  for (const [key, raw] of Object.entries(values)) {
    yield* store.set(key, raw).pipe(
      Effect.catchTag("PreferencesInvalid", (error) => Effect.sync(() => void (refused[error.key ?? key] = error.message)))
    )
  }
  const count = Object.keys(refused).length
  if (count > 0) return yield* new SettingsRejected({ message: `${plural(count, "setting")} not saved`, fields: refused })
  return yield* preferenceFields
})
