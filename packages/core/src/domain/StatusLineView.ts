// StatusLineView: builds the cacheable view of the status line from a profile's state, and turns
// Claude Code's feed into a poll (SPEC §5 `statusline`, API.md A.5).
import * as Display from "./Display.js"
import * as Forecast from "./Forecast.js"
import * as Format from "./Format.js"
import * as Headroom from "./Headroom.js"
import type { ProfileName } from "./Profile.js"
import * as Slope from "./Slope.js"
import type { Input, ProfileInput } from "./StatusReport.js"
import { iso } from "./IsoTime.js"
import { type Feed, render, type Segment, type View, type WindowNumbers } from "./StatusLine.js"
import { UsageSnapshot, UsageWindow } from "./Usage.js"

const numbers = (window: UsageWindow | null): WindowNumbers | null =>
  window === null ? null : { utilization: window.utilization, resetsAt: window.resetsAt }

const segment = (label: string, window: UsageWindow, slope: Slope.Level, limitAt: number | null = null): Segment => {
  const headroom = Headroom.headroomOfWindow(window)
  return {
    label,
    symbol: Display.stateSymbol(Headroom.stateOfHeadroom(headroom)),
    percent: headroom === null ? "—" : Format.percent(headroom),
    arrow: headroom === null ? null : Slope.menuArrowOf(slope),
    resetsAt: window.resetsAt,
    limitAt
  }
}

// The limit is forecast from the poll's own time; the line counts down to it as the clock moves.
const fiveHourLimitAt = (window: UsageWindow, rate: number | null, fetchedAt: number): number | null =>
  Forecast.of({ window: "fiveHour", usage: window, rate, now: fetchedAt }).limitAt

/**
 * The status-line view of one profile: a segment per window the last good poll has (kept while
 * rate limited or disconnected), and the connection as a short note when it is not `connected`.
 */
export const viewOf = (profile: ProfileInput): View => {
  const snapshot = profile.snapshot
  const note = profile.connection === "connected" ? null : profile.connection.replace("_", " ")
  if (snapshot === null) {
    return { profile: profile.name, fetchedAt: null, message: note ?? "no data yet", segments: [], fiveHour: null, sevenDay: null }
  }
  const segments = [
    ...(snapshot.fiveHour === null
      ? []
      : [segment("5h", snapshot.fiveHour, profile.slope5h, fiveHourLimitAt(snapshot.fiveHour, profile.rate5h ?? null, snapshot.fetchedAt))]),
    ...(snapshot.sevenDay === null ? [] : [segment("7d", snapshot.sevenDay, profile.slope7d)])
  ]
  return {
    profile: profile.name,
    fetchedAt: snapshot.fetchedAt,
    message: note,
    segments,
    fiveHour: numbers(snapshot.fiveHour),
    sevenDay: numbers(snapshot.sevenDay)
  }
}

/**
 * Claude Code's feed as a poll (`source: statusline`) fetched at `now`. The feed has no caps or
 * extra usage: those and the tier are carried over from the previous poll, when there is one.
 */
export const snapshotOfFeed = (profile: ProfileName, feed: Feed, now: number, previous: UsageSnapshot | null): UsageSnapshot =>
  new UsageSnapshot({
    profile,
    fetchedAt: now,
    source: "statusline",
    fiveHour: feed.fiveHour === null ? previous?.fiveHour ?? null : new UsageWindow(feed.fiveHour),
    sevenDay: feed.sevenDay === null ? previous?.sevenDay ?? null : new UsageWindow(feed.sevenDay),
    caps: previous?.caps ?? [],
    extraUsage: previous?.extraUsage ?? null,
    tier: previous?.tier ?? null
  })

/**
 * `watch`'s log of a batch of polls: per profile a stamped status line, and the poll's problem
 * (`null` when none), e.g. a history database that could not store it.
 */
export const pollLog = (polled: Input): ReadonlyArray<{ readonly line: string; readonly problem: string | null }> => {
  const stamp = iso(polled.generatedAt)
  return polled.profiles.map((profile) => ({
    line: `${stamp} ${render(viewOf(profile), polled.generatedAt)}`,
    problem: profile.error === null ? null : `${stamp} ${profile.name}: ${profile.error.message}`
  }))
}
