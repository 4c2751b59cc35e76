// Reset detection: when a window started over, judged from two consecutive polls (SPEC §2).
import { Option, Schema } from "effect"
import * as Credits from "./Credits.js"
import { ProfileName } from "./Profile.js"
import { EpochMillis, type UsageSnapshot, type UsageWindow } from "./Usage.js"

/** `resets_at` jitters by about a second between polls; only a larger move is a reset (SPEC §2). */
export const resetsAtToleranceMillis = 60_000

/** Without `resets_at`, a drop of at least this many points is taken as a reset (SPEC §2). */
export const utilizationDropPoints = 50

/**
 * Whether a window reset between two consecutive polls: its `resets_at` moved by more than 60 s,
 * or — when either poll lacks `resets_at` — its utilization dropped by at least 50 points.
 * An unknown window or utilization on either side is never a reset.
 */
export const windowReset = (previous: UsageWindow | null, next: UsageWindow | null): boolean => {
  if (previous === null || next === null) return false
  if (previous.resetsAt !== null && next.resetsAt !== null) {
    return Math.abs(next.resetsAt - previous.resetsAt) > resetsAtToleranceMillis
  }
  if (previous.utilization === null || next.utilization === null) return false
  return previous.utilization - next.utilization >= utilizationDropPoints
}

/** Which windows reset between two polls. */
export const ResetKind = Schema.Literal("fiveHour", "sevenDay", "both")
/** @see ResetKind */
export type ResetKind = typeof ResetKind.Type

/** Which windows reset between two consecutive polls of one profile, `None` when neither did. */
export const detect = (previous: UsageSnapshot, next: UsageSnapshot): Option.Option<ResetKind> => {
  const fiveHour = windowReset(previous.fiveHour, next.fiveHour)
  const sevenDay = windowReset(previous.sevenDay, next.sevenDay)
  if (fiveHour && sevenDay) return Option.some("both")
  if (fiveHour) return Option.some("fiveHour")
  if (sevenDay) return Option.some("sevenDay")
  return Option.none()
}

/** At most one reset event per profile per 4 hours (SPEC §2). */
export const cooldownMillis = 4 * 3_600_000

/**
 * Whether a reset at `at` may become an event given the profile's last event. The cooldown is
 * half-open: an event exactly 4 h from the last one is allowed, one a millisecond sooner is not.
 * The distance counts both ways, so replaying older polls cannot squeeze in a second event.
 */
export const cooldownAllows = (lastEventAt: number | null, at: number): boolean =>
  lastEventAt === null || Math.abs(at - lastEventAt) >= cooldownMillis

/** A reset event records the 5h peak of the 5 hours before the reset (SPEC §2). */
export const peakWindowMillis = 5 * 3_600_000

/**
 * The highest known 5h utilization among `polls` taken in the 5 hours before `at`: from
 * `at − 5 h` inclusive to `at` exclusive (the poll at `at` already belongs to the new window).
 * `null` when no such poll knows its 5h utilization (NaN or infinite counts as unknown).
 */
export const peak5h = (polls: ReadonlyArray<UsageSnapshot>, at: number): number | null => {
  let peak: number | null = null
  for (const poll of polls) {
    if (poll.fetchedAt < at - peakWindowMillis || poll.fetchedAt >= at) continue
    const utilization = known(poll.fiveHour?.utilization ?? null)
    if (utilization !== null && (peak === null || utilization > peak)) peak = utilization
  }
  return peak
}

/**
 * A detected reset of one profile's windows (SPEC §2, §4 `reset_events`): the 5h peak before it,
 * the 7d utilization at the previous poll, the tier, and the headroom breakdown in credits
 * (`null` when the tier's limits are unknown or the peak or 7d utilization is missing).
 */
