// Storing the whole-history lines of an import (API.md B.4) that are not polls: rollup buckets,
// reset events and outages, each kept as it was exported. Portable SQL (`RETURNING` counts the rows
// an `ON CONFLICT DO NOTHING` insert really stored, in SQLite and PostgreSQL alike).
import type { Reset, Rollup, UsageHistory } from "@cchdrm/core"
import type * as SqlClient from "@effect/sql/SqlClient"
import { Array as Arr, Effect, Schema } from "effect"
import { EventFromRow, OutageFromRow, rollupRowOf } from "./HistoryRows.js"

const encodeEvent = Schema.encode(EventFromRow)
const encodeOutage = Schema.encode(OutageFromRow)

// 15 columns × 500 rows stays under SQLite's limit on bound parameters.
const batchSize = 500

/** What a batch of records stored: new rows only; a record already there is a duplicate. */
export interface Stored {
  readonly buckets: number
  readonly resets: number
  readonly outages: number
}

const stored = (rows: ReadonlyArray<unknown>) => rows.length

/**
 * Stores buckets, reset events and outages in the current transaction; a record already stored
 * (same profile and period, time or start) stays as it was, so importing a file twice adds nothing.
 * A reset event inside a stored bucket's period is marked as counted by it — the bucket came with
 * its `resetCount` — so later rollups do not count it twice; export order puts buckets first.
 */
export const store = (
  sql: SqlClient.SqlClient,
  records: {
    readonly buckets: ReadonlyArray<Rollup.RollupBucket>
    readonly resets: ReadonlyArray<Reset.ResetEvent>
    readonly outages: ReadonlyArray<UsageHistory.Outage>
  }
) =>
  Effect.gen(function*() {
    let buckets = 0
    for (const chunk of Arr.chunksOf(records.buckets.map(rollupRowOf), batchSize)) {
      buckets += stored(yield* sql`INSERT INTO usage_rollups ${sql.insert(chunk)} ON CONFLICT DO NOTHING RETURNING profile_id`)
    }
    let resets = 0
    for (const event of records.resets) {
      const covering = yield* sql`SELECT 1 AS one FROM usage_rollups WHERE profile_id = ${event.profile}
        AND period_start <= ${event.at} AND period_end > ${event.at} LIMIT 1`
      const row = { ...(yield* encodeEvent(event)), rolled_up: covering.length > 0 ? 1 : 0 }
      resets += stored(yield* sql`INSERT INTO reset_events ${sql.insert(row)} ON CONFLICT DO NOTHING RETURNING profile_id`)
    }
    let outages = 0
    for (const outage of records.outages) {
      // The partial unique index keeps one open outage per profile: a second open one is a duplicate.
      const row = yield* encodeOutage(outage)
      outages += stored(yield* sql`INSERT INTO api_outages ${sql.insert(row)} ON CONFLICT DO NOTHING RETURNING profile_id`)
    }
    const result: Stored = { buckets, resets, outages }
    return result
  })
