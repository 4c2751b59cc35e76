// pollNow: one cycle of every selected profile now (concurrently, bounded), stored, with the
// status-line cache refreshed — what `status` shows and a frontend's "poll now" runs (SPEC §5).
import { Clock, Effect, Layer, Option, Stream } from "effect"
import type { ProfileName } from "../domain/Profile.js"
import type { Input } from "../domain/StatusReport.js"
import * as StatusLineView from "../domain/StatusLineView.js"
import { PreferencesStore } from "../services/PreferencesStore.js"
import { ProfileNotFound, ProfileStore } from "../services/ProfileStore.js"
import { StatusLineCache } from "../services/StatusLineCache.js"
import { Monitor } from "./Monitor.js"
import * as MonitorState from "./MonitorState.js"
import { pollProfile } from "./pollProfile.js"
import { storedState } from "./storedStatus.js"

/**
 * The profiles `only` selects: that one (`ProfileNotFound`, exit 2, when unknown), else all;
 * `active` is the stored active profile, `chosen` the one a single-profile command works on.
 */
export const selectProfiles = Effect.fn("selectProfiles")(function*(only: Option.Option<string>) {
  const store = yield* ProfileStore
  const all = yield* store.list
  const active = yield* store.active
  if (Option.isNone(only)) return { entries: all, active, chosen: active, all }
  const entry = all.find((candidate) => candidate.name === only.value)
  if (entry === undefined) return yield* new ProfileNotFound({ profile: only.value, known: all.map((e) => e.name) })
  return { entries: [entry], active, chosen: entry.name, all }
})

/** The profile a single-profile command works on: `only` when given, else the active one. */
export const chosenProfile = (only: Option.Option<string>) => Effect.map(selectProfiles(only), ({ chosen }) => chosen)

/** Leaves the status-line view of each profile of `input` in the cache. */
export const cacheViews = (input: Input, pollIntervalSeconds: number, activeProfile: ProfileName) =>
  Effect.flatMap(StatusLineCache, (cache) =>
    cache.write({
      activeProfile,
      pollIntervalSeconds,
      views: Object.fromEntries(input.profiles.map((profile) => [profile.name, StatusLineView.viewOf(profile)]))
    }))

/**
 * Polls the profiles `only` selects now: slope buffers start from the last 15 minutes of history,
 * each poll is stored, and the status-line cache is refreshed. Thresholds live only as long as
 * this poll (no account lookup for them). Returns the input of `StatusReport.make` /
 * `StatusText.lines` and the preferences in effect.
 */
export const pollNow = Effect.fn("pollNow")(function*(only: Option.Option<string>) {
  const preferences = yield* (yield* PreferencesStore).get
  const { active, all, entries } = yield* selectProfiles(only)
  const start = yield* Clock.currentTimeMillis
  const views = yield* Effect.forEach(entries, (entry) =>
    Effect.gen(function*() {
      const { state } = yield* storedState(entry.name, start)
      const polled = yield* pollProfile(entry, state, { preferences, multipleProfiles: all.length > 1, trackAccount: false })
      return MonitorState.viewOf(entry, polled, preferences, { nextPollAt: null, polling: false })
    }), { concurrency: preferences.concurrency })
  const now = yield* Clock.currentTimeMillis
  const input = MonitorState.statusInput({ profiles: views, activeProfile: active, preferences, error: null }, now)
  yield* cacheViews(input, preferences.pollIntervalSeconds, active)
  return { input, preferences }
})

/**
 * What a running monitor polls, as it lands: each batch of newly polled profiles (`StatusReport`
 * input, `generatedAt` = now), written to the status-line cache first — so `cchdrm statusline`
 * stays fresh, without polling itself, while `watch`, the dashboard or the tray run.
 */
export const landedPolls = (changes: Stream.Stream<MonitorState.MonitorState>) =>
  changes.pipe(
    Stream.zipWithPrevious,
    Stream.mapEffect(([previous, state]) =>
      Effect.gen(function*() {
        const polled = MonitorState.newlyPolled(previous, state, yield* Clock.currentTimeMillis)
        if (polled.profiles.length > 0) yield* cacheViews(polled, state.preferences.pollIntervalSeconds, state.activeProfile)
        return polled
      })
    ),
    Stream.filter((polled) => polled.profiles.length > 0)
  )

/** While the layer lives, every poll of the running monitor also lands in the status-line cache. */
export const layerFeedStatusLine: Layer.Layer<never, never, Monitor | StatusLineCache> = Layer.scopedDiscard(
  Effect.flatMap(Monitor, (monitor) => Effect.forkScoped(Stream.runDrain(landedPolls(monitor.changes))))
)
