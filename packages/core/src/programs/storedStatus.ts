// storedStatus: a profile's status from what is stored, without asking the API (the status line's cheap path).
import { Clock, Effect, Option } from "effect"
import type { ProfileName } from "../domain/Profile.js"
import * as Slope from "../domain/Slope.js"
import { PreferencesStore } from "../services/PreferencesStore.js"
import type { ProfileEntry } from "../services/ProfileStore.js"
import { UsageHistory } from "../services/UsageHistory.js"
import * as MonitorState from "./MonitorState.js"
import * as ProfileState from "./ProfileState.js"

/** A profile's state as stored at `at`: its newest poll, slope buffers from the 15 minutes before. */
export const storedState = Effect.fn("storedState")(function*(profile: ProfileName, at: number) {
  const history = yield* UsageHistory
  const recent = yield* history.polls(profile, at - Slope.spanMillis, at + 1)
  const latest = yield* history.latest(profile)
  return { state: ProfileState.bootstrap(profile, recent, latest), latest }
})

/** The `StatusReport` input of one profile from its stored polls, with that newest poll (`null` when none). */
export const storedStatus = Effect.fn("storedStatus")(function*(entry: ProfileEntry) {
  const preferences = yield* (yield* PreferencesStore).get
  const now = yield* Clock.currentTimeMillis
  const { latest, state: stored } = yield* storedState(entry.name, now)
  const state: ProfileState.ProfileState = {
    ...stored,
    connection: Option.isSome(latest) ? "connected" : "disconnected",
    lastPollAt: Option.getOrNull(Option.map(latest, (poll) => poll.fetchedAt))
  }
  const view = MonitorState.viewOf(entry, state, preferences, { nextPollAt: null, polling: false })
  const input = MonitorState.statusInput({ profiles: [view], activeProfile: entry.name, preferences, error: null }, now)
  return { input, preferences, latest: Option.getOrNull(latest) }
})
