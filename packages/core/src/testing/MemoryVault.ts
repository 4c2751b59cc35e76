// MemoryVault: vault profiles in a Ref; what they were added from is all it keeps (no tokens).
import { Context, Effect, Layer, Ref } from "effect"
import { defaultProfile, type ProfileName } from "../domain/Profile.js"
import { ProfileExists, ProfileNotFound } from "../services/ProfileStore.js"
import { type AddedFrom, Vault, type VaultEntry } from "../services/Vault.js"

/** Reads what a `MemoryVault` holds. */
export class MemoryVaultControl extends Context.Tag("@cchdrm/core/testing/MemoryVaultControl")<
  MemoryVaultControl,
  {
    /** The stored profiles, in the order they were added. */
    readonly profiles: Effect.Effect<ReadonlyArray<ProfileName>>
  }
>() {}

/** A vault entry as the memory vault tells it. */
export const entry = (profile: ProfileName, addedFrom: AddedFrom = "file"): VaultEntry => ({
  profile,
  addedFrom,
  addedAt: null,
  expiresAt: null,
  subscriptionType: null,
  rateLimitTier: null
})

/** Builds the vault and its control, holding `initial`. */
export const make = (initial: ReadonlyArray<VaultEntry> = []) =>
  Effect.gen(function*() {
    const ref = yield* Ref.make<ReadonlyArray<VaultEntry>>(initial)
    const notFound = (profile: ProfileName, entries: ReadonlyArray<VaultEntry>) =>
      new ProfileNotFound({ profile, known: entries.map((e) => e.profile) })
    const add = (profile: ProfileName, from: AddedFrom) =>
      profile === defaultProfile
        ? Effect.fail(new ProfileExists({ profile }))
        : Ref.modify(ref, (entries) => {
          const added = entry(profile, from)
          return [added, [...entries.filter((e) => e.profile !== profile), added]] as const
        })
    const remove = Effect.fn("Vault.remove")(function*(profile: ProfileName) {
      const entries = yield* Ref.get(ref)
      if (!entries.some((e) => e.profile === profile)) return yield* notFound(profile, entries)
      yield* Ref.set(ref, entries.filter((e) => e.profile !== profile))
    })
    const rename = Effect.fn("Vault.rename")(function*(from: ProfileName, to: ProfileName) {
      const entries = yield* Ref.get(ref)
      if (!entries.some((e) => e.profile === from)) return yield* notFound(from, entries)
      if (entries.some((e) => e.profile === to)) return yield* new ProfileExists({ profile: to })
      yield* Ref.set(ref, entries.map((e) => e.profile === from ? { ...e, profile: to } : e))
    })
    const service = Vault.of({
      addFromClaudeCode: (profile) => add(profile, "claude-code"),
      addFromFile: (profile) => add(profile, "file"),
      remove,
      rename,
      list: Ref.get(ref)
    })
    const control = MemoryVaultControl.of({ profiles: Effect.map(Ref.get(ref), (entries) => entries.map((e) => e.profile)) })
    return { service, control }
  })

/** The vault and its control, holding `initial` (default: empty). */
export const layer = (initial: ReadonlyArray<VaultEntry> = []): Layer.Layer<Vault | MemoryVaultControl> =>
  Layer.effectContext(Effect.map(make(initial), ({ control, service }) => Context.make(Vault, service).pipe(Context.add(MemoryVaultControl, control))))
