// Rollup: history aggregated into time buckets, the tiering plan, retention and gaps (SPEC §4).
import { Schema } from "effect"
import { ProfileName } from "./Profile.js"
import type { ResetEvent } from "./Reset.js"
import { EpochMillis, type UsageSnapshot, type UsageWindow } from "./Usage.js"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

/** The bucket sizes history is rolled into (SPEC §4). */
export const Resolution = Schema.Literal("5min", "hourly", "daily")
/** @see Resolution */
export type Resolution = typeof Resolution.Type

/** The length of a bucket of each resolution, in ms. */
export const bucketMillis: { readonly [R in Resolution]: number } = {
  "5min": 5 * minute,
  hourly: hour,
  daily: day
}

/** The start of the bucket holding `at`: buckets are aligned to multiples of their size since the UTC epoch. */
export const bucketStart = (at: number, resolution: Resolution): number => {
  const size = bucketMillis[resolution]
  return Math.floor(at / size) * size
}

/** Statistics of one window over a bucket; `count` is the number of samples with a known utilization. */
export class WindowStats extends Schema.Class<WindowStats>("WindowStats")({
  avg: Schema.Number,
  peak: Schema.Number,
  min: Schema.Number,
  count: Schema.Int
}) {}

/**
 * One profile's history over `[periodStart, periodEnd)`. `sampleCount` counts polls, a window's
 * stats only the polls that knew its utilization (`null` when none did). `resetCount` and
 * `unusedCredits` come from the reset events inside the period; `unusedCredits` sums the
 * known ones and is `null` when none is known.
 */
export class RollupBucket extends Schema.Class<RollupBucket>("RollupBucket")({
  profile: ProfileName,
  resolution: Resolution,
  periodStart: EpochMillis,
  periodEnd: EpochMillis,
  sampleCount: Schema.Int,
  fiveHour: Schema.NullOr(WindowStats),
  sevenDay: Schema.NullOr(WindowStats),
  resetCount: Schema.Int,
  unusedCredits: Schema.NullOr(Schema.Number)
}) {}

/**
 * Aggregates raw polls into buckets of `resolution`, one per profile and period that has a poll
 * or a reset event, sorted by profile then time. A reset event in a period without polls still
 * gets a bucket (with no samples), so no reset is lost by rolling up.
 */
export const rollupPolls = (
  polls: ReadonlyArray<UsageSnapshot>,
  resolution: Resolution,
  resets: ReadonlyArray<ResetEvent>
): ReadonlyArray<RollupBucket> => {
  const groups = new Map<string, Group>()
  const groupOf = (profile: ProfileName, at: number): Group => {
    const start = bucketStart(at, resolution)
    const key = `${profile}\u0000${start}`
    let group = groups.get(key)
    if (group === undefined) {
      group = { profile, start, samples: 0, fiveHour: [], sevenDay: [], resets: 0, unused: [] }
      groups.set(key, group)
    }
    return group
  }
  for (const poll of [...polls].sort(byKey(pollKey))) {
    const group = groupOf(poll.profile, poll.fetchedAt)
    group.samples++
    pushUtilization(group.fiveHour, poll.fiveHour)
    pushUtilization(group.sevenDay, poll.sevenDay)
  }
  for (const reset of [...resets].sort(byKey(resetKey))) {
    const group = groupOf(reset.profile, reset.at)
    group.resets++
    if (reset.unusedCredits !== null) group.unused.push(reset.unusedCredits)
  }
  return [...groups.values()].sort(compareGroups).map((group) =>
    new RollupBucket({
      profile: group.profile,
      resolution,
      periodStart: group.start,
      periodEnd: group.start + bucketMillis[resolution],
      sampleCount: group.samples,
      fiveHour: statsOf(group.fiveHour),
      sevenDay: statsOf(group.sevenDay),
      resetCount: group.resets,
      unusedCredits: sumOrNull(group.unused)
    })
  )
}

/**
 * Combines buckets into buckets of `resolution`, the same as theirs or coarser (a coarser input
 * bucket lands in the bucket of its start): averages weighted by count, peak = max, min = min,
 * counts, resets and credits summed — so a rollup of rollups equals the rollup of the raw polls.
 * The result does not depend on the order of the input, and rolling up an output again at the
 * same resolution returns it unchanged.
 */
