// StatusLineCache: where each poll leaves the status-line view of its profiles, so the status line
// can answer without Effect, SQLite or a request (SPEC §5 `statusline`).
import { Context } from "effect"
import type { Effect } from "effect"
import type { View } from "../domain/StatusLine.js"

/** What one write brings: the views of the profiles just polled, and what the reader needs with them. */
export interface Update {
  readonly activeProfile: string
  readonly pollIntervalSeconds: number
  readonly views: Readonly<Record<string, View>>
}

/**
 * The cache. A write merges `views` into what is there (other profiles keep theirs). It cannot
 * fail: a cache that cannot be written only costs the next status line a poll.
 */
export class StatusLineCache extends Context.Tag("@cchdrm/core/StatusLineCache")<StatusLineCache, {
  readonly write: (update: Update) => Effect.Effect<void>
}>() {}
