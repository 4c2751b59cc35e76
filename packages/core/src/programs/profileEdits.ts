// Profile edits that touch both places a profile lives: its entry in the profile store and its
// tokens in the vault (SPEC §1.7, §5 `profiles`). The store is read first, so an unreadable config
// (exit 7) stops an edit before the vault changes; when the second step fails, the first is undone.
import { Effect, Either, Option, Schema } from "effect"
import * as Profile from "../domain/Profile.js"
import type * as ProfileList from "../domain/ProfileList.js"
import { UsageError } from "../domain/UsageError.js"
import { ProfileEntry, ProfileExists, ProfileNotFound, ProfileStore } from "../services/ProfileStore.js"
import { Vault } from "../services/Vault.js"

/** Where `profiles add` takes the tokens from. */
export type TokenSource =
  | { readonly _tag: "ClaudeCode" }
  | { readonly _tag: "File"; readonly path: string }

/** The source `profiles add` was given: exactly one of Claude Code's login or a token file, else a `UsageError` (exit 2). */
export const tokenSource = (fromClaudeCode: boolean, tokenFile: Option.Option<string>): Effect.Effect<TokenSource, UsageError> =>
  fromClaudeCode === Option.isSome(tokenFile)
    ? Effect.fail(new UsageError({ message: "profiles add needs exactly one of --from-claude-code or --token-file FILE" }))
    : Effect.succeed(Option.match(tokenFile, { onNone: () => ({ _tag: "ClaudeCode" }) as const, onSome: (path) => ({ _tag: "File", path }) as const }))

/** A profile name given by a user, or a `UsageError` (exit 2) saying what a name may hold. */
export const parseName = (text: string): Effect.Effect<Profile.ProfileName, UsageError> =>
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
    ? Effect.fail(new UsageError({ message: `'default' is Claude Code's own login and cannot be ${verb} — pick another profile name` }))
    : Effect.void

const notFound = (name: string, entries: ReadonlyArray<ProfileEntry>) =>
  new ProfileNotFound({ profile: name, known: entries.map((entry) => entry.name) })

// An undo is best effort: should it fail too, the first failure is the one to report. Only
// expected failures are dropped; a defect still fails loudly.
const quietly = <E>(undo: Effect.Effect<void, E>) => Effect.catchAll(undo, () => Effect.void)

/** Every profile with its source, whether it is active, and what the vault knows of it (never a token). */
export const listProfiles = Effect.fn("listProfiles")(function*() {
  const store = yield* ProfileStore
  const entries = yield* store.list
  const active = yield* store.active
  const vault = yield* (yield* Vault).list
  return entries.map((entry): ProfileList.Row => ({
    name: entry.name,
    source: entry.source,
    active: entry.name === active,
    stored: entry.source === "vault" ? vault.find((item) => item.profile === entry.name) : undefined
  }))
})

/**
 * `profiles add`: stores the tokens in the vault, then lists the profile. Adding a vault profile
 * that is already listed replaces its tokens (the re-import a failed refresh asks for).
 */
export const addProfile = Effect.fn("addProfile")(function*(name: Profile.ProfileName, source: TokenSource) {
  const store = yield* ProfileStore
  const vault = yield* Vault
  if (name === Profile.defaultProfile) return yield* new ProfileExists({ profile: name })
  const existing = (yield* store.list).find((entry) => entry.name === name)
  if (existing !== undefined && existing.source !== "vault") return yield* new ProfileExists({ profile: name })
  const entry = yield* (source._tag === "File" ? vault.addFromFile(name, source.path) : vault.addFromClaudeCode(name))
  if (existing === undefined) {
    // Should the undo fail too, the tokens stay unlisted and the next `add` replaces them.
    yield* store.add(new ProfileEntry({ name, source: "vault" })).pipe(Effect.tapError(() => quietly(vault.remove(name))))
  }
  return { entry, replaced: existing !== undefined }
})

/**
 * `profiles remove`: drops the profile from the store, then its tokens from the vault (tokens left
 * behind by an interrupted edit are removed too). Returns whether it was the active profile.
 */
export const removeProfile = Effect.fn("removeProfile")(function*(name: Profile.ProfileName) {
  yield* refuseDefault(name, "removed")
  const store = yield* ProfileStore
  const vault = yield* Vault
  const entries = yield* store.list
  const active = yield* store.active
  const entry = entries.find((candidate) => candidate.name === name)
  const stored = (yield* vault.list).some((candidate) => candidate.profile === name)
  if (entry === undefined && !stored) return yield* notFound(name, entries)
  if (entry !== undefined) yield* store.remove(name)
  const undo = entry === undefined
    ? Effect.void
    : quietly(Effect.zipRight(store.add(entry), active === name ? store.setActive(name) : Effect.void))
  if (stored) {
    yield* vault.remove(name).pipe(Effect.catchTag("ProfileNotFound", () => Effect.void), Effect.tapError(() => undo))
  }
  return { wasActive: active === name }
})

/** `profiles rename`: renames the store's entry (it stays active if it was), then the vault's tokens. */
export const renameProfile = Effect.fn("renameProfile")(function*(from: Profile.ProfileName, to: Profile.ProfileName) {
  yield* refuseDefault(from, "renamed")
  yield* refuseDefault(to, "replaced")
  const store = yield* ProfileStore
  const vault = yield* Vault
  const entries = yield* store.list
  if (!entries.some((entry) => entry.name === from)) return yield* notFound(from, entries)
  yield* store.rename(from, to)
  yield* vault.rename(from, to).pipe(
    // A listed profile without stored tokens has nothing to move.
    Effect.catchTag("ProfileNotFound", () => Effect.void),
    Effect.tapError(() => quietly(store.rename(to, from)))
  )
})

/** `profiles use`: makes `name` the active profile (the headline of every frontend). */
export const useProfile = Effect.fn("useProfile")(function*(name: Profile.ProfileName) {
  yield* (yield* ProfileStore).setActive(name)
})
