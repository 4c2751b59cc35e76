// TeamHistory: every member's history in a shared database, read for `cchdrm team` (API.md B.8).
import { Context, Schema } from "effect"
import type { Effect } from "effect"
import type { ResetEvent } from "../domain/Reset.js"
import type { UsageSnapshot } from "../domain/Usage.js"
import type { HistoryError, HistoryUnreachable } from "./UsageHistory.js"

/** `team` needs a shared database and none is configured (exit code 2). */
export class TeamHistoryUnset extends Schema.TaggedError<TeamHistoryUnset>()("TeamHistoryUnset", {}) {
  override get message(): string {
    return "Team history needs a shared PostgreSQL database: set CCHDRM_DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DATABASE on every member's machine."
  }
}

/** What the team database holds for a range: every member, their newest polls and the range's resets. */
export interface TeamData {
  /** Every member that ever stored history, whether or not they polled lately. */
  readonly members: ReadonlyArray<string>
  /** Each member's newest poll of each of their profiles. */
  readonly latest: ReadonlyArray<{ readonly member: string; readonly snapshot: UsageSnapshot }>
  /** Each member's reset events in the range. */
  readonly resets: ReadonlyArray<{ readonly member: string; readonly event: ResetEvent }>
}

/** Every member's history, read-only. */
export class TeamHistory extends Context.Tag("@cchdrm/core/TeamHistory")<TeamHistory, {
  /** Every member, their newest polls and their resets in [from, to). */
  readonly read: (from: number, to: number) => Effect.Effect<TeamData, TeamHistoryUnset | HistoryError | HistoryUnreachable>
}>() {}
