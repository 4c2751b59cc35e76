// team: every member's newest headroom and the range's analysis from the shared database — the
// `cchdrm team --json` document (API.md B.8).
import { Clock, Effect } from "effect"
import * as TeamReport from "../domain/TeamReport.js"
import { PreferencesStore } from "../services/PreferencesStore.js"
import { TeamHistory } from "../services/TeamHistory.js"
import type { Range } from "../services/UsageHistory.js"
import { rangeBounds } from "./history.js"

/** The team report over `range`, with this machine's retention and custom credit limits. */
export const team = Effect.fn("team")(function*(range: Range) {
  const teamHistory = yield* TeamHistory
  const preferences = yield* (yield* PreferencesStore).get
  const now = yield* Clock.currentTimeMillis
  const { from, to } = rangeBounds(range, now, preferences.retentionDays)
  // Half-open like `analyze`: a reset stamped `now` belongs to the range.
  const data = yield* teamHistory.read(from, to + 1)
  return TeamReport.make({ ...data, generatedAt: now, range, custom: preferences })
})
