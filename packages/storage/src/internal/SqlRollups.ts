// Incremental, idempotent rollups and retention over SqlClient (SPEC §4): raw → 5min → hourly → daily.
import { Rollup, type UsageHistory } from "@cchdrm/core"
import type * as SqlClient from "@effect/sql/SqlClient"
import { Effect, Schema } from "effect"
import { BucketFromRow, EventFromRow, SnapshotFromRow } from "./HistoryRows.js"

const decodePolls = Schema.decodeUnknown(Schema.Array(SnapshotFromRow))
const decodeBuckets = Schema.decodeUnknown(Schema.Array(BucketFromRow))
const decodeEvents = Schema.decodeUnknown(Schema.Array(EventFromRow))
const encodeBucket = Schema.encode(BucketFromRow)

// Replaces the target rows of the periods `fresh` covers by their merge with `fresh`: a period
// rolled before (say from polls imported late) is combined, never duplicated.
const mergeInto = (sql: SqlClient.SqlClient, profile: string, fresh: ReadonlyArray<Rollup.RollupBucket>, target: Rollup.Resolution) =>
  Effect.gen(function*() {
    if (fresh.length === 0) return
    const starts = fresh.map((bucket) => bucket.periodStart)
    const low = Math.min(...starts)
    const high = Math.max(...starts)
    const existing = yield* sql`SELECT * FROM usage_rollups WHERE profile_id = ${profile} AND resolution = ${target}
      AND period_start >= ${low} AND period_start <= ${high}`.pipe(Effect.flatMap(decodeBuckets))
    const merged = Rollup.rollupBuckets([...existing, ...fresh], target)
    yield* sql`DELETE FROM usage_rollups WHERE profile_id = ${profile} AND resolution = ${target}
      AND period_start >= ${low} AND period_start <= ${high}`
    const rows = yield* Effect.forEach(merged, (bucket) => encodeBucket(bucket))
    yield* sql`INSERT INTO usage_rollups ${sql.insert(rows)}`
  })

// Coarsens the buckets of `source` starting before `before` into `target` buckets.
const promote = (sql: SqlClient.SqlClient, profile: string, source: Rollup.Resolution, target: Rollup.Resolution, before: number) =>
  Effect.gen(function*() {
    const buckets = yield* sql`SELECT * FROM usage_rollups WHERE profile_id = ${profile} AND resolution = ${source}
      AND period_start < ${before}`.pipe(Effect.flatMap(decodeBuckets))
    if (buckets.length === 0) return
    yield* mergeInto(sql, profile, Rollup.rollupBuckets(buckets, target), target)
    yield* sql`DELETE FROM usage_rollups WHERE profile_id = ${profile} AND resolution = ${source} AND period_start < ${before}`
  })

/**
 * One profile's rollup run in one transaction. Progress lives in `rollup_state`: when the run
 * happened, and up to when reset events are already counted in buckets (so a rerun counts none twice).
 */
const maintainProfile = (sql: SqlClient.SqlClient, profile: string, options: UsageHistory.Maintenance) =>
  sql.withTransaction(Effect.gen(function*() {
    // The first statement writes (even when it matches no row), so the transaction holds the
    // write lock before it reads anything and another process cannot roll the same rows.
    yield* sql`UPDATE rollup_state SET last_run_at = last_run_at WHERE profile_id = ${profile}`
    const state = yield* sql<{ readonly last_run_at: number; readonly resets_rolled_before: number }>`
      SELECT last_run_at, resets_rolled_before FROM rollup_state WHERE profile_id = ${profile}`
    const rolledBefore = state[0]?.resets_rolled_before ?? Number.MIN_SAFE_INTEGER
    const plan = Rollup.plan(options.now, state[0]?.last_run_at ?? null)
    yield* sql`DELETE FROM rollup_state WHERE profile_id = ${profile}`
    const polls = yield* sql`SELECT * FROM usage_polls WHERE profile_id = ${profile} AND fetched_at < ${plan.rawBefore}`.pipe(
      Effect.flatMap(decodePolls)
    )
    const resets = yield* sql`SELECT * FROM reset_events WHERE profile_id = ${profile}
      AND at >= ${rolledBefore} AND at < ${plan.rawBefore}`.pipe(Effect.flatMap(decodeEvents))
    yield* mergeInto(sql, profile, Rollup.rollupPolls(polls, "5min", resets), "5min")
    yield* sql`DELETE FROM usage_polls WHERE profile_id = ${profile} AND fetched_at < ${plan.rawBefore}`
    yield* promote(sql, profile, "5min", "hourly", plan.fiveMinBefore)
    yield* promote(sql, profile, "hourly", "daily", plan.hourlyBefore)
    yield* sql`INSERT INTO rollup_state ${
      sql.insert({
        profile_id: profile,
        last_run_at: options.now,
        resets_rolled_before: Math.max(rolledBefore, plan.rawBefore)
      })
    }`
  }))

/** Deletes everything older than the retention, in every table (SPEC §4). */
const prune = (sql: SqlClient.SqlClient, options: UsageHistory.Maintenance) =>
  sql.withTransaction(Effect.gen(function*() {
    const cutoff = Rollup.retentionCutoff(options.now, options.retentionDays)
    yield* sql`DELETE FROM usage_polls WHERE fetched_at < ${cutoff}`
    yield* sql`DELETE FROM usage_rollups WHERE period_start < ${cutoff}`
    yield* sql`DELETE FROM reset_events WHERE at < ${cutoff}`
    yield* sql`DELETE FROM api_outages WHERE ended_at IS NOT NULL AND ended_at < ${cutoff}`
  }))

/** Brings every profile's rollups up to date, then prunes past retention. */
export const maintain = (sql: SqlClient.SqlClient, options: UsageHistory.Maintenance) =>
  Effect.gen(function*() {
    const profiles = yield* sql<{ readonly profile_id: string }>`SELECT DISTINCT profile_id FROM usage_polls
      UNION SELECT DISTINCT profile_id FROM usage_rollups UNION SELECT DISTINCT profile_id FROM reset_events`
    yield* Effect.forEach(profiles, (row) => maintainProfile(sql, row.profile_id, options), { discard: true })
    yield* prune(sql, options)
  })

