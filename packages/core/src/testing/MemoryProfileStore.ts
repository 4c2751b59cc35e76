// MemoryProfileStore: the watched profiles and the active one, in memory.
import { Context, Effect, Layer, Ref } from "effect"
import { defaultProfile, type ProfileName } from "../domain/Profile.js"
import { ProfileEntry, ProfileExists, ProfileNotFound, ProfileStore } from "../services/ProfileStore.js"

/** Claude Code's own login, the profile that always exists. */
export const defaultEntry: ProfileEntry = new ProfileEntry({ name: defaultProfile, source: "claude-code" })

/** Inspects a `MemoryProfileStore`. */
export class MemoryProfileStoreControl extends Context.Tag("@cchdrm/core/testing/MemoryProfileStoreControl")<
  MemoryProfileStoreControl,
  {
    /** The stored active profile, `null` when unset (then `default` is active). */
    readonly storedActive: Effect.Effect<ProfileName | null>
  }
>() {}

interface State {
  readonly entries: ReadonlyArray<ProfileEntry>
  readonly active: ProfileName | null
}

// `default` always exists and always comes first.
const normalise = (entries: ReadonlyArray<ProfileEntry>): ReadonlyArray<ProfileEntry> => {
  const others = entries.filter((entry) => entry.name !== defaultProfile)
  return [entries.find((entry) => entry.name === defaultProfile) ?? defaultEntry, ...others]
}

/** Builds the store and its control from `entries` (`default` is added when missing). */
export const make = (entries: ReadonlyArray<ProfileEntry> = [defaultEntry], active: ProfileName | null = null) =>
  Effect.gen(function*() {
    const state = yield* Ref.make<State>({ entries: normalise(entries), active })
    const notFound = (s: State, profile: ProfileName) =>
      new ProfileNotFound({ profile, known: s.entries.map((entry) => entry.name) })
    const has = (s: State, name: ProfileName) => s.entries.some((entry) => entry.name === name)

    const add = Effect.fn("ProfileStore.add")(function*(entry: ProfileEntry) {
      const s = yield* Ref.get(state)
      if (has(s, entry.name)) return yield* new ProfileExists({ profile: entry.name })
      yield* Ref.set(state, { ...s, entries: [...s.entries, entry] })
    })
    const remove = Effect.fn("ProfileStore.remove")(function*(name: ProfileName) {
      const s = yield* Ref.get(state)
      // `default` cannot go: it is Claude Code's own login.
      if (!has(s, name) || name === defaultProfile) return yield* notFound(s, name)
      yield* Ref.set(state, {
        entries: s.entries.filter((entry) => entry.name !== name),
        active: s.active === name ? null : s.active
      })
    })
    const rename = Effect.fn("ProfileStore.rename")(function*(from: ProfileName, to: ProfileName) {
      const s = yield* Ref.get(state)
      if (!has(s, from) || from === defaultProfile) return yield* notFound(s, from)
      if (has(s, to)) return yield* new ProfileExists({ profile: to })
      yield* Ref.set(state, {
        entries: s.entries.map((entry) => entry.name === from ? new ProfileEntry({ ...entry, name: to }) : entry),
        active: s.active === from ? to : s.active
      })
    })
    const setActive = Effect.fn("ProfileStore.setActive")(function*(name: ProfileName) {
      const s = yield* Ref.get(state)
      if (!has(s, name)) return yield* notFound(s, name)
      yield* Ref.set(state, { ...s, active: name })
    })
    const service = ProfileStore.of({
      list: Effect.map(Ref.get(state), (s) => s.entries),
      add,
      remove,
      rename,
      active: Effect.map(Ref.get(state), (s) => s.active ?? defaultProfile),
      setActive
    })
    const control = MemoryProfileStoreControl.of({ storedActive: Effect.map(Ref.get(state), (s) => s.active) })
    return { service, control }
  })

/** The store and its control; by default only `default` (Claude Code's login), active. */
export const layer = (
  entries: ReadonlyArray<ProfileEntry> = [defaultEntry],
  active: ProfileName | null = null
): Layer.Layer<ProfileStore | MemoryProfileStoreControl> =>
  Layer.effectContext(
    Effect.map(make(entries, active), ({ control, service }) =>
      Context.make(ProfileStore, service).pipe(Context.add(MemoryProfileStoreControl, control)))
  )
