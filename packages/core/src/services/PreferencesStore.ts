// PreferencesStore: the validated preferences every frontend reads and writes (SPEC §6).
import { Context } from "effect"
import type { Effect, Stream } from "effect"
import type { Preferences, PreferencesInvalid } from "../domain/Preferences.js"
import type { ConfigFileError } from "./ConfigFileError.js"

/** What reading or writing preferences can fail with. */
export type PreferencesError = PreferencesInvalid | ConfigFileError

/** The preferences. */
export class PreferencesStore extends Context.Tag("@cchdrm/core/PreferencesStore")<PreferencesStore, {
  /** The current preferences (defaults for missing keys). */
  readonly get: Effect.Effect<Preferences, PreferencesError>
  /** Validates and saves one key from its text form (`config set`); returns the new preferences. */
  readonly set: (key: string, raw: string) => Effect.Effect<Preferences, PreferencesError>
  /** The current preferences, then every change, so a new poll interval takes effect at once. */
  readonly changes: Stream.Stream<Preferences, PreferencesError>
}>() {}
