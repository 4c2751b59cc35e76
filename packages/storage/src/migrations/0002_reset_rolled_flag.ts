// Each reset event remembers whether a bucket counts it yet. A watermark could not: an import can
// bring a reset older than the periods already rolled up, and it must still be counted (SPEC §4).
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE reset_events ADD COLUMN rolled_up INTEGER NOT NULL DEFAULT 0`
  // Events the old watermark already counted stay counted.
  yield* sql`UPDATE reset_events SET rolled_up = 1 WHERE at < (
    SELECT resets_rolled_before FROM rollup_state WHERE rollup_state.profile_id = reset_events.profile_id
  )`
  yield* sql`CREATE INDEX reset_events_unrolled ON reset_events (profile_id, at) WHERE rolled_up = 0`
})
