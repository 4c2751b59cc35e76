// The rows of the usage history tables and their mapping to core's domain types (SPEC §4).
import { Reset, Rollup, Usage, UsageHistory } from "@cchdrm/core"
import { Effect, ParseResult, Schema } from "effect"

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

/** The `usage_polls` row of `snapshot`: the encoding of `SnapshotFromRow`, callable without a Schema run. */
export const pollRowOf = (snapshot: typeof Usage.UsageSnapshot.Encoded): PollRow => ({
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
  encode: (snapshot) => ParseResult.succeed(pollRowOf(snapshot))
})

// --- the common row, without a Schema run ---------------------------------------------------------
// Export and history queries read many rows; a row whose every column has the expected type is
// built directly, anything else takes `SnapshotFromRow`, which says what is damaged.

const isNum = (value: unknown): value is number | null => value === null || typeof value === "number"
const isFlag = (value: unknown): value is 0 | 1 => value === 0 || value === 1
const isSource = Schema.is(Usage.SnapshotSource)
const isProfile = Schema.is(Usage.UsageSnapshot.fields.profile)

const quickCaps = (text: unknown): Array<Usage.ModelCap> | undefined => {
  if (text === "[]") return []
  if (typeof text !== "string") return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!Array.isArray(parsed)) return undefined
  const caps: Array<Usage.ModelCap> = []
  for (const cap of parsed as Array<unknown>) {
    if (typeof cap !== "object" || cap === null) return undefined
    const { label, resetsAt, utilization } = cap as Record<string, unknown>
    if (typeof label !== "string" || !isNum(utilization) || !isNum(resetsAt)) return undefined
    caps.push(new Usage.ModelCap({ label, utilization, resetsAt }, { disableValidation: true }))
  }
  return caps
}

const quickWindow = (present: 0 | 1, utilization: number | null, resetsAt: number | null): Usage.UsageWindow | null =>
  present === 0 ? null : new Usage.UsageWindow({ utilization, resetsAt }, { disableValidation: true })

const quickSnapshot = (input: unknown): Usage.UsageSnapshot | undefined => {
  if (typeof input !== "object" || input === null) return undefined
  const row = input as Record<keyof PollRow, unknown>
  const caps = quickCaps(row.caps)
  const extraEnabled = row.extra_enabled
  if (
    caps === undefined || !isProfile(row.profile_id) || typeof row.fetched_at !== "number" || !isSource(row.source) ||
    !isFlag(row.has_five_hour) || !isNum(row.five_hour_util) || !isNum(row.five_hour_resets_at) ||
    !isFlag(row.has_seven_day) || !isNum(row.seven_day_util) || !isNum(row.seven_day_resets_at) ||
    !isNum(extraEnabled) || !isNum(row.extra_used_cents) || !isNum(row.extra_limit_cents) ||
    !(row.tier === null || typeof row.tier === "string")
  ) return undefined
  return new Usage.UsageSnapshot({
    profile: row.profile_id,
    fetchedAt: row.fetched_at,
    source: row.source,
    fiveHour: quickWindow(row.has_five_hour, row.five_hour_util, row.five_hour_resets_at),
    sevenDay: quickWindow(row.has_seven_day, row.seven_day_util, row.seven_day_resets_at),
    caps,
    extraUsage: extraEnabled === null ? null : new Usage.ExtraUsage({
      enabled: extraEnabled !== 0,
      usedCents: row.extra_used_cents,
      limitCents: row.extra_limit_cents
    }, { disableValidation: true }),
    tier: row.tier
  }, { disableValidation: true })
}

const decodeRow = Schema.decodeUnknown(SnapshotFromRow)

/** Every row built by `quick`; if one is not sound, all of them decoded by `decode`, which says what is damaged. */
export const quickOrDecode = <A>(quick: (row: unknown) => A | undefined, decode: (row: unknown) => Effect.Effect<A, ParseResult.ParseError>) =>
(rows: ReadonlyArray<unknown>): Effect.Effect<Array<A>, ParseResult.ParseError> =>
  Effect.suspend(() => {
    const built: Array<A> = []
    for (const row of rows) {
      const value = quick(row)
      if (value === undefined) return Effect.forEach(rows, decode)
      built.push(value)
    }
    return Effect.succeed(built)
  })

/** `usage_polls` rows as snapshots: as `SnapshotFromRow` decodes them, a sound row without a Schema run. */
export const decodePollRows = quickOrDecode(quickSnapshot, decodeRow)

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

const eventFieldsOf = (row: typeof ResetRow.Type) => ({
  profile: row.profile_id,
  at: row.at,
  peak5h: row.peak_5h,
  sevenDayUtilization: row.seven_day_util,
  tier: row.tier,
  usedCredits: row.used_credits,
  constrainedCredits: row.constrained_credits,
  unusedCredits: row.unused_credits
})

