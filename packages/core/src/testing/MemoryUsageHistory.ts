// MemoryUsageHistory: the usage history in memory, built on core's pure Reset and Rollup functions.
import { Effect, Layer, Option, Ref } from "effect"
import type * as Credits from "../domain/Credits.js"
import type { ProfileName } from "../domain/Profile.js"
import * as Reset from "../domain/Reset.js"
import * as Rollup from "../domain/Rollup.js"
import type { UsageSnapshot } from "../domain/Usage.js"
import { Gap, type HistoryPoint, type Maintenance, Outage, pointOfBucket, pointOfPoll, Series, UsageHistory } from "../services/UsageHistory.js"

const day = 86_400_000

/** How the memory history judges resets. */
export interface Options {
  /** Credit limits for tiers without known limits (the `customCredits*` preferences). */
  readonly custom?: Credits.CustomLimits
}

interface State {
  /** Each profile's polls, oldest first, one per timestamp. */
  readonly polls: ReadonlyMap<ProfileName, ReadonlyArray<UsageSnapshot>>
  readonly resets: ReadonlyArray<Reset.ResetEvent>
  readonly outages: ReadonlyArray<Outage>
}

const empty: State = { polls: new Map(), resets: [], outages: [] }

const inRange = (at: number, from: number, to: number) => at >= from && at < to

// The event nearest in time: the cooldown counts both ways (Reset.cooldownAllows).
const nearestEventAt = (events: ReadonlyArray<Reset.ResetEvent>, at: number): number | null =>
  events.reduce<number | null>(
    (nearest, event) => nearest === null || Math.abs(event.at - at) < Math.abs(nearest - at) ? event.at : nearest,
    null
  )

/**
 * Polls older than 24 h before `to` as rollup points: each poll goes to the tier its age at `to`
 * calls for (SPEC §4), exactly what stored rollups hold once `maintain` ran at `to`.
 */
const rolledUp = (polls: ReadonlyArray<UsageSnapshot>, to: number): ReadonlyArray<HistoryPoint> => {
  const byTier = new Map<Rollup.Resolution, Array<UsageSnapshot>>()
  for (const poll of polls) {
    const tier = Rollup.resolutionFor(to - poll.fetchedAt)
    const resolution: Rollup.Resolution = tier === "raw" ? "5min" : tier
    byTier.set(resolution, [...(byTier.get(resolution) ?? []), poll])
  }
  return [...byTier].flatMap(([resolution, members]) =>
    Rollup.rollupPolls(members, resolution, []).filter((bucket) => bucket.sampleCount > 0).map(pointOfBucket)
  )
}

