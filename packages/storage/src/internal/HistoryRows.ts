// The rows of the usage history tables and their mapping to core's domain types (SPEC §4).
import { Reset, Rollup, Usage, UsageHistory } from "@cchdrm/core"
import { ParseResult, Schema } from "effect"

const Num = Schema.NullOr(Schema.Number)
const Flag = Schema.Number

/** A `usage_polls` row as the driver returns it. */
export const PollRow = Schema.Struct({
  profile_id: Schema.String,
  fetched_at: Schema.Number,
  source: Schema.String,
  has_five_hour: Flag,
  five_hour_util: Num,
  five_hour_resets_at: Num,
  has_seven_day: Flag,
  seven_day_util: Num,
  seven_day_resets_at: Num,
  extra_enabled: Num,
  extra_used_cents: Num,
  extra_limit_cents: Num,
  caps: Schema.String,
  tier: Schema.NullOr(Schema.String)
})
/** @see PollRow */
export type PollRow = typeof PollRow.Type

type WindowEncoded = typeof Usage.UsageWindow.Encoded

const windowOf = (present: number, utilization: number | null, resetsAt: number | null): WindowEncoded | null =>
  present === 0 ? null : { utilization, resetsAt }

/** A stored poll ⇄ its snapshot. Caps are a JSON array in one text column. */
export const SnapshotFromRow = Schema.transformOrFail(PollRow, Usage.UsageSnapshot, {
  strict: true,
  decode: (row, _, ast) => {
    let caps: unknown
    try {
      caps = JSON.parse(row.caps)
    } catch {
      return ParseResult.fail(new ParseResult.Type(ast, row, `caps is not JSON: ${row.caps.slice(0, 40)}`))
    }
    return ParseResult.succeed({
      profile: row.profile_id,
      fetchedAt: row.fetched_at,
      source: row.source as Usage.SnapshotSource,
      fiveHour: windowOf(row.has_five_hour, row.five_hour_util, row.five_hour_resets_at),
      sevenDay: windowOf(row.has_seven_day, row.seven_day_util, row.seven_day_resets_at),
      caps: caps as ReadonlyArray<typeof Usage.ModelCap.Encoded>,
      extraUsage: row.extra_enabled === null ? null : {
        enabled: row.extra_enabled !== 0,
        usedCents: row.extra_used_cents,
        limitCents: row.extra_limit_cents
      },
      tier: row.tier
    })
  },
  encode: (snapshot) =>
    ParseResult.succeed({
      profile_id: snapshot.profile,
      fetched_at: snapshot.fetchedAt,
      source: snapshot.source,
      has_five_hour: snapshot.fiveHour === null ? 0 : 1,
      five_hour_util: snapshot.fiveHour?.utilization ?? null,
      five_hour_resets_at: snapshot.fiveHour?.resetsAt ?? null,
      has_seven_day: snapshot.sevenDay === null ? 0 : 1,
      seven_day_util: snapshot.sevenDay?.utilization ?? null,
      seven_day_resets_at: snapshot.sevenDay?.resetsAt ?? null,
      extra_enabled: snapshot.extraUsage === null ? null : snapshot.extraUsage.enabled ? 1 : 0,
      extra_used_cents: snapshot.extraUsage?.usedCents ?? null,
      extra_limit_cents: snapshot.extraUsage?.limitCents ?? null,
      caps: JSON.stringify(snapshot.caps),
      tier: snapshot.tier
    })
})

/** A `reset_events` row ⇄ its event. */
export const ResetRow = Schema.Struct({
  profile_id: Schema.String,
  at: Schema.Number,
  peak_5h: Num,
  seven_day_util: Num,
  tier: Schema.NullOr(Schema.String),
  used_credits: Num,
  constrained_credits: Num,
  unused_credits: Num
})

/** @see ResetRow */
export const EventFromRow = Schema.transform(ResetRow, Reset.ResetEvent, {
  strict: true,
  decode: (row) => ({
    profile: row.profile_id,
    at: row.at,
    peak5h: row.peak_5h,
    sevenDayUtilization: row.seven_day_util,
    tier: row.tier,
    usedCredits: row.used_credits,
    constrainedCredits: row.constrained_credits,
    unusedCredits: row.unused_credits
  }),
  encode: (event) => ({
    profile_id: event.profile,
    at: event.at,
    peak_5h: event.peak5h,
    seven_day_util: event.sevenDayUtilization,
    tier: event.tier,
    used_credits: event.usedCredits,
    constrained_credits: event.constrainedCredits,
    unused_credits: event.unusedCredits
  })
})

/** A `usage_rollups` row ⇄ its bucket. */
export const RollupRow = Schema.Struct({
  profile_id: Schema.String,
  resolution: Schema.String,
  period_start: Schema.Number,
  period_end: Schema.Number,
  sample_count: Schema.Number,
  five_hour_avg: Num,
  five_hour_peak: Num,
  five_hour_min: Num,
  five_hour_count: Schema.Number,
  seven_day_avg: Num,
  seven_day_peak: Num,
  seven_day_min: Num,
  seven_day_count: Schema.Number,
  reset_count: Schema.Number,
  unused_credits: Num
})

type StatsEncoded = typeof Rollup.WindowStats.Encoded

const statsOf = (avg: number | null, peak: number | null, min: number | null, count: number): StatsEncoded | null =>
  count === 0 || avg === null || peak === null || min === null ? null : { avg, peak, min, count }

/** @see RollupRow */
export const BucketFromRow = Schema.transform(RollupRow, Rollup.RollupBucket, {
  strict: true,
  decode: (row) => ({
    profile: row.profile_id,
    resolution: row.resolution as Rollup.Resolution,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    sampleCount: row.sample_count,
    fiveHour: statsOf(row.five_hour_avg, row.five_hour_peak, row.five_hour_min, row.five_hour_count),
    sevenDay: statsOf(row.seven_day_avg, row.seven_day_peak, row.seven_day_min, row.seven_day_count),
    resetCount: row.reset_count,
    unusedCredits: row.unused_credits
  }),
  encode: (bucket) => ({
    profile_id: bucket.profile,
    resolution: bucket.resolution,
    period_start: bucket.periodStart,
    period_end: bucket.periodEnd,
    sample_count: bucket.sampleCount,
    five_hour_avg: bucket.fiveHour?.avg ?? null,
    five_hour_peak: bucket.fiveHour?.peak ?? null,
    five_hour_min: bucket.fiveHour?.min ?? null,
    five_hour_count: bucket.fiveHour?.count ?? 0,
    seven_day_avg: bucket.sevenDay?.avg ?? null,
    seven_day_peak: bucket.sevenDay?.peak ?? null,
    seven_day_min: bucket.sevenDay?.min ?? null,
    seven_day_count: bucket.sevenDay?.count ?? 0,
    reset_count: bucket.resetCount,
    unused_credits: bucket.unusedCredits
  })
})

/** An `api_outages` row ⇄ its outage. */
export const OutageFromRow = Schema.transform(
  Schema.Struct({ profile_id: Schema.String, started_at: Schema.Number, ended_at: Num, reason: Schema.String }),
  UsageHistory.Outage,
  {
    strict: true,
    decode: (row) => ({ profile: row.profile_id, startedAt: row.started_at, endedAt: row.ended_at, reason: row.reason }),
    encode: (outage) => ({ profile_id: outage.profile, started_at: outage.startedAt, ended_at: outage.endedAt, reason: outage.reason })
  }
)
