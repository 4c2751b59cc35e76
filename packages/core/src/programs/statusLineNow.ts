// statusLineNow: the status line of one profile when the cache could not answer (SPEC §5
// `statusline`): Claude Code's feed is stored when it brings new numbers, else the stored poll is
// used while younger than the poll interval, else the profile is polled now.
import { Clock, Effect, Option } from "effect"
import * as ExitCode from "../domain/ExitCode.js"
import * as StatusLine from "../domain/StatusLine.js"
import * as StatusLineView from "../domain/StatusLineView.js"
import { UsageHistory } from "../services/UsageHistory.js"
import { cacheViews, pollNow, selectProfiles } from "./pollNow.js"
import { storedStatus } from "./storedStatus.js"

/**
 * The line of the profile `only` selects (else the active one), and the exit code of its
 * connection. `piped` is what Claude Code wrote to stdin (API.md A.5), `null` when nothing.
 */
export const statusLineNow = Effect.fn("statusLineNow")(function*(only: Option.Option<string>, piped: string | null) {
  const feed = piped === null ? null : StatusLine.parseFeed(piped)
  const { active, chosen, entries } = yield* selectProfiles(only)
  const entry = entries.find((candidate) => candidate.name === chosen) ?? entries[0]!
  if (feed !== null) {
    const known = yield* storedStatus(entry)
    if (!StatusLine.feedMatches(feed, StatusLineView.viewOf(known.input.profiles[0]!))) {
      const now = yield* Clock.currentTimeMillis
      yield* (yield* UsageHistory).record(StatusLineView.snapshotOfFeed(entry.name, feed, now, known.latest))
    }
  }
  const stored = yield* storedStatus(entry)
  const fresh = feed !== null ||
    StatusLine.isCurrent(StatusLineView.viewOf(stored.input.profiles[0]!), stored.input.generatedAt, stored.preferences.pollIntervalSeconds)
  const { input } = fresh ? stored : yield* pollNow(Option.some(entry.name))
  if (fresh) yield* cacheViews(input, stored.preferences.pollIntervalSeconds, active)
  const shown = input.profiles[0]!
  return { line: StatusLine.render(StatusLineView.viewOf(shown), input.generatedAt), code: ExitCode.ofConnection(shown.connection) }
})
