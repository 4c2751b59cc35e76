// Profile edits that touch both places a profile lives: its entry in `config.json` (ProfileStore)
// and its tokens in the vault. The config is checked first, so an invalid config (exit 7) stops an
// edit before the vault changes; when the second step fails, the first is undone.
import { Profile, ProfileStore } from "@cchdrm/core"
import { Vault } from "@cchdrm/credentials"
import type { VaultEntry } from "@cchdrm/credentials"
import { Effect, Either, Schema } from "effect"
import { UsageError } from "../Errors.js"

/** Where `profiles add` takes the tokens from. */
export type TokenSource =
  | { readonly _tag: "ClaudeCode" }
  | { readonly _tag: "File"; readonly path: string }

/** A command-line profile name, or a usage error (exit 2) saying what a name may hold. */
export const parseName = (text: string) =>
  Either.match(Schema.decodeUnknownEither(Profile.ProfileName)(text), {
    onLeft: () =>
      Effect.fail(new UsageError({
        message: `'${text.slice(0, 64)}' is not a profile name: use 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit`
      })),
    onRight: Effect.succeed
  })

// `default` is Claude Code's own login: cc-hdrm never stores, removes or renames it.
const refuseDefault = (name: Profile.ProfileName, verb: string) =>
  name === Profile.defaultProfile
    ? Effect.fail(new UsageError({
      message: `'default' is Claude Code's own login and cannot be ${verb} — pick another profile name`
    }))
    : Effect.void

const notFound = (name: string, entries: ReadonlyArray<ProfileStore.ProfileEntry>) =>
  new ProfileStore.ProfileNotFound({ profile: name, known: entries.map((entry) => entry.name) })

/**
 * `profiles add`: stores the tokens in the vault, then lists the profile in the config. Adding a
 * vault profile that is already listed replaces its tokens (the re-import a failed refresh asks for).
 */
export const addProfile = Effect.fn("cli.addProfile")(function*(name: Profile.ProfileName, source: TokenSource) {
  const store = yield* ProfileStore.ProfileStore
  const vault = yield* Vault
  if (name === Profile.defaultProfile) return yield* new ProfileStore.ProfileExists({ profile: name })
  const existing = (yield* store.list).find((entry) => entry.name === name)
  if (existing !== undefined && existing.source !== "vault") return yield* new ProfileStore.ProfileExists({ profile: name })
  const entry: VaultEntry = yield* (source._tag === "File" ? vault.addFromFile(name, source.path) : vault.addFromClaudeCode(name))
  if (existing === undefined) {
    yield* store.add(new ProfileStore.ProfileEntry({ name, source: "vault" })).pipe(
      // Undo the vault step; should that fail too, the tokens stay unlisted and the next `add` replaces them.
      Effect.tapError(() => vault.remove(name).pipe(Effect.catchTags({ ProfileNotFound: () => Effect.void, ConfigFileError: () => Effect.void })))
    )
  }
  return { entry, replaced: existing !== undefined }
})

/**
 * `profiles remove`: drops the profile from the config, then its tokens from the vault (tokens
 * left behind by an interrupted edit are removed too). Returns whether it was the active profile.
 */
export const removeProfile = Effect.fn("cli.removeProfile")(function*(name: Profile.ProfileName) {
  yield* refuseDefault(name, "removed")
  const store = yield* ProfileStore.ProfileStore
  const vault = yield* Vault
  const entries = yield* store.list
  const active = yield* store.active
  const entry = entries.find((candidate) => candidate.name === name)
  const stored = (yield* vault.list).some((candidate) => candidate.profile === name)
  if (entry === undefined && !stored) return yield* notFound(name, entries)
  if (entry !== undefined) yield* store.remove(name)
  const undo = entry === undefined ? Effect.void : Effect.zipRight(
    store.add(entry),
    active === name ? store.setActive(name) : Effect.void
    // An undo that fails too leaves the config short of the entry; the first failure is what to report.
  ).pipe(Effect.catchTags({ ProfileExists: () => Effect.void, ProfileNotFound: () => Effect.void, ConfigFileError: () => Effect.void }))
  if (stored) {
    yield* vault.remove(name).pipe(
      Effect.catchTag("ProfileNotFound", () => Effect.void),
      Effect.tapError(() => undo)
    )
  }
  return { wasActive: active === name }
})

/** `profiles rename`: renames the config entry (keeping it active if it was), then the vault's tokens. */
export const renameProfile = Effect.fn("cli.renameProfile")(function*(from: Profile.ProfileName, to: Profile.ProfileName) {
  yield* refuseDefault(from, "renamed")
  yield* refuseDefault(to, "replaced")
  const store = yield* ProfileStore.ProfileStore
  const vault = yield* Vault
  const entries = yield* store.list
  if (!entries.some((entry) => entry.name === from)) return yield* notFound(from, entries)
  yield* store.rename(from, to)
  yield* vault.rename(from, to).pipe(
    // A listed profile without stored tokens has nothing to move.
    Effect.catchTag("ProfileNotFound", () => Effect.void),
    Effect.tapError(() =>
      store.rename(to, from).pipe(
        Effect.catchTags({ ProfileExists: () => Effect.void, ProfileNotFound: () => Effect.void, ConfigFileError: () => Effect.void })
      )
    )
  )
})