export class ResetEvent extends Schema.Class<ResetEvent>("ResetEvent")({
  profile: ProfileName,
  /** The `fetchedAt` of the poll that showed the reset. */
  at: EpochMillis,
  peak5h: Schema.NullOr(Schema.Number),
  sevenDayUtilization: Schema.NullOr(Schema.Number),
  tier: Schema.NullOr(Schema.String),
  usedCredits: Schema.NullOr(Schema.Number),
  constrainedCredits: Schema.NullOr(Schema.Number),
  unusedCredits: Schema.NullOr(Schema.Number)
}) {
  /** The peak under the name `Credits.summarize` reads, so events can be summed directly. */
  get peak(): number | null {
    return this.peak5h
  }
  /** The 7d utilization under the name `Credits.summarize` reads. */
  get sevenDay(): number | null {
    return this.sevenDayUtilization
  }
}

/** What `eventFor` needs to judge one new poll. */
export interface EventInput {
  readonly previous: UsageSnapshot
  readonly next: UsageSnapshot
  /** Polls of the last 5 h before `next`; others are ignored, so a wider slice is harmless. */
  readonly recent: ReadonlyArray<UsageSnapshot>
  /** When the profile's last reset event happened, `null` when it has none. */
  readonly lastEventAt: number | null
  readonly custom?: Credits.CustomLimits | undefined
}

/**
 * The reset event a new poll produces, if any: a reset was detected against the previous poll of
 * the same profile and the cooldown allows it. The peak covers `recent` and `previous`; the tier
 * is the new poll's, else the previous one's.
 */
export const eventFor = (input: EventInput): Option.Option<ResetEvent> => {
  const { custom, lastEventAt, next, previous, recent } = input
  if (previous.profile !== next.profile) return Option.none()
  if (Option.isNone(detect(previous, next))) return Option.none()
  if (!cooldownAllows(lastEventAt, next.fetchedAt)) return Option.none()
  const peak = peak5h([...recent.filter((poll) => poll.profile === next.profile), previous], next.fetchedAt)
  const sevenDayUtilization = known(previous.sevenDay?.utilization ?? null)
  const tier = next.tier ?? previous.tier
  const parts = peak === null || sevenDayUtilization === null
    ? Option.none<Credits.Breakdown>()
    : Option.map(Credits.limitsFor(tier, custom), (limits) => Credits.breakdown(peak, sevenDayUtilization, limits))
  return Option.some(
    new ResetEvent({
      profile: next.profile,
      at: next.fetchedAt,
      peak5h: peak,
      sevenDayUtilization,
      tier,
      usedCredits: Option.match(parts, { onNone: () => null, onSome: (b) => b.usedCredits }),
      constrainedCredits: Option.match(parts, { onNone: () => null, onSome: (b) => b.constrainedCredits }),
      unusedCredits: Option.match(parts, { onNone: () => null, onSome: (b) => b.unusedCredits })
    })
  )
}

/**
 * Replays a series of polls exactly as live polling would, one `eventFor` per poll against the
 * previous poll of the same profile, and returns the events in time order. Polls are sorted
 * by time first (stable), so a slice of several profiles is handled per profile.
 */
export const scan = (
  polls: ReadonlyArray<UsageSnapshot>,
  custom?: Credits.CustomLimits
): ReadonlyArray<ResetEvent> => {
  const byProfile = new Map<string, Array<UsageSnapshot>>()
  for (const poll of [...polls].sort((a, b) => a.fetchedAt - b.fetchedAt)) {
    const series = byProfile.get(poll.profile)
    if (series === undefined) byProfile.set(poll.profile, [poll])
    else series.push(poll)
  }
  const events: Array<ResetEvent> = []
  for (const series of byProfile.values()) {
    let lastEventAt: number | null = null
    let windowStart = 0
    for (let index = 1; index < series.length; index++) {
      const next = series[index]!
      // Slide the start of the 5 h window forward; the polls are sorted.
      while (series[windowStart]!.fetchedAt < next.fetchedAt - peakWindowMillis) windowStart++
      const event = eventFor({
        previous: series[index - 1]!,
        next,
        recent: series.slice(windowStart, index),
        lastEventAt,
        custom
      })
      if (Option.isSome(event)) {
        events.push(event.value)
        lastEventAt = event.value.at
      }
    }
  }
  return events.sort((a, b) => a.at - b.at)
}

// A NaN or infinite utilization from a damaged row is as good as unknown.
const known = (value: number | null): number | null => value !== null && Number.isFinite(value) ? value : null
