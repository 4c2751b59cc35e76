// ScriptedTokenRefresher: a token refresher that answers from a per-profile script.
import { Clock, Context, Effect, Layer, Redacted, Ref } from "effect"
import type { ProfileName } from "../domain/Profile.js"
import { Credentials, type CredentialSource } from "../services/CredentialStore.js"
import { type TokenExpired, type TokenRefreshFailed, TokenRefresher } from "../services/TokenRefresher.js"

/** How long rotated tokens live by default. */
export const defaultLifetimeMillis = 8 * 3_600_000

/** A successful refresh: the new credentials from the old ones, the time and the refresh's number (1, 2, …). */
export interface Refreshed {
  readonly _tag: "Refreshed"
  readonly update: (old: Credentials, now: number, call: number) => Credentials
}

/** One scripted answer: new credentials, or one of the refresher's errors. */
export type Step = Refreshed | TokenExpired | TokenRefreshFailed

/**
 * Rotates both tokens (`rotated-access-<n>`, `rotated-refresh-<n>` at the profile's n-th refresh)
 * with `expiresAt` = now + 8 h, keeping the other fields — what the real endpoint does.
 */
export const rotate: Refreshed = {
  _tag: "Refreshed",
  update: (old, now, call) =>
    new Credentials({
      ...old,
      accessToken: Redacted.make(`rotated-access-${call}`),
      refreshToken: Redacted.make(`rotated-refresh-${call}`),
      expiresAt: now + defaultLifetimeMillis
    })
}

/** A successful refresh computed by `update`. */
export const refreshed = (update: Refreshed["update"]): Refreshed => ({ _tag: "Refreshed", update })

/** A refresh call as the refresher received it. */
export interface Call {
  readonly profile: ProfileName
  readonly source: CredentialSource
  readonly credentials: Credentials
}

/** Drives and inspects a `ScriptedTokenRefresher`. */
export class ScriptedTokenRefresherControl extends Context.Tag("@cchdrm/core/testing/ScriptedTokenRefresherControl")<
  ScriptedTokenRefresherControl,
  {
    /** Appends answers for the profile's next refreshes; once used up, the default answers. */
    readonly script: (profile: ProfileName, ...steps: ReadonlyArray<Step>) => Effect.Effect<void>
    /** The answer when the profile's script is empty (initially `rotate`). */
    readonly setDefault: (profile: ProfileName, step: Step) => Effect.Effect<void>
    /** How many refreshes the profile asked for. */
    readonly calls: (profile: ProfileName) => Effect.Effect<number>
    /** The refresh calls of the profile, oldest first. */
    readonly received: (profile: ProfileName) => Effect.Effect<ReadonlyArray<Call>>
  }
>() {}

interface State {
  readonly scripts: ReadonlyMap<ProfileName, ReadonlyArray<Step>>
  readonly defaults: ReadonlyMap<ProfileName, Step>
  readonly calls: ReadonlyArray<Call>
}

/** Builds the refresher and its control. */
export const make = Effect.gen(function*() {
  const state = yield* Ref.make<State>({ scripts: new Map(), defaults: new Map(), calls: [] })

  const refresh = Effect.fn("TokenRefresher.refresh")(function*(
    profile: ProfileName,
    source: CredentialSource,
    credentials: Credentials
  ) {
    const { call, step } = yield* Ref.modify(state, (s) => {
      const [head, ...rest] = s.scripts.get(profile) ?? []
      const calls = [...s.calls, { profile, source, credentials }]
      const step = head ?? s.defaults.get(profile) ?? rotate
      const call = calls.filter((c) => c.profile === profile).length
      return [{ call, step }, { ...s, calls, scripts: new Map(s.scripts).set(profile, rest) }]
    })
    if (step._tag === "Refreshed") return step.update(credentials, yield* Clock.currentTimeMillis, call)
    return yield* step
  })

  const received = (profile: ProfileName) => Effect.map(Ref.get(state), (s) => s.calls.filter((c) => c.profile === profile))
  const control = ScriptedTokenRefresherControl.of({
    script: (profile, ...steps) =>
      Ref.update(state, (s) => ({ ...s, scripts: new Map(s.scripts).set(profile, [...(s.scripts.get(profile) ?? []), ...steps]) })),
    setDefault: (profile, step) => Ref.update(state, (s) => ({ ...s, defaults: new Map(s.defaults).set(profile, step) })),
    calls: (profile) => Effect.map(received(profile), (calls) => calls.length),
    received
  })
  return { service: TokenRefresher.of({ refresh }), control }
})

/** The refresher and its control; every profile rotates its tokens until scripted otherwise. */
export const layer: Layer.Layer<TokenRefresher | ScriptedTokenRefresherControl> = Layer.effectContext(
  Effect.map(make, ({ control, service }) =>
    Context.make(TokenRefresher, service).pipe(Context.add(ScriptedTokenRefresherControl, control)))
)
