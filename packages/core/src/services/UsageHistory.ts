// UsageHistory: the durable record of every poll, reset and outage (SPEC §4).
import { Context, Schema } from "effect"
import type { Effect, Option } from "effect"
import { ProfileName } from "../domain/Profile.js"
import { ResetEvent } from "../domain/Reset.js"
import type { RollupBucket } from "../domain/Rollup.js"
import { PointResolution } from "../domain/Rollup.js"
import type { UsageSnapshot, UsageWindow } from "../domain/Usage.js"

/** The history database failed; the message names the file and the fix (exit code 7). */
export class HistoryError extends Schema.TaggedError<HistoryError>()("HistoryError", {
  /** What was being done: `record`, `latest`, `rollup`, `open`, … */
  operation: Schema.String,
  /** One line naming the file and the fix. */
  problem: Schema.String
}) {
  override get message(): string {
    return `Usage history (${this.operation}): ${this.problem}`
  }
}

/**
 * The history database could not be reached or refused the login (a shared database, API.md
 * B.8); the message names the host and the fix, never the password (exit code 5).
 */
export class HistoryUnreachable extends Schema.TaggedError<HistoryUnreachable>()("HistoryUnreachable", {
  /** One line naming the host and the fix. */
  problem: Schema.String
}) {
  override get message(): string {
    return this.problem
  }
}

/** The ranges a history query covers (SPEC §4). */
export const Range = Schema.Literal("24h", "7d", "30d", "all")
/** @see Range */
export type Range = typeof Range.Type

/** The length of each range in ms; `all` has none. */
export const rangeMillis: { readonly [R in Range]: number | null } = {
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  all: null
}

/** One point of a chart: a raw poll or a rolled-up bucket (avg, with peak and min). */
export class HistoryPoint extends Schema.Class<HistoryPoint>("HistoryPoint")({
  /** The poll's time, or the bucket's start. */
  at: Schema.Number,
  resolution: PointResolution,
  fiveHour: Schema.NullOr(Schema.Number),
  fiveHourPeak: Schema.NullOr(Schema.Number),
  fiveHourMin: Schema.NullOr(Schema.Number),
  sevenDay: Schema.NullOr(Schema.Number),
  sevenDayPeak: Schema.NullOr(Schema.Number),
  sevenDayMin: Schema.NullOr(Schema.Number)
}) {}

const utilizationOf = (window: UsageWindow | null) => window?.utilization ?? null

// Points are built from values already typed and checked (a decoded poll or bucket), thousands per
// chart: validating each again would cost more than reading them (~20 ms for a 30-day series).

/** A raw poll as a point: its utilization is the avg, peak and min alike. */
export const pointOfPoll = (poll: UsageSnapshot): HistoryPoint =>
  new HistoryPoint({
    at: poll.fetchedAt,
    resolution: "raw",
    fiveHour: utilizationOf(poll.fiveHour),
    fiveHourPeak: utilizationOf(poll.fiveHour),
    fiveHourMin: utilizationOf(poll.fiveHour),
    sevenDay: utilizationOf(poll.sevenDay),
    sevenDayPeak: utilizationOf(poll.sevenDay),
    sevenDayMin: utilizationOf(poll.sevenDay)
  }, true)

/** A rolled-up bucket as a point at its start. */
export const pointOfBucket = (bucket: RollupBucket): HistoryPoint =>
  new HistoryPoint({
    at: bucket.periodStart,
    resolution: bucket.resolution,
    fiveHour: bucket.fiveHour?.avg ?? null,
    fiveHourPeak: bucket.fiveHour?.peak ?? null,
    fiveHourMin: bucket.fiveHour?.min ?? null,
    sevenDay: bucket.sevenDay?.avg ?? null,
    sevenDayPeak: bucket.sevenDay?.peak ?? null,
    sevenDayMin: bucket.sevenDay?.min ?? null
  }, true)

/** A stretch without data, shown as a gap and never interpolated. */
export class Gap extends Schema.Class<Gap>("Gap")({ from: Schema.Number, to: Schema.Number }) {}

/** An API outage: two failed polls in a row open it, the next success closes it (SPEC §1.5). */
export class Outage extends Schema.Class<Outage>("Outage")({
  profile: ProfileName,
  startedAt: Schema.Number,
  endedAt: Schema.NullOr(Schema.Number),
  reason: Schema.String
}) {}

/** A range of one profile's history: points oldest first, explicit gaps, resets and outages. */
export class Series extends Schema.Class<Series>("Series")({
  profile: ProfileName,
  from: Schema.Number,
  to: Schema.Number,
  points: Schema.Array(HistoryPoint),
  gaps: Schema.Array(Gap),
  resets: Schema.Array(ResetEvent),
  outages: Schema.Array(Outage)
}) {}

/** What `record` learned: the reset event the poll completed, if any. */
export interface Recorded {
  readonly reset: Option.Option<ResetEvent>
}

/** How rollups and retention run (SPEC §4). */
export interface Maintenance {
  readonly now: number
  readonly retentionDays: number
}

/** The usage history. Every row carries its profile; several processes may write at once. */
export class UsageHistory extends Context.Tag("@cchdrm/core/UsageHistory")<UsageHistory, {
  /** Stores one poll in one transaction and records the reset it reveals (SPEC §2 reset detection). */
  readonly record: (snapshot: UsageSnapshot) => Effect.Effect<Recorded, HistoryError>
  /** The newest stored poll of a profile. */
  readonly latest: (profile: ProfileName) => Effect.Effect<Option.Option<UsageSnapshot>, HistoryError>
  /** Raw polls in [from, to), oldest first (slope bootstrap, export). */
  readonly polls: (profile: ProfileName, from: number, to: number) => Effect.Effect<ReadonlyArray<UsageSnapshot>, HistoryError>
  /** Brings rollups up to date and prunes past retention; idempotent, safe to run any time. */
  readonly maintain: (options: Maintenance) => Effect.Effect<void, HistoryError>
  /**
   * A range of history: raw polls for the last 24 h, rollups beyond; gaps longer than
   * `gapThreshold` ms are explicit.
   */
  readonly series: (
    profile: ProfileName,
    range: { readonly from: number; readonly to: number; readonly gapThreshold: number }
  ) => Effect.Effect<Series, HistoryError>
  /** Reset events in [from, to), oldest first. */
  readonly resets: (profile: ProfileName, from: number, to: number) => Effect.Effect<ReadonlyArray<ResetEvent>, HistoryError>
  /** Opens an outage unless one is open. */
  readonly openOutage: (profile: ProfileName, at: number, reason: string) => Effect.Effect<void, HistoryError>
  /** Closes the open outage, if any. */
  readonly closeOutage: (profile: ProfileName, at: number) => Effect.Effect<void, HistoryError>
  /** Profiles that have history. */
  readonly profiles: Effect.Effect<ReadonlyArray<ProfileName>, HistoryError>
  /** Deletes all history (and reclaims the space). */
  readonly clear: Effect.Effect<void, HistoryError>
  /** Deletes one profile's history — polls, rollups, resets, outages — leaving the others intact (and reclaims the space). */
  readonly clearProfile: (profile: ProfileName) => Effect.Effect<void, HistoryError>
}>() {}
