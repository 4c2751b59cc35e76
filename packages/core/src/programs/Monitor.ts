// Monitor: every profile polled on its own schedule, its state published to frontends (SPEC §1.6, §1.7).
import { Clock, Context, Deferred, Duration, Effect, FiberMap, Layer, Option, Ref, Stream, SubscriptionRef } from "effect"
import type { Scope } from "effect"
import * as Preferences from "../domain/Preferences.js"
import { defaultProfile, type ProfileName } from "../domain/Profile.js"
import * as Rollup from "../domain/Rollup.js"
import * as Slope from "../domain/Slope.js"
import type { ErrorReport } from "../domain/StatusReport.js"
import type { CredentialStore } from "../services/CredentialStore.js"
import type { Notifier } from "../services/Notifier.js"
import { PreferencesStore } from "../services/PreferencesStore.js"
import type { ConfigFileError } from "../services/ConfigFileError.js"
import { type ProfileEntry, type ProfileNotFound, ProfileStore } from "../services/ProfileStore.js"
import type { TokenRefresher } from "../services/TokenRefresher.js"
import type { UsageApi } from "../services/UsageApi.js"
import { UsageHistory } from "../services/UsageHistory.js"
import * as MonitorState from "./MonitorState.js"
import { pollProfile } from "./pollProfile.js"
import * as ProfileState from "./ProfileState.js"

/** The running monitor. */
export class Monitor extends Context.Tag("@cchdrm/core/Monitor")<Monitor, {
  /** The current state of every profile; frontends read it or subscribe to its changes. */
  readonly state: SubscriptionRef.SubscriptionRef<MonitorState.MonitorState>
  /** The current state, then every change. */
  readonly changes: Stream.Stream<MonitorState.MonitorState>
  /** Polls every profile at once (and picks up added or removed profiles). */
  readonly refreshNow: Effect.Effect<void>
  /**
   * Polls one profile now — what a "refresh" key or button does: the endpoint allows about one
   * request per two minutes per account, so a UI never polls every account at once. A pending
   * `Retry-After` still holds (SPEC §1.5).
   */
  readonly refresh: (profile: ProfileName) => Effect.Effect<void>
  /** Makes `profile` the active one through the `ProfileStore`, so every frontend follows. */
  readonly setActive: (profile: ProfileName) => Effect.Effect<void, ProfileNotFound | ConfigFileError>
}>() {}

/** What the monitor needs. */
export type Requirements =
  | CredentialStore
  | TokenRefresher
  | UsageApi
  | UsageHistory
  | Notifier
  | PreferencesStore
  | ProfileStore

// Why a wait ends early: "refresh now" (of every profile, or of one), or new preferences (a new
// interval moves every deadline).
type Wake =
  | { readonly _tag: "refresh"; readonly profile: ProfileName | null }
  | { readonly _tag: "preferences" }

interface Slot {
  readonly entry: ProfileEntry
  readonly state: ProfileState.ProfileState
  readonly nextPollAt: number | null
  readonly polling: boolean
}

interface Internal {
  readonly order: ReadonlyArray<ProfileEntry>
  readonly slots: ReadonlyMap<ProfileName, Slot>
  readonly activeProfile: ProfileName
  readonly errors: { readonly profiles: ErrorReport | null; readonly preferences: ErrorReport | null; readonly history: ErrorReport | null }
}

/** How long a broken config file is left before it is read again. */
export const preferencesRetry = Duration.seconds(5)

const report = (error: { readonly _tag: string; readonly message: string }): ErrorReport => ({ code: error._tag, message: error.message })

/**
 * Starts the monitor in the current scope: one fiber per profile, so a hung or failing profile
 * never delays another; at most `concurrency` cycles at once; per-profile backoff (SPEC §1.6);
 * a new poll interval moves every pending deadline at once; profiles added or removed are picked
 * up each interval and on `refreshNow`; slope buffers start from the last 15 minutes of history;
 * rollups run at most hourly. Closing the scope stops everything.
 */