export const rollupBuckets = (
  buckets: ReadonlyArray<RollupBucket>,
  resolution: Resolution
): ReadonlyArray<RollupBucket> => {
  const groups = new Map<string, { readonly profile: ProfileName; readonly start: number; readonly members: Array<RollupBucket> }>()
  for (const bucket of [...buckets].sort(byKey(bucketKey))) {
    const start = bucketStart(bucket.periodStart, resolution)
    const key = `${bucket.profile}\u0000${start}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, { profile: bucket.profile, start, members: [bucket] })
    else group.members.push(bucket)
  }
  return [...groups.values()].sort(compareGroups).map(({ members, profile, start }) =>
    new RollupBucket({
      profile,
      resolution,
      periodStart: start,
      periodEnd: start + bucketMillis[resolution],
      sampleCount: sum(members.map((bucket) => bucket.sampleCount)),
      fiveHour: combineStats(members.map((bucket) => bucket.fiveHour)),
      sevenDay: combineStats(members.map((bucket) => bucket.sevenDay)),
      resetCount: sum(members.map((bucket) => bucket.resetCount)),
      unusedCredits: sumOrNull(members.flatMap((bucket) => bucket.unusedCredits === null ? [] : [bucket.unusedCredits]))
    })
  )
}

/** Where a record of a given age belongs: raw polls, or a bucket resolution. */
export const PointResolution = Schema.Literal("raw", "5min", "hourly", "daily")
/** @see PointResolution */
export type PointResolution = typeof PointResolution.Type

/** Raw polls are kept for 24 h, 5-minute buckets to 7 d, hourly to 30 d, daily after (SPEC §4). */
export const resolutionAges = { raw: day, "5min": 7 * day, hourly: 30 * day } as const

/**
 * The resolution of a record `age` ms old. Each boundary belongs to the coarser resolution: < 24 h raw,
 * 24 h … < 7 d 5-minute, 7 d … < 30 d hourly, ≥ 30 d daily.
 */
export const resolutionFor = (age: number): PointResolution => {
  if (age < resolutionAges.raw) return "raw"
  if (age < resolutionAges["5min"]) return "5min"
  if (age < resolutionAges.hourly) return "hourly"
  return "daily"
}

/** Rollups run at most hourly (SPEC §4), besides the run before each history query. */
export const runIntervalMillis = hour

/**
 * Whether the periodic rollup is due: never ran, an hour or more since the last run, or the
 * clock went back past the last run (running again is harmless: rollups are idempotent).
 */
export const shouldRun = (now: number, lastRunAt: number | null): boolean =>
  lastRunAt === null || now - lastRunAt >= runIntervalMillis || now < lastRunAt

/**
 * What one rollup run does: raw polls before `rawBefore` become 5-minute buckets, 5-minute
 * buckets starting before `fiveMinBefore` become hourly ones, hourly buckets starting before
 * `hourlyBefore` become daily ones. Each cutoff is the tier age aligned down to the target
 * bucket, so only whole buckets are formed and nothing leaves its tier early.
 */
export class RollupPlan extends Schema.Class<RollupPlan>("RollupPlan")({
  /** Whether the periodic run is due (`shouldRun`); a run before a query ignores it. */
  due: Schema.Boolean,
  rawBefore: EpochMillis,
  fiveMinBefore: EpochMillis,
  hourlyBefore: EpochMillis
}) {}

/** The rollup plan at `now`. */
export const plan = (now: number, lastRunAt: number | null): RollupPlan =>
  new RollupPlan({
    due: shouldRun(now, lastRunAt),
    rawBefore: bucketStart(now - resolutionAges.raw, "5min"),
    fiveMinBefore: bucketStart(now - resolutionAges["5min"], "hourly"),
    hourlyBefore: bucketStart(now - resolutionAges.hourly, "daily")
  })

/** The oldest time kept with `retentionDays` of retention: records before it are pruned (SPEC §4). */
export const retentionCutoff = (now: number, retentionDays: number): number => now - retentionDays * day

/** The shortest gap: no data for more than max(2 × poll interval, 15 min) (SPEC §4), in ms. */
export const gapThreshold = (pollIntervalSeconds: number): number =>
  Math.max(2 * pollIntervalSeconds * 1_000, 15 * minute)

/**
 * The gap threshold for a series at a given resolution: bucket starts are a bucket apart even when no
 * data is missing, so the threshold is at least one bucket.
 */
export const gapThresholdFor = (pollIntervalSeconds: number, resolution: PointResolution): number =>
  resolution === "raw" ? gapThreshold(pollIntervalSeconds) : Math.max(gapThreshold(pollIntervalSeconds), bucketMillis[resolution])

/** A stretch without data, from the last point before it to the first point after it. */
export interface Gap {
  readonly from: number
  readonly to: number
}

/**
 * The stretches without data longer than `threshold` (exactly `threshold` is not a gap) between
 * consecutive `timestamps`, and, given a range, before the first and after the last point in it
 * (the whole range when it holds no point). Points outside the range are ignored. Gaps are
 * reported, never filled in.
 */
export const findGaps = (
  timestamps: ReadonlyArray<number>,
  threshold: number,
  range?: { readonly from: number; readonly to: number }
): ReadonlyArray<Gap> => {
  // A negative threshold would make zero-length "gaps" between equal timestamps.
  const limit = Math.max(0, threshold)
  const points = (range === undefined ? [...timestamps] : timestamps.filter((t) => t >= range.from && t <= range.to))
    .sort((a, b) => a - b)
  const gaps: Array<Gap> = []
  const consider = (from: number, to: number) => {
    if (to - from > limit) gaps.push({ from, to })
  }
  const first = points[0]
  const last = points[points.length - 1]
  if (first === undefined || last === undefined) {
    if (range !== undefined) consider(range.from, range.to)
    return gaps
  }
  if (range !== undefined) consider(range.from, first)
  for (let index = 1; index < points.length; index++) consider(points[index - 1]!, points[index]!)
  if (range !== undefined) consider(last, range.to)
  return gaps
}

interface Group {
  readonly profile: ProfileName
  readonly start: number
  samples: number
  readonly fiveHour: Array<number>
  readonly sevenDay: Array<number>
  resets: number
  readonly unused: Array<number>
}

const pushUtilization = (values: Array<number>, window: UsageWindow | null): void => {
  // A NaN or infinite utilization from a damaged row is as good as unknown.
  if (window !== null && window.utilization !== null && Number.isFinite(window.utilization)) values.push(window.utilization)
}

const statsOf = (values: ReadonlyArray<number>): WindowStats | null =>
  values.length === 0 ? null : new WindowStats({
    avg: sum(values) / values.length,
    peak: values.reduce((peak, value) => Math.max(peak, value), -Infinity),
    min: values.reduce((min, value) => Math.min(min, value), Infinity),
    count: values.length
  })

const combineStats = (parts: ReadonlyArray<WindowStats | null>): WindowStats | null => {
  const known = parts.filter((stats): stats is WindowStats => stats !== null && stats.count > 0)
  // A lone part is kept as is: recomputing avg·count/count could move its last bit.
  if (known.length <= 1) return known[0] ?? null
  const count = sum(known.map((stats) => stats.count))
  return new WindowStats({
    avg: sum(known.map((stats) => stats.avg * stats.count)) / count,
    peak: known.reduce((peak, stats) => Math.max(peak, stats.peak), -Infinity),
    min: known.reduce((min, stats) => Math.min(min, stats.min), Infinity),
    count
  })
}

const sum = (values: ReadonlyArray<number>): number => values.reduce((total, value) => total + value, 0)

const sumOrNull = (values: ReadonlyArray<number>): number | null => values.length === 0 ? null : sum(values)

const compareGroups = (a: { readonly profile: string; readonly start: number }, b: { readonly profile: string; readonly start: number }) =>
  a.profile < b.profile ? -1 : a.profile > b.profile ? 1 : a.start - b.start

// Sorting by every value that feeds a sum makes results independent of the input's order.
const byKey = <A>(key: (item: A) => ReadonlyArray<number>) => (a: A, b: A): number => compareTuples(key(a), key(b))

const pollKey = (poll: UsageSnapshot) => [poll.fetchedAt, poll.fiveHour?.utilization ?? -Infinity, poll.sevenDay?.utilization ?? -Infinity]

const resetKey = (reset: ResetEvent) => [reset.at, reset.unusedCredits ?? -Infinity]

const statsKey = (stats: WindowStats | null) => stats === null ? [-Infinity] : [stats.count, stats.avg, stats.peak, stats.min]

const bucketKey = (bucket: RollupBucket) => [
  ...[bucket.periodStart, bucket.periodEnd, bucket.sampleCount, bucket.resetCount, bucket.unusedCredits ?? -Infinity],
  ...statsKey(bucket.fiveHour),
  ...statsKey(bucket.sevenDay)
]

const compareTuples = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): number => {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const x = a[index] ?? 0
    const y = b[index] ?? 0
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}
