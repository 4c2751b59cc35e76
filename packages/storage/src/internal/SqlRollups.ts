// Incremental, idempotent rollups and retention over SqlClient (SPEC §4): raw → 5min → hourly → daily.
import { type Reset, Rollup, type UsageHistory } from "@cchdrm/core"
import type { Usage } from "@cchdrm/core"
import type * as SqlClient from "@effect/sql/SqlClient"
import { Array as Arr, Effect } from "effect"
import { decodeBucketRows, decodeResetRows, rollupRowOf } from "./HistoryRows.js"
import { PollColumns, rollupColumns } from "./PollValues.js"


// Replaces the target rows of the periods `fresh` covers by their merge with `fresh`: a period
// rolled before (say from polls imported late) is combined, never duplicated.
const mergeInto = (sql: SqlClient.SqlClient, profile: string, fresh: ReadonlyArray<Rollup.RollupBucket>, target: Rollup.Resolution) =>
  Effect.gen(function*() {
    if (fresh.length === 0) return
    // A loop, not Math.min(...starts): a year of 5-minute buckets is past the argument limit.
    let low = Infinity
    let high = -Infinity
    for (const bucket of fresh) {
      low = Math.min(low, bucket.periodStart)
      high = Math.max(high, bucket.periodStart)
    }
    const existing = yield* sql`SELECT * FROM usage_rollups WHERE profile_id = ${profile} AND resolution = ${target}
      AND period_start >= ${low} AND period_start <= ${high}`.pipe(Effect.flatMap(decodeBucketRows))
    // Fresh buckets are one per period already; only a merge with stored ones needs combining.
    const merged = existing.length === 0 ? fresh : Rollup.rollupBuckets([...existing, ...fresh], target)
    if (existing.length > 0) {
      yield* sql`DELETE FROM usage_rollups WHERE profile_id = ${profile} AND resolution = ${target}
        AND period_start >= ${low} AND period_start <= ${high}`
    }
    const rows = merged.map(rollupRowOf)
    // Chunks keep each statement under SQLite's limit on bound parameters.
    for (const chunk of Arr.chunksOf(rows, insertChunk)) yield* sql`INSERT INTO usage_rollups ${sql.insert(chunk)}`
  })

const insertChunk = 1_000

// Takes the stored `source` buckets starting before `before` out of their tier, returning them.
const takeBefore = (sql: SqlClient.SqlClient, profile: string, source: Rollup.Resolution, before: number) =>
  Effect.gen(function*() {
    const buckets = yield* sql`SELECT * FROM usage_rollups WHERE profile_id = ${profile} AND resolution = ${source}
      AND period_start < ${before}`.pipe(Effect.flatMap(decodeBucketRows))
    if (buckets.length > 0) {
      yield* sql`DELETE FROM usage_rollups WHERE profile_id = ${profile} AND resolution = ${source} AND period_start < ${before}`
    }
    return buckets
  })

// Stores the buckets of `fresh` (plus the stored ones of their tier that aged out) that are young
// enough for the tier, and returns the rest coarsened for the next tier. Done in memory, so a
// year of imported polls is written once at its final resolution rather than tier by tier.
const settle = (
  sql: SqlClient.SqlClient,
  profile: string,
  fresh: ReadonlyArray<Rollup.RollupBucket>,
  tier: Rollup.Resolution,
  before: number,
  next: Rollup.Resolution
) =>
  Effect.gen(function*() {
    const [older, young] = Arr.partition(fresh, (bucket) => bucket.periodStart >= before)
    yield* mergeInto(sql, profile, young, tier)
    const aged = yield* takeBefore(sql, profile, tier, before)
    return Rollup.rollupBuckets([...aged, ...older], next)
  })

type Buckets = { readonly [R in Rollup.Resolution]: Array<Rollup.RollupBucket> }