export const make: Effect.Effect<Context.Tag.Service<Monitor>, never, Scope.Scope | Requirements> = Effect.gen(function*() {
  const profileStore = yield* ProfileStore
  const preferencesStore = yield* PreferencesStore
  const history = yield* UsageHistory

  const firstPreferences = yield* preferencesStore.get.pipe(
    Effect.map((preferences) => ({ preferences, error: null as ErrorReport | null })),
    Effect.catchTags({
      PreferencesInvalid: (error) => Effect.succeed({ preferences: Preferences.defaults, error: report(error) }),
      ConfigFileError: (error) => Effect.succeed({ preferences: Preferences.defaults, error: report(error) })
    })
  )
  const preferences = yield* Ref.make(firstPreferences.preferences)
  const internal = yield* Ref.make<Internal>({
    order: [],
    slots: new Map(),
    // Filled from the ProfileStore by the first `sync`: the store is the one source of truth.
    activeProfile: defaultProfile,
    errors: { profiles: null, preferences: firstPreferences.error, history: null }
  })
  const state = yield* SubscriptionRef.make(MonitorState.empty(firstPreferences.preferences, defaultProfile))
  const semaphore = yield* Effect.makeSemaphore(firstPreferences.preferences.concurrency)
  const signal = yield* Ref.make(yield* Deferred.make<Wake>())
  const fibers = yield* FiberMap.make<ProfileName>()

  const publish = Effect.gen(function*() {
    const current = yield* Ref.get(internal)
    const prefs = yield* Ref.get(preferences)
    const { errors } = current
    yield* SubscriptionRef.set(state, {
      profiles: current.order.flatMap((entry) => {
        const slot = current.slots.get(entry.name)
        return slot === undefined ? [] : [MonitorState.viewOf(slot.entry, slot.state, prefs, slot)]
      }),
      activeProfile: current.activeProfile,
      preferences: prefs,
      error: errors.profiles ?? errors.preferences ?? errors.history
    })
  })

  const update = (f: (current: Internal) => Internal) => Effect.zipRight(Ref.update(internal, f), publish)

  const updateSlot = (name: ProfileName, f: (slot: Slot) => Slot) =>
    update((current) => {
      const slot = current.slots.get(name)
      return slot === undefined ? current : { ...current, slots: new Map(current.slots).set(name, f(slot)) }
    })

  const wake = (reason: Wake) =>
    Effect.gen(function*() {
      const next = yield* Deferred.make<Wake>()
      const previous = yield* Ref.getAndSet(signal, next)
      yield* Deferred.succeed(previous, reason)
    })

  // Waits until `from` + the delay `delayOf` gives for the current preferences, or until `endsOn`
  // accepts a wake. New preferences recompute the deadline, so a shorter interval cuts the wait
  // (SPEC §1.6).
  const waitFrom = (
    from: number,
    delayOf: (prefs: Preferences.Preferences) => number,
    onDeadline: (at: number) => Effect.Effect<void>,
    endsOn: (wake: Wake, now: number) => boolean
  ) =>
    Effect.gen(function*() {
      while (true) {
        const woken = yield* Ref.get(signal)
        const deadline = from + delayOf(yield* Ref.get(preferences))
        const now = yield* Clock.currentTimeMillis
        if (now >= deadline) return
        yield* onDeadline(deadline)
        const reason = yield* Effect.raceFirst(Effect.as(Effect.sleep(deadline - now), null), Deferred.await(woken))
        if (reason === null || endsOn(reason, yield* Clock.currentTimeMillis)) return
      }
    })

  const profileLoop = (entry: ProfileEntry) =>
    Effect.gen(function*() {
      const start = yield* Clock.currentTimeMillis
      const recent = yield* history.polls(entry.name, start - Slope.spanMillis, start + 1).pipe(
        Effect.catchTag("HistoryError", () => Effect.succeed([]))
      )
      const latest = yield* history.latest(entry.name).pipe(Effect.catchTag("HistoryError", () => Effect.succeedNone))
      let current = ProfileState.bootstrap(entry.name, recent, latest)
      yield* updateSlot(entry.name, (slot) => ({ ...slot, state: current }))
      while (true) {
        const prefs = yield* Ref.get(preferences)
        const multipleProfiles = (yield* Ref.get(internal)).order.length > 1
        current = yield* semaphore.withPermits(1)(pollProfile(entry, current, { preferences: prefs, multipleProfiles }))
        const polled = current
        yield* updateSlot(entry.name, (slot) => ({ ...slot, state: polled, polling: false }))
        yield* waitFrom(
          polled.lastPollAt ?? 0,
          (prefs) => ProfileState.delayMillis(polled, prefs.pollIntervalSeconds),
          (at) => updateSlot(entry.name, (slot) => ({ ...slot, nextPollAt: at })),
          (wake, now) => wake._tag === "refresh" && (wake.profile === null || wake.profile === entry.name) &&
            !ProfileState.retryPending(polled, now)
        )
        yield* updateSlot(entry.name, (slot) => ({ ...slot, nextPollAt: null, polling: true }))
      }
    })

  // The active profile as the ProfileStore has it (another process may have changed it); an
  // unreadable store keeps the last one, its error is reported by `sync`.
  const readActive = profileStore.active.pipe(
    Effect.flatMap((activeProfile) => update((current) => ({ ...current, activeProfile }))),
    Effect.catchTag("ConfigFileError", () => Effect.void)
  )

  // Reads the profile list: starts a fiber for each new profile, stops those of removed ones.
  const sync = Effect.gen(function*() {
    const listed = yield* profileStore.list.pipe(
      Effect.tap(() => update((current) => ({ ...current, errors: { ...current.errors, profiles: null } }))),
      Effect.map(Option.some),
      Effect.catchTag("ConfigFileError", (error) =>
        Effect.as(update((current) => ({ ...current, errors: { ...current.errors, profiles: report(error) } })), Option.none()))
    )
    if (Option.isNone(listed)) return
    const entries = listed.value
    const before = (yield* Ref.get(internal)).slots
    const names = new Set(entries.map((entry) => entry.name))
    for (const name of before.keys()) if (!names.has(name)) yield* FiberMap.remove(fibers, name)
    yield* update((current) => {
      const slots = new Map<ProfileName, Slot>()
      for (const entry of entries) {
        slots.set(entry.name, current.slots.get(entry.name) ?? { entry, state: ProfileState.initial(entry.name), nextPollAt: null, polling: true })
      }
      return { ...current, order: entries, slots }
    })
    yield* readActive
    for (const entry of entries) {
      if (!before.has(entry.name)) yield* FiberMap.run(fibers, entry.name, profileLoop(entry), { onlyIfMissing: true })
    }
  })

  const supervise = Effect.gen(function*() {
    while (true) {
      const from = yield* Clock.currentTimeMillis
      yield* waitFrom(from, (prefs) => prefs.pollIntervalSeconds * 1_000, () => Effect.void, (wake) => wake._tag === "refresh")
      yield* sync
    }
  })

  const followPreferences = preferencesStore.changes.pipe(
    Stream.runForEach((prefs) =>
      Effect.gen(function*() {
        yield* Ref.set(preferences, prefs)
        yield* semaphore.resize(prefs.concurrency)
        yield* update((current) => ({ ...current, errors: { ...current.errors, preferences: null } }))
        yield* readActive
        yield* wake({ _tag: "preferences" })
      })
    ),
    Effect.catchTags({
      PreferencesInvalid: (error) => update((current) => ({ ...current, errors: { ...current.errors, preferences: report(error) } })),
      ConfigFileError: (error) => update((current) => ({ ...current, errors: { ...current.errors, preferences: report(error) } }))
    }),
    // A broken config file stays reported, with the last good preferences in force, until it is
    // fixed: follow it again after a pause instead of giving up on it.
    Effect.zipRight(Effect.sleep(preferencesRetry)),
    Effect.forever
  )

  // Rollups and retention at most hourly (SPEC §4); queries run them too, so this only keeps them small.
  const maintain = Effect.gen(function*() {
    let lastRunAt: number | null = null
    while (true) {
      const now = yield* Clock.currentTimeMillis
      if (Rollup.shouldRun(now, lastRunAt)) {
        lastRunAt = now
        const retentionDays = (yield* Ref.get(preferences)).retentionDays
        const problem = yield* history.maintain({ now, retentionDays }).pipe(
          Effect.as(null),
          Effect.catchTag("HistoryError", (error) => Effect.succeed(report(error)))
        )
        yield* update((current) => ({ ...current, errors: { ...current.errors, history: problem } }))
      }
      yield* Effect.sleep(Rollup.runIntervalMillis)
    }
  })

  yield* sync
  yield* Effect.forkScoped(supervise)
  yield* Effect.forkScoped(followPreferences)
  yield* Effect.forkScoped(maintain)

  const setActive = (profile: ProfileName) => Effect.zipRight(profileStore.setActive(profile), readActive)

  return Monitor.of({
    state,
    changes: state.changes,
    refreshNow: wake({ _tag: "refresh", profile: null }),
    refresh: (profile) => wake({ _tag: "refresh", profile }),
    setActive
  })
})

/** The monitor as a layer: it runs while the layer's scope is open. */
export const layer: Layer.Layer<Monitor, never, Requirements> = Layer.scoped(Monitor, make)

/** Runs the monitor until interrupted (daemon mode, the tray's main process). */
export const run: Effect.Effect<never, never, Requirements> = Effect.scoped(Effect.zipRight(make, Effect.never))
