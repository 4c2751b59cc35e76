// The memory layers every program test runs on, plus a recorder of usage requests (when each
// started and ended, how many were in flight) and of history maintenance runs.
import { Clock, Context, Effect, Layer, Ref } from "effect"
import * as Preferences from "../../src/domain/Preferences.js"
import type { ProfileName } from "../../src/domain/Profile.js"
import { CredentialSource } from "../../src/services/CredentialStore.js"
import { ProfileEntry } from "../../src/services/ProfileStore.js"
import { UsageApi } from "../../src/services/UsageApi.js"
import { UsageHistory } from "../../src/services/UsageHistory.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as MemoryCredentialStore from "../../src/testing/MemoryCredentialStore.js"
import * as MemoryNotifier from "../../src/testing/MemoryNotifier.js"
import * as MemoryPreferencesStore from "../../src/testing/MemoryPreferencesStore.js"
import * as MemoryProfileStore from "../../src/testing/MemoryProfileStore.js"
import * as MemoryUsageHistory from "../../src/testing/MemoryUsageHistory.js"
import * as ScriptedTokenRefresher from "../../src/testing/ScriptedTokenRefresher.js"
import * as ScriptedUsageApi from "../../src/testing/ScriptedUsageApi.js"

/** One usage request as the recorder saw it. */
export interface Request {
  readonly profile: ProfileName
  readonly at: number
}

/** What the recorder remembers. */
export class Recorder extends Context.Tag("test/programs/Recorder")<Recorder, {
  /** Usage requests, in the order they started. */
  readonly requests: Effect.Effect<ReadonlyArray<Request>>
  /** The most requests ever in flight at once. */
  readonly maxInFlight: Effect.Effect<number>
  /** The times `UsageHistory.maintain` ran. */
  readonly maintained: Effect.Effect<ReadonlyArray<number>>
}>() {}

/** Seconds since the start of `TestClock` at which `profile`'s requests started. */
export const requestTimes = (profile: ProfileName) =>
  Effect.flatMap(Recorder, (recorder) =>
    Effect.map(recorder.requests, (all) => all.filter((request) => request.profile === profile).map((request) => request.at / 1_000)))

// Wraps the scripted API and the memory history so the recorder sees every request and maintenance run.
const recording = Layer.effectContext(
  Effect.gen(function*() {
    const api = yield* UsageApi
    const history = yield* UsageHistory
    const requests = yield* Ref.make<ReadonlyArray<Request>>([])
    const inFlight = yield* Ref.make(0)
    const maxInFlight = yield* Ref.make(0)
    const maintained = yield* Ref.make<ReadonlyArray<number>>([])
    const fetchUsage: typeof api.fetchUsage = (token, context) =>
      Effect.gen(function*() {
        const at = yield* Clock.currentTimeMillis
        yield* Ref.update(requests, (all) => [...all, { profile: context.profile, at }])
        const now = yield* Ref.updateAndGet(inFlight, (n) => n + 1)
        yield* Ref.update(maxInFlight, (max) => Math.max(max, now))
        return yield* api.fetchUsage(token, context)
      }).pipe(Effect.ensuring(Ref.update(inFlight, (n) => n - 1)))
    const maintain: typeof history.maintain = (options) =>
      Effect.zipRight(Ref.update(maintained, (all) => [...all, options.now]), history.maintain(options))
    return Context.make(UsageApi, UsageApi.of({ ...api, fetchUsage })).pipe(
      Context.add(UsageHistory, UsageHistory.of({ ...history, maintain })),
      Context.add(Recorder, Recorder.of({
        requests: Ref.get(requests),
        maxInFlight: Ref.get(maxInFlight),
        maintained: Ref.get(maintained)
      }))
    )
  })
)

/** A watched profile for tests. */
export const entry = (name: string, source: CredentialSource = name === "default" ? "claude-code" : "vault"): ProfileEntry =>
  new ProfileEntry({ name: Fixtures.profile(name), source })

/** How a test environment starts. */
export interface Options {
  /** The watched profiles (default: only `default`); each gets default credentials unless listed in `credentials`. */
  readonly profiles?: ReadonlyArray<string>
  readonly credentials?: ReadonlyArray<MemoryCredentialStore.Entry>
  readonly preferences?: Partial<ConstructorParameters<typeof Preferences.Preferences>[0]>
}

/** Every service a program needs, in memory, with their controls and the recorder. */
export const layer = (options: Options = {}) => {
  const names = options.profiles ?? ["default"]
  const entries = names.map((name) => entry(name))
  const given = new Set((options.credentials ?? []).map((c) => c.profile))
  const credentials = [
    ...(options.credentials ?? []),
    ...entries.filter((e) => !given.has(e.name)).map((e) => ({ profile: e.name, source: e.source, credentials: Fixtures.credentials() }))
  ]
  const base = Layer.mergeAll(
    MemoryCredentialStore.layer(credentials),
    ScriptedTokenRefresher.layer,
    ScriptedUsageApi.layer,
    MemoryUsageHistory.layer(),
    MemoryNotifier.layer,
    MemoryPreferencesStore.layer(new Preferences.Preferences(options.preferences ?? {})),
    MemoryProfileStore.layer(entries)
  )
  return Layer.provideMerge(recording, base)
}
