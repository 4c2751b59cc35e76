// MonitorState: what the monitor shows every frontend — each profile's view, the active profile, the preferences.
import { Option, Schema } from "effect"
import * as Credits from "../domain/Credits.js"
import * as Display from "../domain/Display.js"
import * as Preferences from "../domain/Preferences.js"
import { ProfileName } from "../domain/Profile.js"
import * as Slope from "../domain/Slope.js"
import * as StatusReport from "../domain/StatusReport.js"
import { UsageSnapshot } from "../domain/Usage.js"
import { CredentialSource } from "../services/CredentialStore.js"
import type { ProfileEntry } from "../services/ProfileStore.js"
import { type ProfileState, slopeLevels } from "./ProfileState.js"

/** One profile as frontends see it: token-free, serialisable (IPC, `--json`). */
export const ProfileView = Schema.Struct({
  name: ProfileName,
  source: CredentialSource,
  connection: Display.Connection,
  /** The last good snapshot (kept while rate limited or disconnected), `null` when none. */
  snapshot: Schema.NullOr(UsageSnapshot),
  subscriptionType: Schema.NullOr(Schema.String),
  slope5h: Slope.Level,
  slope7d: Slope.Level,
  /** The 5h window's burn rate in %/min, `null` (or absent) without a valid one: its forecast's slope (SPEC §2). */
  rate5h: Schema.optionalWith(Schema.NullOr(Schema.Number), { exact: true }),
  error: Schema.NullOr(StatusReport.ErrorReport),
  /** Consecutive failed cycles (backoff). */
  failures: Schema.Number,
  retryAfterMillis: Schema.NullOr(Schema.Number),
  outageOpen: Schema.Boolean,
  /** When the last cycle ran (freshness is measured from `snapshot.fetchedAt`). */
  lastPollAt: Schema.NullOr(Schema.Number),
  /** When the next cycle is due, `null` while one runs. */
  nextPollAt: Schema.NullOr(Schema.Number),
  polling: Schema.Boolean
})
/** @see ProfileView */
export type ProfileView = typeof ProfileView.Type

/** Every watched profile, the active one, and the preferences in effect. */
export const MonitorState = Schema.Struct({
  /** In the profile store's order, `default` first. */
  profiles: Schema.Array(ProfileView),
  activeProfile: ProfileName,
  preferences: Preferences.Preferences,
  /** A problem of the monitor itself (profiles, preferences or history unreadable), `null` when none. */
  error: Schema.NullOr(StatusReport.ErrorReport)
})
/** @see MonitorState */
export type MonitorState = typeof MonitorState.Type

/** The monitor before it has read anything. */
export const empty = (preferences: Preferences.Preferences, activeProfile: ProfileName): MonitorState => ({
  profiles: [],
  activeProfile,
  preferences,
  error: null
})

/** The limits a profile's numbers are computed with: its tier's, else the custom limits (SPEC §2). */
export const limitsOf = (snapshot: UsageSnapshot | null, preferences: Preferences.Preferences) =>
  Credits.limitsFor(snapshot?.tier ?? null, preferences)

/** The view of one profile. */
export const viewOf = (
  entry: ProfileEntry,
  state: ProfileState,
  preferences: Preferences.Preferences,
  schedule: { readonly nextPollAt: number | null; readonly polling: boolean }
): ProfileView => {
  const slopes = slopeLevels(state, limitsOf(state.snapshot, preferences))
  return {
    name: entry.name,
    source: entry.source,
    connection: state.connection,
    snapshot: state.snapshot,
    subscriptionType: state.subscriptionType,
    slope5h: slopes.fiveHour,
    slope7d: slopes.sevenDay,
    rate5h: Option.getOrNull(Slope.rateOf(state.slope5h)),
    error: state.error,
    failures: state.failures,
    retryAfterMillis: state.retryAfterMillis,
    outageOpen: state.outageOpen,
    lastPollAt: state.lastPollAt,
    nextPollAt: schedule.nextPollAt,
    polling: schedule.polling
  }
}

/** The view of the active profile, else the first one. */
export const activeView = (state: MonitorState): Option.Option<ProfileView> =>
  Option.orElse(
    Option.fromNullable(state.profiles.find((profile) => profile.name === state.activeProfile)),
    () => Option.fromNullable(state.profiles[0])
  )

/**
 * What a dashboard's history of the active profile depends on: the active profile and its newest
 * poll. Reload the history when this changes, and it is never older than a poll.
 */
export const historyKey = (state: MonitorState): string => {
  const view = Option.getOrNull(activeView(state))
  return `${state.activeProfile}@${view?.snapshot?.fetchedAt ?? "none"}`
}

/** The input of `StatusReport.make` (API.md B.2) at `now`. */
export const statusInput = (state: MonitorState, now: number): StatusReport.Input => ({
  generatedAt: now,
  activeProfile: state.activeProfile,
  profiles: state.profiles.map((view) => ({
    name: view.name,
    connection: view.connection,
    snapshot: view.snapshot,
    subscriptionType: view.subscriptionType,
    slope5h: view.slope5h,
    slope7d: view.slope7d,
    rate5h: view.rate5h ?? null,
    error: view.error,
    limits: limitsOf(view.snapshot, state.preferences)
  }))
})

/**
 * `statusInput` of only the profiles polled since `previous` (every profile with a poll when there
 * is none): what a log of polls prints once per poll, however often the state changes in between.
 */
export const newlyPolled = (previous: Option.Option<MonitorState>, state: MonitorState, now: number): StatusReport.Input => {
  const before = new Map(Option.match(previous, { onNone: () => [], onSome: (p) => p.profiles }).map((view) => [view.name, view.lastPollAt]))
  const input = statusInput(state, now)
  const polled = new Set(
    state.profiles.filter((view) => view.lastPollAt !== null && before.get(view.name) !== view.lastPollAt).map((view) => view.name)
  )
  return { ...input, profiles: input.profiles.filter((profile) => polled.has(profile.name)) }
}
