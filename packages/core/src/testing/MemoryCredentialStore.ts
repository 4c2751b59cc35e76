// MemoryCredentialStore: credentials kept in memory, with a control to change them behind the program's back.
import { Context, Effect, Layer, Redacted, Ref } from "effect"
import { defaultProfile, type ProfileName } from "../domain/Profile.js"
import {
  CredentialsNotFound,
  CredentialStore,
  CredentialsWriteFailed,
  type Credentials,
  type CredentialSource
} from "../services/CredentialStore.js"

/** One profile's starting state; `credentials: null` means the profile's store holds none. */
export interface Entry {
  readonly profile: ProfileName
  readonly source: CredentialSource
  readonly credentials: Credentials | null
}

/** A write-back that replaced the stored credentials. */
export interface Write {
  readonly profile: ProfileName
  readonly credentials: Credentials
}

/** Drives and inspects a `MemoryCredentialStore`. */
export class MemoryCredentialStoreControl extends Context.Tag("@cchdrm/core/testing/MemoryCredentialStoreControl")<
  MemoryCredentialStoreControl,
  {
    /** Replaces a profile's credentials, as another tool rotating them would; `null` removes them. */
    readonly set: (profile: ProfileName, credentials: Credentials | null, source?: CredentialSource) => Effect.Effect<void>
    /** The stored credentials, `null` when none. */
    readonly get: (profile: ProfileName) => Effect.Effect<Credentials | null>
    /** The successful write-backs, oldest first. */
    readonly writes: Effect.Effect<ReadonlyArray<Write>>
    /** Makes the profile's write-backs fail with `CredentialsWriteFailed` (`null` lets them succeed again). */
    readonly failWrites: (profile: ProfileName, problem: string | null) => Effect.Effect<void>
  }
>() {}

/** Where the memory store says it looked, for `CredentialsNotFound`. */
export const location = (profile: ProfileName): string => `memory:${profile}`

interface State {
  readonly entries: ReadonlyMap<ProfileName, { readonly source: CredentialSource; readonly credentials: Credentials | null }>
  readonly writes: ReadonlyArray<Write>
  readonly failing: ReadonlyMap<ProfileName, string>
}

// A profile the store was never told about is a vault profile, except `default`.
const fallbackSource = (profile: ProfileName): CredentialSource => profile === defaultProfile ? "claude-code" : "vault"

/** Builds the store and its control. */
export const make = (initial: ReadonlyArray<Entry> = []) =>
  Effect.gen(function*() {
    const state = yield* Ref.make<State>({
      entries: new Map(initial.map((entry) => [entry.profile, { source: entry.source, credentials: entry.credentials }])),
      writes: [],
      failing: new Map()
    })
    // sourceOf is synchronous in the service, so the sources live outside the Ref as well.
    const sources = new Map<ProfileName, CredentialSource>(initial.map((entry) => [entry.profile, entry.source]))
    const sourceOf = (profile: ProfileName): CredentialSource => sources.get(profile) ?? fallbackSource(profile)

    const read = Effect.fn("CredentialStore.read")(function*(profile: ProfileName) {
      const entry = (yield* Ref.get(state)).entries.get(profile)
      if (entry === undefined || entry.credentials === null) {
        return yield* new CredentialsNotFound({ profile, source: sourceOf(profile), searched: [location(profile)] })
      }
      return entry.credentials
    })

    const writeBack = Effect.fn("CredentialStore.writeBack")(function*(
      profile: ProfileName,
      previous: Credentials,
      next: Credentials
    ) {
      const current = yield* read(profile)
      const problem = (yield* Ref.get(state)).failing.get(profile)
      if (Redacted.value(current.accessToken) !== Redacted.value(previous.accessToken)) return current
      if (problem !== undefined) return yield* new CredentialsWriteFailed({ profile, location: location(profile), problem })
      yield* Ref.update(state, (s) => ({
        ...s,
        entries: new Map(s.entries).set(profile, { source: sourceOf(profile), credentials: next }),
        writes: [...s.writes, { profile, credentials: next }]
      }))
      return next
    })

    const control = MemoryCredentialStoreControl.of({
      set: (profile, credentials, source) =>
        Effect.sync(() => {
          if (source !== undefined) sources.set(profile, source)
        }).pipe(
          Effect.zipRight(Ref.update(state, (s) => ({
            ...s,
            entries: new Map(s.entries).set(profile, { source: sourceOf(profile), credentials })
          })))
        ),
      get: (profile) => Effect.map(Ref.get(state), (s) => s.entries.get(profile)?.credentials ?? null),
      writes: Effect.map(Ref.get(state), (s) => s.writes),
      failWrites: (profile, problem) =>
        Ref.update(state, (s) => {
          const failing = new Map(s.failing)
          if (problem === null) failing.delete(profile)
          else failing.set(profile, problem)
          return { ...s, failing }
        })
    })
    return { service: CredentialStore.of({ read, sourceOf, writeBack }), control }
  })

/** The store and its control, starting from `initial`. */
export const layer = (initial: ReadonlyArray<Entry> = []): Layer.Layer<CredentialStore | MemoryCredentialStoreControl> =>
  Layer.effectContext(
    Effect.map(make(initial), ({ control, service }) =>
      Context.make(CredentialStore, service).pipe(Context.add(MemoryCredentialStoreControl, control)))
  )