// The polls of `a` and `b` (each in time order) merged in time order, built for a rollup one at a time.
function* inOrder(a: PollColumns, b: PollColumns): Generator<Usage.UsageSnapshot> {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a.at.get(i) <= b.at.get(j))) yield a.rollupPoll(i++)
    else yield b.rollupPoll(j++)
  }
}

/**
 * The buckets of `polls` (in time order) and `resets`, each at the resolution of its age
 * (`tierOf`), rolled up one period at a time: only one period's polls exist as objects at once,
 * and the buckets are those `Rollup.rollupPolls` gives for all of them together.
 */
const rollupByAge = (
  polls: Iterable<Usage.UsageSnapshot>,
  resets: ReadonlyArray<Reset.ResetEvent>,
  tierOf: (at: number) => Rollup.Resolution
): Buckets => {
  const buckets: Buckets = { "5min": [], hourly: [], daily: [] }
  const waiting = new Map<string, { readonly resolution: Rollup.Resolution; readonly resets: Array<Reset.ResetEvent> }>()
  const keyOf = (resolution: Rollup.Resolution, at: number) => `${resolution} ${Rollup.bucketStart(at, resolution)}`
  for (const reset of resets) {
    const resolution = tierOf(reset.at)
    const key = keyOf(resolution, reset.at)
    const entry = waiting.get(key)
    if (entry === undefined) waiting.set(key, { resolution, resets: [reset] })
    else entry.resets.push(reset)
  }
  let period: Array<Usage.UsageSnapshot> = []
  let resolution: Rollup.Resolution = "daily"
  let start = Number.NaN
  const flush = () => {
    if (period.length === 0) return
    const key = keyOf(resolution, start)
    const inside = waiting.get(key)?.resets ?? []
    waiting.delete(key)
    buckets[resolution].push(...Rollup.rollupPolls(period, resolution, inside))
    period = []
  }
  for (const poll of polls) {
    const tier = tierOf(poll.fetchedAt)
    const at = Rollup.bucketStart(poll.fetchedAt, tier)
    if (tier !== resolution || at !== start) {
      flush()
      resolution = tier
      start = at
    }
    period.push(poll)
  }
  flush()
  // Resets in periods without polls still get their bucket.
  for (const entry of waiting.values()) buckets[entry.resolution].push(...Rollup.rollupPolls([], entry.resolution, entry.resets))
  return buckets
}

/** Polls before this time are rolled up by a run at `now` (the plan's `rawBefore`). */
export const rollUpBefore = (now: number): number => Rollup.plan(now, null).rawBefore

/**
 * One profile's rollup run in one transaction. `rollup_state` holds when the run happened; each
 * reset event's `rolled_up` flag says whether a bucket counts it (so a rerun counts none twice).
 * `resets_rolled_before` is still written for databases read by schema 1. `pending` polls (all
 * before `rollUpBefore`) are rolled up with the stored ones, as if read from `usage_polls`.
 */
