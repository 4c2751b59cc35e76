// analyze: the headroom breakdown of one profile over a range — the `cchdrm analyze --json` document (API.md B.5).
import { Clock, Effect, Option, Schema } from "effect"
import * as Credits from "../domain/Credits.js"
import { ProfileName } from "../domain/Profile.js"
import { PreferencesStore } from "../services/PreferencesStore.js"
import { Range, UsageHistory } from "../services/UsageHistory.js"
import { rangeBounds } from "./history.js"

/** The B.5 document, keys in its order; `credits` and `percent` are `null` without a tier or custom limits. */
export const Analysis = Schema.Struct({
  profile: ProfileName,
  range: Range,
  /** ISO-8601 UTC. */
  from: Schema.String,
  to: Schema.String,
  resetCount: Schema.Number,
  averagePeak: Schema.NullOr(Schema.Number),
  /** The profile's current `rateLimitTier` (else the newest one its resets recorded), `null` when unknown. */
  tier: Schema.NullOr(Schema.String),
  credits: Schema.NullOr(Credits.Split),
  percent: Schema.NullOr(Credits.Split)
})
/** @see Analysis */
export type Analysis = typeof Analysis.Type

const iso = (at: number): string => new Date(at).toISOString()

/**
 * The headroom breakdown of `profile` over `range` (SPEC §2): rollups run first so the history is
 * current, then the reset events in the range are summed with the custom limits in effect.
 */
export const analyze = Effect.fn("analyze")(function*(profile: ProfileName, range: Range) {
  const store = yield* UsageHistory
  const preferences = yield* (yield* PreferencesStore).get
  const now = yield* Clock.currentTimeMillis
  yield* store.maintain({ now, retentionDays: preferences.retentionDays })
  const { from, to } = rangeBounds(range, now, preferences.retentionDays)
  // `resets` is half-open; a reset stamped `now` belongs to the range.
  const resets = yield* store.resets(profile, from, to + 1)
  const summary = Credits.summarize(resets, preferences)
  const latest = yield* store.latest(profile)
  const tier = Option.getOrNull(Option.flatMapNullable(latest, (snapshot) => snapshot.tier)) ??
    [...resets].reverse().find((reset) => reset.tier !== null)?.tier ?? null
  const analysis: Analysis = {
    profile,
    range,
    from: iso(from),
    to: iso(to),
    resetCount: summary.resetCount,
    averagePeak: summary.averagePeak,
    tier,
    credits: summary.credits,
    percent: summary.percent
  }
  return analysis
})
