// ScriptedUsageApi: the usage API answering from a per-profile script, timed by the Clock.
import { Clock, Context, Duration, Effect, Layer, Ref } from "effect"
import type { Redacted } from "effect"
import type { ProfileName } from "../domain/Profile.js"
import { UsageSnapshot } from "../domain/Usage.js"
import { AccountProfile, type RequestContext, UsageApi, type UsageApiError } from "../services/UsageApi.js"
import * as Fixtures from "./Fixtures.js"

/** Waits (with `Effect.sleep`, so `TestClock` drives it), then answers with `then`. */
export interface Delay {
  readonly _tag: "Delay"
  readonly duration: Duration.Duration
  readonly then: Step
}

/** Never answers, like a request stuck until its timeout. */
export interface Hang {
  readonly _tag: "Hang"
}

/**
 * One scripted answer to a usage request: a snapshot, a snapshot made at answer time from the
 * Clock's `now` and the request, an error, a delayed answer, or no answer at all.
 */
export type Step =
  | UsageSnapshot
  | ((now: number, context: RequestContext) => UsageSnapshot)
  | UsageApiError
  | Delay
  | Hang

/** Answers with `then` after `duration`. */
export const delay = (duration: Duration.DurationInput, then: Step): Delay => ({
  _tag: "Delay",
  duration: Duration.decode(duration),
  then
})

/** Never answers. */
export const hang: Hang = { _tag: "Hang" }

/** A fresh default snapshot of the requested profile and tier, stamped with the Clock's time. */
export const fresh = (now: number, context: RequestContext): UsageSnapshot =>
  Fixtures.snapshot({ profile: context.profile, fetchedAt: now, tier: context.tier })

/** The account `fetchProfile` reports by default: `account-<profile>`. */
export const defaultAccount = (context: RequestContext): AccountProfile =>
  new AccountProfile({
    accountId: `account-${context.profile}`,
    email: `${context.profile}@example.com`,
    displayName: context.profile,
    subscriptionType: "max",
    rateLimitTier: context.tier
  })

/** Drives and inspects a `ScriptedUsageApi`. */
export class ScriptedUsageApiControl extends Context.Tag("@cchdrm/core/testing/ScriptedUsageApiControl")<
  ScriptedUsageApiControl,
  {
    /** Appends answers for the profile's next usage requests; once used up, the default answers. */
    readonly script: (profile: ProfileName, ...steps: ReadonlyArray<Step>) => Effect.Effect<void>
    /** The answer when the profile's script is empty (initially `fresh`). */
    readonly setDefault: (profile: ProfileName, step: Step) => Effect.Effect<void>
    /** What `fetchProfile` answers for the profile (initially `defaultAccount`). */
    readonly setAccount: (profile: ProfileName, answer: AccountProfile | UsageApiError) => Effect.Effect<void>
    /** How many usage requests the profile made (counted when the request starts). */
    readonly calls: (profile: ProfileName) => Effect.Effect<number>
    /** The access tokens of the profile's usage requests, oldest first. */
    readonly tokensSeen: (profile: ProfileName) => Effect.Effect<ReadonlyArray<Redacted.Redacted<string>>>
    /** How many profile requests the profile made. */
    readonly profileCalls: (profile: ProfileName) => Effect.Effect<number>
  }
>() {}

interface State {
  readonly scripts: ReadonlyMap<ProfileName, ReadonlyArray<Step>>
  readonly defaults: ReadonlyMap<ProfileName, Step>
  readonly accounts: ReadonlyMap<ProfileName, AccountProfile | UsageApiError>
  readonly tokens: ReadonlyMap<ProfileName, ReadonlyArray<Redacted.Redacted<string>>>
  readonly profileCalls: ReadonlyMap<ProfileName, number>
}

const answer = (step: Step, context: RequestContext): Effect.Effect<UsageSnapshot, UsageApiError> => {
  if (step instanceof UsageSnapshot) return Effect.succeed(step)
  if (typeof step === "function") return Effect.map(Clock.currentTimeMillis, (now) => step(now, context))
  switch (step._tag) {
    case "Delay":
      return Effect.zipRight(Effect.sleep(step.duration), answer(step.then, context))
    case "Hang":
      return Effect.never
    default:
      return Effect.fail(step)
  }
}

/** Builds the API and its control. */
export const make = Effect.gen(function*() {
  const state = yield* Ref.make<State>({
    scripts: new Map(),
    defaults: new Map(),
    accounts: new Map(),
    tokens: new Map(),
    profileCalls: new Map()
  })

  const fetchUsage = Effect.fn("UsageApi.fetchUsage")(function*(accessToken: Redacted.Redacted<string>, context: RequestContext) {
    const { profile } = context
    const step = yield* Ref.modify(state, (s) => {
      const [head, ...rest] = s.scripts.get(profile) ?? []
      return [head ?? s.defaults.get(profile) ?? fresh, {
        ...s,
        scripts: new Map(s.scripts).set(profile, rest),
        tokens: new Map(s.tokens).set(profile, [...(s.tokens.get(profile) ?? []), accessToken])
      }]
    })
    return yield* answer(step, context)
  })

  const fetchProfile = Effect.fn("UsageApi.fetchProfile")(function*(_accessToken: Redacted.Redacted<string>, context: RequestContext) {
    const { profile } = context
    const account = yield* Ref.modify(state, (s) => [
      s.accounts.get(profile) ?? defaultAccount(context),
      { ...s, profileCalls: new Map(s.profileCalls).set(profile, (s.profileCalls.get(profile) ?? 0) + 1) }
    ])
    if (account instanceof AccountProfile) return account
    return yield* Effect.fail(account)
  })

  const tokensSeen = (profile: ProfileName) => Effect.map(Ref.get(state), (s) => s.tokens.get(profile) ?? [])
  const control = ScriptedUsageApiControl.of({
    script: (profile, ...steps) =>
      Ref.update(state, (s) => ({ ...s, scripts: new Map(s.scripts).set(profile, [...(s.scripts.get(profile) ?? []), ...steps]) })),
    setDefault: (profile, step) => Ref.update(state, (s) => ({ ...s, defaults: new Map(s.defaults).set(profile, step) })),
    setAccount: (profile, account) => Ref.update(state, (s) => ({ ...s, accounts: new Map(s.accounts).set(profile, account) })),
    calls: (profile) => Effect.map(tokensSeen(profile), (tokens) => tokens.length),
    tokensSeen,
    profileCalls: (profile) => Effect.map(Ref.get(state), (s) => s.profileCalls.get(profile) ?? 0)
  })
  return { service: UsageApi.of({ fetchUsage, fetchProfile }), control }
})

/** The API and its control; every profile answers a fresh default snapshot until scripted otherwise. */
export const layer: Layer.Layer<UsageApi | ScriptedUsageApiControl> = Layer.effectContext(
  Effect.map(make, ({ control, service }) => Context.make(UsageApi, service).pipe(Context.add(ScriptedUsageApiControl, control)))
)