/** Builds the history. */
export const make = (options: Options = {}) =>
  Effect.gen(function*() {
    const state = yield* Ref.make<State>(empty)
    const pollsOf = (s: State, profile: ProfileName) => s.polls.get(profile) ?? []
    const resetsOf = (s: State, profile: ProfileName) => s.resets.filter((event) => event.profile === profile)

    const record = Effect.fn("UsageHistory.record")(function*(snapshot: UsageSnapshot) {
      return yield* Ref.modify(state, (s) => {
        const polls = pollsOf(s, snapshot.profile)
        const at = snapshot.fetchedAt
        // Same profile and timestamp is the same row: recording it again changes nothing.
        if (polls.some((poll) => poll.fetchedAt === at)) return [{ reset: Option.none() }, s]
        const before = polls.filter((poll) => poll.fetchedAt < at)
        const previous = before[before.length - 1]
        const reset = previous === undefined ? Option.none<Reset.ResetEvent>() : Reset.eventFor({
          previous,
          next: snapshot,
          recent: before.filter((poll) => poll.fetchedAt >= at - Reset.peakWindowMillis),
          lastEventAt: nearestEventAt(resetsOf(s, snapshot.profile), at),
          custom: options.custom
        })
        const next: State = {
          ...s,
          polls: new Map(s.polls).set(snapshot.profile, [...before, snapshot, ...polls.filter((poll) => poll.fetchedAt > at)]),
          resets: Option.match(reset, { onNone: () => s.resets, onSome: (event) => [...s.resets, event] })
        }
        return [{ reset }, next]
      })
    })

    const latest = Effect.fn("UsageHistory.latest")(function*(profile: ProfileName) {
      const polls = pollsOf(yield* Ref.get(state), profile)
      return Option.fromNullable(polls[polls.length - 1])
    })

    const polls = Effect.fn("UsageHistory.polls")(function*(profile: ProfileName, from: number, to: number) {
      return pollsOf(yield* Ref.get(state), profile).filter((poll) => inRange(poll.fetchedAt, from, to))
    })

    const resets = Effect.fn("UsageHistory.resets")(function*(profile: ProfileName, from: number, to: number) {
      return resetsOf(yield* Ref.get(state), profile)
        .filter((event) => inRange(event.at, from, to))
        .sort((a, b) => a.at - b.at)
    })

    const maintain = Effect.fn("UsageHistory.maintain")(function*(maintenance: Maintenance) {
      const cutoff = Rollup.retentionCutoff(maintenance.now, maintenance.retentionDays)
      yield* Ref.update(state, (s) => ({
        polls: new Map([...s.polls].map(([profile, polls]) => [profile, polls.filter((poll) => poll.fetchedAt >= cutoff)] as const)
          .filter(([, polls]) => polls.length > 0)),
        resets: s.resets.filter((event) => event.at >= cutoff),
        outages: s.outages.filter((outage) => outage.endedAt === null || outage.endedAt >= cutoff)
      }))
    })

    const series = Effect.fn("UsageHistory.series")(function*(
      profile: ProfileName,
      range: { readonly from: number; readonly to: number; readonly gapThreshold: number }
    ) {
      const s = yield* Ref.get(state)
      const { from, to } = range
      const rawFrom = Math.max(from, to - day)
      const all = pollsOf(s, profile)
      const points = [
        ...rolledUp(all.filter((poll) => inRange(poll.fetchedAt, from, rawFrom)), to),
        ...all.filter((poll) => inRange(poll.fetchedAt, rawFrom, to)).map(pointOfPoll)
      ].sort((a, b) => a.at - b.at)
      // A bucket may start before `from`; its data lies inside the range.
      const gaps = Rollup.findGaps(points.map((point) => Math.max(point.at, from)), range.gapThreshold, { from, to })
      return new Series({
        profile,
        from,
        to,
        points,
        gaps: gaps.map((gap) => new Gap(gap)),
        resets: resetsOf(s, profile).filter((event) => inRange(event.at, from, to)).sort((a, b) => a.at - b.at),
        outages: s.outages.filter((outage) =>
          outage.profile === profile && outage.startedAt < to && (outage.endedAt === null || outage.endedAt >= from)
        )
      })
    })

    const openOutage = Effect.fn("UsageHistory.openOutage")(function*(profile: ProfileName, at: number, reason: string) {
      yield* Ref.update(state, (s) =>
        s.outages.some((outage) => outage.profile === profile && outage.endedAt === null)
          ? s
          : { ...s, outages: [...s.outages, new Outage({ profile, startedAt: at, endedAt: null, reason })] })
    })

    const closeOutage = Effect.fn("UsageHistory.closeOutage")(function*(profile: ProfileName, at: number) {
      yield* Ref.update(state, (s) => ({
        ...s,
        outages: s.outages.map((outage) =>
          outage.profile === profile && outage.endedAt === null ? new Outage({ ...outage, endedAt: at }) : outage
        )
      }))
    })

    return UsageHistory.of({
      record,
      latest,
      polls,
      maintain,
      series,
      resets,
      openOutage,
      closeOutage,
      profiles: Effect.map(Ref.get(state), (s) => [...s.polls.keys()].sort()),
      clear: Ref.set(state, empty),
      clearProfile: (profile) =>
        Ref.update(state, (s) => {
          const polls = new Map(s.polls)
          polls.delete(profile)
          return {
            ...s,
            polls,
            resets: s.resets.filter((reset) => reset.profile !== profile),
            outages: s.outages.filter((outage) => outage.profile !== profile)
          }
        })
    })
  })

/** An empty in-memory history. */
export const layer = (options: Options = {}): Layer.Layer<UsageHistory> => Layer.effect(UsageHistory, make(options))