const maintainProfile = (
  sql: SqlClient.SqlClient,
  profile: string,
  options: UsageHistory.Maintenance,
  pending: PollColumns | undefined
) =>
  sql.withTransaction(Effect.gen(function*() {
    // The first statement writes (even when it matches no row), so the transaction holds the
    // write lock before it reads anything and another process cannot roll the same rows.
    yield* sql`UPDATE rollup_state SET last_run_at = last_run_at WHERE profile_id = ${profile}`
    const state = yield* sql<{ readonly last_run_at: number; readonly resets_rolled_before: number }>`
      SELECT last_run_at, resets_rolled_before FROM rollup_state WHERE profile_id = ${profile}`
    const rolledBefore = state[0]?.resets_rolled_before ?? Number.MIN_SAFE_INTEGER
    const plan = Rollup.plan(options.now, state[0]?.last_run_at ?? null)
    yield* sql`DELETE FROM rollup_state WHERE profile_id = ${profile}`
    const rows = yield* sql`SELECT ${sql.literal(rollupColumns)} FROM usage_polls WHERE profile_id = ${profile}
      AND fetched_at < ${plan.rawBefore} ORDER BY fetched_at`.values
    // Every event not yet in a bucket, however old: an import can bring one into a period
    // rolled up long ago, and the bucket it lands in (at any resolution) must count it.
    const resets = yield* sql`SELECT * FROM reset_events WHERE profile_id = ${profile}
      AND rolled_up = 0 AND at < ${plan.rawBefore}`.pipe(Effect.flatMap(decodeResetRows))
    if (resets.length > 0) {
      yield* sql`UPDATE reset_events SET rolled_up = 1 WHERE profile_id = ${profile} AND rolled_up = 0 AND at < ${plan.rawBefore}`
    }
    // Each poll and reset goes straight to the resolution of its age: a year of imported polls
    // becomes daily buckets without passing through 100,000 five-minute ones. (Rolling up rollups
    // gives the same buckets, SPEC §4; stored buckets that aged still move up a tier below.)
    const stored = new PollColumns(profile as Usage.UsageSnapshot["profile"])
    for (const values of rows) stored.pushRollupValues(values)
    const tierOf = (at: number): Rollup.Resolution => at < plan.hourlyBefore ? "daily" : at < plan.fiveMinBefore ? "hourly" : "5min"
    const fresh = rollupByAge(inOrder(stored, pending ?? new PollColumns(stored.profile)), resets, tierOf)
    if (rows.length > 0) yield* sql`DELETE FROM usage_polls WHERE profile_id = ${profile} AND fetched_at < ${plan.rawBefore}`
    const toHourly = yield* settle(sql, profile, fresh["5min"], "5min", plan.fiveMinBefore, "hourly")
    const toDaily = yield* settle(sql, profile, [...fresh.hourly, ...toHourly], "hourly", plan.hourlyBefore, "daily")
    yield* mergeInto(sql, profile, [...fresh.daily, ...toDaily], "daily")
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

/**
 * Brings every profile's rollups up to date, then prunes past retention. `pending` holds polls
 * of an ingest not written to `usage_polls` (see SqlIngest), each before `rollUpBefore(options.now)`.
 */
export const maintain = (
  sql: SqlClient.SqlClient,
  options: UsageHistory.Maintenance,
  pending: ReadonlyMap<string, PollColumns> = new Map()
) =>
  Effect.gen(function*() {
    const rows = yield* sql<{ readonly profile_id: string }>`SELECT DISTINCT profile_id FROM usage_polls
      UNION SELECT DISTINCT profile_id FROM usage_rollups UNION SELECT DISTINCT profile_id FROM reset_events`
    const profiles = rows.map((row) => row.profile_id)
    const extra = [...pending.keys()].filter((profile) => !profiles.includes(profile))
    // In the order UNION gives (byte order): as if the pending polls were stored.
    if (extra.length > 0) {
      profiles.push(...extra)
      profiles.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    }
    yield* Effect.forEach(profiles, (profile) => maintainProfile(sql, profile, options, pending.get(profile)), {
      discard: true
    })
    yield* prune(sql, options)
  })


/**
 * Gives the space of deleted rows back to the disk when it is over a quarter of the file (after
 * an import rolled a long history up). SQLite only; other databases reclaim space themselves.
 */
export const compact = (sql: SqlClient.SqlClient) =>
  sql.onDialectOrElse({
    sqlite: () =>
      Effect.gen(function*() {
        const [free] = yield* sql<{ readonly freelist_count: number }>`PRAGMA freelist_count`
        const [pages] = yield* sql<{ readonly page_count: number }>`PRAGMA page_count`
        const freePages = free?.freelist_count ?? 0
        if (freePages < 1_024 || freePages * 4 < (pages?.page_count ?? 0)) return
        yield* sql`VACUUM`
        // In WAL mode the file shrinks only once the log is written back.
        yield* sql`PRAGMA wal_checkpoint(TRUNCATE)`
      }),
    orElse: () => Effect.void
  })
