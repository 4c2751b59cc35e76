// A profile's status from what is stored, without asking the API (the statusline's cheap path).
import { MonitorState, PreferencesStore, ProfileState, Slope, UsageHistory } from "@cchdrm/core"
import type { Profile, ProfileStore } from "@cchdrm/core"
import { Clock, Effect, Option } from "effect"

/** A profile's state as stored at `at`: its newest poll, slope buffers from the 15 minutes before. */
export const storedState = Effect.fn("cli.storedState")(function*(profile: Profile.ProfileName, at: number) {
  const history = yield* UsageHistory.UsageHistory
  const recent = yield* history.polls(profile, at - Slope.spanMillis, at + 1)
  const latest = yield* history.latest(profile)
  return { state: ProfileState.bootstrap(profile, recent, latest), latest }
})

/** The B.2 input of one profile from its stored polls (and that newest poll, if any). */
export const storedStatus = Effect.fn("cli.storedStatus")(function*(entry: ProfileStore.ProfileEntry) {
  const preferences = yield* (yield* PreferencesStore.PreferencesStore).get
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
