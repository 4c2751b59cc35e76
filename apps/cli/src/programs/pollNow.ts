// Poll now: one cycle of every selected profile (concurrently, bounded), stored, as the B.2 input.
import { MonitorState, pollProfile, PreferencesStore, ProfileStore, StatusLineView } from "@cchdrm/core"
import type { Profile, StatusReport } from "@cchdrm/core"
import { Clock, Effect, Option } from "effect"
import { StatusLineCache } from "@cchdrm/storage"
import { Paths } from "../Runtime.js"
import { storedState } from "./storedStatus.js"

/**
 * The profiles `--profile` selects: that one (ProfileNotFound, exit 2, when unknown), else all;
 * `active` is the stored active profile, `chosen` the one a single-profile command works on.
 */
export const selectProfiles = (only: Option.Option<string>) =>
  Effect.gen(function*() {
    const store = yield* ProfileStore.ProfileStore
    const entries = yield* store.list
    const active = yield* store.active
    if (Option.isNone(only)) return { entries, active, chosen: active, all: entries }
    const entry = entries.find((candidate) => candidate.name === only.value)
    if (entry === undefined) {
      return yield* new ProfileStore.ProfileNotFound({ profile: only.value, known: entries.map((e) => e.name) })
    }
    return { entries: [entry], active, chosen: entry.name, all: entries }
  })

/** Writes the status-line view of each profile to the cache; a failure only costs the next statusline a poll. */
export const cacheViews = (input: StatusReport.Input, pollIntervalSeconds: number, activeProfile: Profile.ProfileName) =>
  Effect.gen(function*() {
    const paths = yield* Paths
    const views = Object.fromEntries(input.profiles.map((profile) => [profile.name, StatusLineView.viewOf(profile)]))
    yield* Effect.try(() => StatusLineCache.write(paths.dataDir, { activeProfile, pollIntervalSeconds, views })).pipe(Effect.ignore)
  })

/**
 * Polls the selected profiles now (SPEC §5 `status`): slope buffers start from the last 15 minutes
 * of history, each poll is stored, and the status-line cache is refreshed. Returns the input of
 * `StatusReport.make` / `StatusText.lines`.
 */
export const pollNow = Effect.fn("cli.pollNow")(function*(only: Option.Option<string>) {
  const preferences = yield* (yield* PreferencesStore.PreferencesStore).get
  const { active, all, entries } = yield* selectProfiles(only)
  const start = yield* Clock.currentTimeMillis
  const views = yield* Effect.forEach(entries, (entry) =>
    Effect.gen(function*() {
      const { state } = yield* storedState(entry.name, start)
      // Thresholds live only as long as this poll: no account lookup for them.
      const polled = yield* pollProfile(entry, state, {
        preferences,
        multipleProfiles: all.length > 1,
        trackAccount: false
      })
      return MonitorState.viewOf(entry, polled, preferences, { nextPollAt: null, polling: false })
    }), { concurrency: preferences.concurrency })
  const now = yield* Clock.currentTimeMillis
  const input = MonitorState.statusInput({ profiles: views, activeProfile: active, preferences, error: null }, now)
  yield* cacheViews(input, preferences.pollIntervalSeconds, active)
  return { input, preferences }
})
