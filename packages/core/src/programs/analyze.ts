// analyze: the headroom breakdown of one profile over a range — the `cchdrm analyze --json` document (API.md B.5).
import { Clock, Effect, Option, Schema } from "effect"
import * as BreakdownBar from "../domain/BreakdownBar.js"
import * as Credits from "../domain/Credits.js"
import * as LimitHits from "../domain/LimitHits.js"
import { ProfileName } from "../domain/Profile.js"
import * as Rollup from "../domain/Rollup.js"
import { PreferencesStore } from "../services/PreferencesStore.js"
import { Range, UsageHistory } from "../services/UsageHistory.js"
import { rangeBounds } from "./history.js"
import { iso } from "../domain/IsoTime.js"

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
  percent: Schema.NullOr(Credits.Split),
  /** 5-hour windows that reached exhausted, and 7-day windows that did (SPEC §4). */
  limitHits: Schema.Struct({ fiveHour: Schema.Number, sevenDay: Schema.Number }),
  /** Hours spent exhausted per window (buckets older than raw polls are estimated; see `LimitHits`). */
  hoursExhausted: Schema.Struct({ fiveHour: Schema.Number, sevenDay: Schema.Number })
})
/** @see Analysis */
export type Analysis = typeof Analysis.Type


/**
 * The headroom breakdown of `profile` over `range` (SPEC §2): rollups run first so the history is
 * current, then the reset events in the range are summed with the custom limits in effect; limit
 * hits and hours exhausted come from the range's points and resets (SPEC §4).
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
  const gapThreshold = Rollup.gapThreshold(preferences.pollIntervalSeconds)
  const series = yield* store.series(profile, { from, to: to + 1, gapThreshold })
  const hits = LimitHits.count({ points: series.points, resets, to, gapThreshold })
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
    percent: summary.percent,
    limitHits: hits.limitHits,
    hoursExhausted: hits.hoursExhausted
  }
  return analysis
})

/** An analysis as a screen shows it: the document, its summary line, the legend, or why there is no breakdown. */
export const AnalysisView = Schema.Struct({
  analysis: Analysis,
  /** `default · 7d · 12 resets · average peak 64.2%`. */
  summary: Schema.String,
  legend: Schema.Array(Schema.Struct({ part: Schema.Literal("used", "constrained", "unused"), text: Schema.String })),
  /** Why the breakdown cannot be shown (unknown tier, no reset yet), else `null`. */
  unavailable: Schema.NullOr(Schema.String)
})
/** @see AnalysisView */
export type AnalysisView = typeof AnalysisView.Type

/** The view of `analysis`. */
export const view = (analysis: Analysis): AnalysisView => ({
  analysis,
  summary: BreakdownBar.analysisLines(analysis, 0)[0] ?? "",
  legend: analysis.percent === null || analysis.credits === null
    ? []
    : BreakdownBar.legend(analysis.percent, analysis.credits).flatMap((line) => line.part === null ? [] : [{ part: line.part, text: line.text }]),
  unavailable: BreakdownBar.missingText(analysis)
})