/** @see ResetRow */
export const EventFromRow = Schema.transform(ResetRow, Reset.ResetEvent, {
  strict: true,
  decode: eventFieldsOf,
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

const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === "string"

/** `reset_events` rows as events, as `EventFromRow` decodes them (a team's range holds thousands). */
export const decodeResetRows = quickOrDecode((input) => {
  if (typeof input !== "object" || input === null) return undefined
  const row = input as Record<keyof typeof ResetRow.Type, unknown>
  if (
    !isProfile(row.profile_id) || typeof row.at !== "number" || !isNum(row.peak_5h) || !isNum(row.seven_day_util) ||
    !isTextOrNull(row.tier) || !isNum(row.used_credits) || !isNum(row.constrained_credits) || !isNum(row.unused_credits)
  ) return undefined
  // Every column was checked above, the profile name included.
  const fields = eventFieldsOf(row as typeof ResetRow.Type)
  return new Reset.ResetEvent({ ...fields, profile: fields.profile as Reset.ResetEvent["profile"] }, { disableValidation: true })
}, Schema.decodeUnknown(EventFromRow))

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
export type RollupRow = typeof RollupRow.Type

/** The `usage_rollups` row of `bucket`: the encoding of `BucketFromRow`, callable without a Schema run. */
export const rollupRowOf = (bucket: typeof Rollup.RollupBucket.Encoded): RollupRow => ({
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

const bucketFieldsOf = (row: RollupRow) => ({
  profile: row.profile_id,
  resolution: row.resolution as Rollup.Resolution,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  sampleCount: row.sample_count,
  fiveHour: statsOf(row.five_hour_avg, row.five_hour_peak, row.five_hour_min, row.five_hour_count),
  sevenDay: statsOf(row.seven_day_avg, row.seven_day_peak, row.seven_day_min, row.seven_day_count),
  resetCount: row.reset_count,
  unusedCredits: row.unused_credits
})

/** @see RollupRow */
export const BucketFromRow = Schema.transform(RollupRow, Rollup.RollupBucket, {
  strict: true,
  decode: bucketFieldsOf,
  encode: rollupRowOf
})

// --- rollup rows and chart points, without a Schema run -------------------------------------------
// Charts read thousands of rows: a row whose every column has the expected type is built directly,
// anything else takes the Schema, which says what is damaged.

const isResolution = Schema.is(Rollup.Resolution)
const isCount = (value: unknown): value is number => Number.isInteger(value)

const isSoundRollupRow = (input: unknown): input is RollupRow => {
  if (typeof input !== "object" || input === null) return false
  const row = input as Record<keyof RollupRow, unknown>
  return isProfile(row.profile_id) && isResolution(row.resolution) && typeof row.period_start === "number" &&
    typeof row.period_end === "number" && isCount(row.sample_count) && isCount(row.reset_count) && isNum(row.unused_credits) &&
    isNum(row.five_hour_avg) && isNum(row.five_hour_peak) && isNum(row.five_hour_min) && isCount(row.five_hour_count) &&
    isNum(row.seven_day_avg) && isNum(row.seven_day_peak) && isNum(row.seven_day_min) && isCount(row.seven_day_count)
}

const quickStats = (stats: StatsEncoded | null) => stats === null ? null : new Rollup.WindowStats(stats, { disableValidation: true })

const decodeBucket = Schema.decodeUnknown(BucketFromRow)

/** `usage_rollups` rows as buckets, as `BucketFromRow` decodes them. */
export const decodeBucketRows = quickOrDecode((row) => {
  if (!isSoundRollupRow(row)) return undefined
  const fields = bucketFieldsOf(row)
  return new Rollup.RollupBucket(
    // `isSoundRollupRow` checked the profile name.
    { ...fields, profile: fields.profile as Rollup.RollupBucket["profile"], fiveHour: quickStats(fields.fiveHour), sevenDay: quickStats(fields.sevenDay) },
    { disableValidation: true }
  )
}, decodeBucket)

/** `usage_rollups` rows as chart points (`UsageHistory.pointOfBucket` of each bucket). */
export const decodeBucketPoints = quickOrDecode((row) => {
  if (!isSoundRollupRow(row)) return undefined
  const fiveHour = statsOf(row.five_hour_avg, row.five_hour_peak, row.five_hour_min, row.five_hour_count)
  const sevenDay = statsOf(row.seven_day_avg, row.seven_day_peak, row.seven_day_min, row.seven_day_count)
  return new UsageHistory.HistoryPoint({
    at: row.period_start,
    resolution: row.resolution as Rollup.Resolution,
    fiveHour: fiveHour?.avg ?? null,
    fiveHourPeak: fiveHour?.peak ?? null,
    fiveHourMin: fiveHour?.min ?? null,
    sevenDay: sevenDay?.avg ?? null,
    sevenDayPeak: sevenDay?.peak ?? null,
    sevenDayMin: sevenDay?.min ?? null
  }, true)
}, (row) => Effect.map(decodeBucket(row), UsageHistory.pointOfBucket))

/** The columns of a `usage_polls` row its chart point needs (`SELECT` them in this order). */
const PollPointRow = Schema.Struct({ fetched_at: Schema.Number, has_five_hour: Flag, five_hour_util: Num, has_seven_day: Flag, seven_day_util: Num })
type PollPointRow = typeof PollPointRow.Type

const pointOfPollRow = (row: PollPointRow): UsageHistory.HistoryPoint => {
  const fiveHour = row.has_five_hour === 0 ? null : row.five_hour_util
  const sevenDay = row.has_seven_day === 0 ? null : row.seven_day_util
  return new UsageHistory.HistoryPoint({
    at: row.fetched_at,
    resolution: "raw",
    fiveHour,
    fiveHourPeak: fiveHour,
    fiveHourMin: fiveHour,
    sevenDay,
    sevenDayPeak: sevenDay,
    sevenDayMin: sevenDay
  }, true)
}

const decodePollPoint = Schema.decodeUnknown(PollPointRow)

/** Rows of `usage_polls`' point columns as chart points (`UsageHistory.pointOfPoll` of each poll). */
export const decodePollPoints = quickOrDecode((input) => {
  if (typeof input !== "object" || input === null) return undefined
  const row = input as Record<keyof PollPointRow, unknown>
  return typeof row.fetched_at === "number" && isFlag(row.has_five_hour) && isNum(row.five_hour_util) &&
      isFlag(row.has_seven_day) && isNum(row.seven_day_util)
    ? pointOfPollRow(row as PollPointRow)
    : undefined
}, (row) => Effect.map(decodePollPoint(row), pointOfPollRow))

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
