// The team view (API.md B.8): every member's newest headroom and the range's analysis, as the
// `cchdrm team --json` document and as text lines tinted by state.
import { Schema } from "effect"
import * as Credits from "./Credits.js"
import * as Display from "./Display.js"
import * as Format from "./Format.js"
import * as Headroom from "./Headroom.js"
import type { ResetEvent } from "./Reset.js"
import type { Line } from "./StatusText.js"
import type { UsageSnapshot, UsageWindow } from "./Usage.js"
import { iso } from "./IsoTime.js"

const IsoTime = Schema.NullOr(Schema.String)

/** A window of a member's newest poll. */
export const TeamWindow = Schema.Struct({
  utilization: Schema.NullOr(Schema.Number),
  headroom: Schema.NullOr(Schema.Number),
  state: Headroom.State,
  resetsAt: IsoTime
})
/** @see TeamWindow */
export type TeamWindow = typeof TeamWindow.Type

/** One profile of one member: the newest poll and the range's analysis. */
export const TeamProfile = Schema.Struct({
  name: Schema.String,
  fetchedAt: Schema.String,
  tier: Schema.NullOr(Schema.String),
  fiveHour: Schema.NullOr(TeamWindow),
  sevenDay: Schema.NullOr(TeamWindow),
  resetCount: Schema.Number,
  averagePeak: Schema.NullOr(Schema.Number),
  credits: Schema.NullOr(Credits.Split)
})
/** @see TeamProfile */
export type TeamProfile = typeof TeamProfile.Type

/** The B.8 document, keys in its order. */
export const TeamReport = Schema.Struct({
  generatedAt: Schema.String,
  range: Schema.String,
  members: Schema.Array(Schema.Struct({ member: Schema.String, profiles: Schema.Array(TeamProfile) }))
})
/** @see TeamReport */
export type TeamReport = typeof TeamReport.Type


const windowOf = (window: UsageWindow | null): TeamWindow | null =>
  window === null ? null : {
    utilization: window.utilization,
    headroom: Headroom.headroomOfWindow(window),
    state: Headroom.stateOf(window),
    resetsAt: window.resetsAt === null ? null : iso(window.resetsAt)
  }

// Code-unit order, the same on every machine (not the locale's).
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** What the report is made of. */
export interface Input {
  readonly generatedAt: number
  readonly range: string
  readonly members: ReadonlyArray<string>
  readonly latest: ReadonlyArray<{ readonly member: string; readonly snapshot: UsageSnapshot }>
  readonly resets: ReadonlyArray<{ readonly member: string; readonly event: ResetEvent }>
  /** The custom credit limits in effect on the reading machine. */
  readonly custom?: Credits.CustomLimits | undefined
}

/** The report: members by name, each member's profiles by name, the range's resets summed per profile. */
export const make = (input: Input): TeamReport => {
  const names = [...new Set([...input.members, ...input.latest.map((entry) => entry.member)])].sort(byName)
  return {
    generatedAt: iso(input.generatedAt),
    range: input.range,
    members: names.map((member) => ({
      member,
      profiles: input.latest
        .filter((entry) => entry.member === member)
        .map((entry) => entry.snapshot)
        .sort((a, b) => byName(a.profile, b.profile))
        .map((snapshot): TeamProfile => {
          const events = input.resets.filter((entry) => entry.member === member && entry.event.profile === snapshot.profile)
          const summary = Credits.summarize(events.map((entry) => entry.event), input.custom)
          return {
            name: snapshot.profile,
            fetchedAt: iso(snapshot.fetchedAt),
            tier: snapshot.tier,
            fiveHour: windowOf(snapshot.fiveHour),
            sevenDay: windowOf(snapshot.sevenDay),
            resetCount: summary.resetCount,
            averagePeak: summary.averagePeak,
            credits: summary.credits
          }
        })
    }))
  }
}

const windowText = (window: TeamWindow | null): string =>
  window === null || window.headroom === null
    ? `${Display.stateSymbol("disconnected")}    —`
    : `${Display.stateSymbol(window.state)} ${Format.percent(window.headroom).padStart(4)}`

// The row's tint: the tighter of the two windows.
const worstState = (profile: TeamProfile): Headroom.State => {
  const states = [profile.fiveHour?.state ?? null, profile.sevenDay?.state ?? null].filter((state) => state !== null)
  return states.reduce<Headroom.State>(
    (worst, state) => Headroom.severity(state) > Headroom.severity(worst) ? state : worst,
    states[0] ?? "disconnected"
  )
}

/**
 * One line per member and profile: headroom of both windows with their state symbols, resets
 * and average peak of the range, age of the newest poll. A member without polls gets one line saying so.
 */
export const lines = (report: TeamReport, now: number): ReadonlyArray<Line> => {
  const rows = report.members.flatMap((member) =>
    member.profiles.length === 0
      ? [{ member: member.member, profile: null as TeamProfile | null }]
      : member.profiles.map((profile) => ({ member: member.member, profile }))
  )
  const width = Math.max(6, ...rows.map((row) => `${row.member} ${row.profile?.name ?? ""}`.length))
  const header: Line = { text: `${"MEMBER PROFILE".padEnd(width)}  5h       7d       range ${report.range}`, state: null }
  if (rows.length === 0) return [{ text: "No member has stored a poll yet.", state: null }]
  return [header, ...rows.map(({ member, profile }): Line => {
    const who = `${member} ${profile?.name ?? ""}`.padEnd(width)
    if (profile === null) return { text: `${who}  no polls yet`, state: "disconnected" }
    const peak = profile.averagePeak === null ? "—" : `${Math.round(profile.averagePeak)}%`
    const age = Format.freshnessAge(Date.parse(profile.fetchedAt), now)
    return {
      text: `${who}  ${windowText(profile.fiveHour)}   ${windowText(profile.sevenDay)}    ${
        Format.plural(profile.resetCount, "reset")
      }, avg peak ${peak}, ${age}`,
      state: worstState(profile)
    }
  })]
}
