// FileProfileStore: the ProfileStore in `config.json`: a `profiles` array and `activeProfile` (SPEC §1.7).
import { Profile, ProfileStore } from "@cchdrm/core"
import { Effect, Layer } from "effect"
import * as ConfigFile from "./ConfigFile.js"

type Contents = ConfigFile.Contents
type Entry = ProfileStore.ProfileEntry

const has = (contents: Contents, name: Profile.ProfileName) => contents.profiles.some((entry) => entry.name === name)
const notFound = (contents: Contents, profile: Profile.ProfileName) =>
  new ProfileStore.ProfileNotFound({ profile, known: contents.profiles.map((entry) => entry.name) })

// The stored array as written (validated by ConfigFile.parse), so fields other programs add survive.
const stored = (contents: Contents): ReadonlyArray<Record<string, unknown>> =>
  Array.isArray(contents.document.profiles) ? contents.document.profiles as ReadonlyArray<Record<string, unknown>> : []

const write = (contents: Contents, changes: Record<string, unknown>, drop: ReadonlyArray<string> = []) => {
  const document: Record<string, unknown> = { ...contents.document, ...changes }
  for (const key of drop) delete document[key]
  return Effect.succeed([document, undefined] as const)
}

/**
 * The profiles of `file`, `default` (Claude Code's login, implied when the file does not list it)
 * first. Like the memory store, `default` can be neither removed nor renamed; removing the active
 * profile makes `default` active again; renaming it keeps it active.
 */
export const make = (file: ConfigFile.ConfigFile): ProfileStore.ProfileStore["Type"] => {
  const add = Effect.fn("ProfileStore.add")(function*(entry: Entry) {
    yield* file.update((contents) =>
      has(contents, entry.name)
        ? Effect.fail(new ProfileStore.ProfileExists({ profile: entry.name }))
        : write(contents, { profiles: [...stored(contents), { name: entry.name, source: entry.source }] }))
  })
  const remove = Effect.fn("ProfileStore.remove")(function*(name: Profile.ProfileName) {
    yield* file.update((contents) =>
      !has(contents, name) || name === Profile.defaultProfile
        ? Effect.fail(notFound(contents, name))
        : write(
          contents,
          { profiles: stored(contents).filter((item) => item.name !== name) },
          contents.document.activeProfile === name ? ["activeProfile"] : []
        ))
  })
  const rename = Effect.fn("ProfileStore.rename")(function*(from: Profile.ProfileName, to: Profile.ProfileName) {
    yield* file.update((contents) => Effect.gen(function*() {
      if (!has(contents, from) || from === Profile.defaultProfile) return yield* notFound(contents, from)
      if (has(contents, to)) return yield* new ProfileStore.ProfileExists({ profile: to })
      return yield* write(contents, {
        profiles: stored(contents).map((item) => (item.name === from ? { ...item, name: to } : item)),
        ...(contents.document.activeProfile === from ? { activeProfile: to } : {})
      })
    }))
  })
  const setActive = Effect.fn("ProfileStore.setActive")(function*(name: Profile.ProfileName) {
    yield* file.update((contents) =>
      has(contents, name) ? write(contents, { activeProfile: name }) : Effect.fail(notFound(contents, name)))
  })
  return ProfileStore.ProfileStore.of({
    list: Effect.map(file.read, (contents) => contents.profiles).pipe(Effect.withSpan("ProfileStore.list")),
    add,
    remove,
    rename,
    // `activeProfile` may name a profile another program removed, or be set through `config set`:
    // then `default` drives the headline, and the file is left as it is.
    active: Effect.map(file.read, (contents) => {
      const active = contents.preferences.activeProfile
      return active !== undefined && has(contents, active) ? active : Profile.defaultProfile
    }).pipe(Effect.withSpan("ProfileStore.active")),
    setActive
  })
}

/** The profiles in the config file `options.filename`. */
export const layer = (options: ConfigFile.Options): Layer.Layer<ProfileStore.ProfileStore> =>
  Layer.effect(ProfileStore.ProfileStore, Effect.map(ConfigFile.make(options), make))
