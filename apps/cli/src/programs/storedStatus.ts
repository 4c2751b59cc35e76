// A profile's status from what is stored, without asking the API (the statusline's cheap path).
import { MonitorState, PreferencesStore, ProfileState, Slope, UsageHistory } from "@cchdrm/core"
import type { ProfileStore } from "@cchdrm/core"
import { Clock, Effect, Option } from "effect"

/** The B.2 input of one profile from its stored polls: the newest one, slopes from the last 15 minutes. */
export const storedStatus = Effect.fn("cli.storedStatus")(function*(entry: ProfileStore.ProfileEntry) {
  const history = yield* UsageHistory.UsageHistory
  const preferences = yield* (yield* PreferencesStore.PreferencesStore).get
  const now = yield* Clock.currentTimeMillis
  const recent = yield* history.polls(entry.name, now - Slope.spanMillis, now + 1)
  const latest = yield* history.latest(entry.name)
  const state: ProfileState.ProfileState = {
    ...ProfileState.bootstrap(entry.name, recent, latest),
    connection: Option.isSome(latest) ? "connected" : "disconnected",
    lastPollAt: Option.getOrNull(Option.map(latest, (poll) => poll.fetchedAt))
  }
  const view = MonitorState.viewOf(entry, state, preferences, { nextPollAt: null, polling: false })
  return { input: MonitorState.statusInput({ profiles: [view], activeProfile: entry.name, preferences, error: null }, now), preferences }
})
