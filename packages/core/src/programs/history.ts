// history: one profile's chart data for a range, with rollups brought up to date first (SPEC §4).
import { Clock, Effect } from "effect"
import type { ProfileName } from "../domain/Profile.js"
import * as Rollup from "../domain/Rollup.js"
import { PreferencesStore } from "../services/PreferencesStore.js"
import { type Range, rangeMillis, UsageHistory } from "../services/UsageHistory.js"

/**
 * The span a range covers at `now`: the last 24 h / 7 d / 30 d, or for `all` everything the
 * retention keeps (nothing older survives a rollup run; SPEC §4).
 */
export const rangeBounds = (range: Range, now: number, retentionDays: number): { readonly from: number; readonly to: number } => {
  const length = rangeMillis[range]
  return { from: length === null ? Rollup.retentionCutoff(now, retentionDays) : now - length, to: now }
}

/**
 * A range of one profile's history (SPEC §4): rollups and retention run first, so no raw poll is
 * orphaned, then points with explicit gaps longer than max(2 × poll interval, 15 min).
 */
export const history = Effect.fn("history")(function*(profile: ProfileName, range: Range) {
  const store = yield* UsageHistory
  const preferences = yield* (yield* PreferencesStore).get
  const now = yield* Clock.currentTimeMillis
  yield* store.maintain({ now, retentionDays: preferences.retentionDays })
  const bounds = rangeBounds(range, now, preferences.retentionDays)
  return yield* store.series(profile, { ...bounds, gapThreshold: Rollup.gapThreshold(preferences.pollIntervalSeconds) })
})
