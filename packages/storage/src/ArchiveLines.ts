// The whole history as JSON Lines (API.md B.4): beside the poll lines of ExportLines, one line with
// a `kind` per rollup bucket, reset event and outage. Pure codecs; reading and writing is the caller's.
import { Reset, Rollup, UsageHistory } from "@cchdrm/core"
import type { Usage } from "@cchdrm/core"
// Deep import: the namespace's declarations keep only the type of a name that is also a value.
import * as Profile from "@cchdrm/core/domain/Profile"
import { Either, Schema } from "effect"
import * as ExportLines from "./ExportLines.js"

/** One line of a whole-history file, decoded. */
export type ArchiveRecord =
  | { readonly kind: "poll"; readonly poll: Usage.UsageSnapshot }
  | { readonly kind: "bucket"; readonly bucket: Rollup.RollupBucket }
  | { readonly kind: "reset"; readonly event: Reset.ResetEvent }
  | { readonly kind: "outage"; readonly outage: UsageHistory.Outage }

/** The kinds of B.4 lines; a poll line has no `kind` key. */
export type Kind = ArchiveRecord["kind"]

/**
 * Lines of one profile at the same time are ordered by kind, by name: a bucket before the polls
 * it will hold, a poll before the reset it revealed.
 */
export const kindRank: { readonly [K in Kind]: number } = { bucket: 0, outage: 1, poll: 2, reset: 3 }

const statsJson = (stats: Rollup.WindowStats | null) =>
  stats === null ? null : { avg: stats.avg, peak: stats.peak, min: stats.min, count: stats.count }

/** The B.4 line of a rollup bucket. */
export const bucketLine = (bucket: Rollup.RollupBucket): string =>
  JSON.stringify({
    kind: "bucket",
    profile: bucket.profile,
    resolution: bucket.resolution,
    periodStart: ExportLines.iso(bucket.periodStart),
    periodEnd: ExportLines.iso(bucket.periodEnd),
    sampleCount: bucket.sampleCount,
    fiveHour: statsJson(bucket.fiveHour),
    sevenDay: statsJson(bucket.sevenDay),
    resetCount: bucket.resetCount,
    unusedCredits: bucket.unusedCredits
  })

/** The B.4 line of a reset event; `credits` is `null` when none of the three is known. */
export const resetLine = (event: Reset.ResetEvent): string =>
  JSON.stringify({
    kind: "reset",
    profile: event.profile,
    at: ExportLines.iso(event.at),
    peak5h: event.peak5h,
    sevenDayUtilization: event.sevenDayUtilization,
    tier: event.tier,
    credits: event.usedCredits === null && event.constrainedCredits === null && event.unusedCredits === null
      ? null
      : { used: event.usedCredits, constrained: event.constrainedCredits, unused: event.unusedCredits }
  })

/** The B.4 line of an outage; an open one has `endedAt: null`. */
export const outageLine = (outage: UsageHistory.Outage): string =>
  JSON.stringify({
    kind: "outage",
    profile: outage.profile,
    startedAt: ExportLines.iso(outage.startedAt),
    endedAt: ExportLines.iso(outage.endedAt),
    reason: outage.reason
  })

const Count = Schema.Int.pipe(Schema.nonNegative())
const Stats = Schema.NullOr(Schema.Struct({ avg: Schema.Finite, peak: Schema.Finite, min: Schema.Finite, count: Count }))

const BucketLine = Schema.Struct({
  kind: Schema.Literal("bucket"),
  profile: Profile.ProfileName,
  resolution: Rollup.Resolution,
  periodStart: ExportLines.IsoMillis,
  periodEnd: ExportLines.IsoMillis,
  sampleCount: Count,
  fiveHour: Stats,
  sevenDay: Stats,
  resetCount: Count,
  unusedCredits: Schema.NullOr(Schema.Finite)
}).pipe(
  // Rollups merge buckets by period: a bucket must be one whole, aligned period of its resolution.
  Schema.filter((line) =>
    line.periodStart === Rollup.bucketStart(line.periodStart, line.resolution) &&
      line.periodEnd === line.periodStart + Rollup.bucketMillis[line.resolution] ||
    `periodStart…periodEnd is not one whole ${line.resolution} period`
  )
)

const Credit = Schema.NullOr(Schema.Finite)
const ResetLine = Schema.Struct({
  kind: Schema.Literal("reset"),
  profile: Profile.ProfileName,
  at: ExportLines.IsoMillis,
  peak5h: Schema.NullOr(Schema.Finite),
  sevenDayUtilization: Schema.NullOr(Schema.Finite),
  tier: Schema.NullOr(Schema.String),
  credits: Schema.NullOr(Schema.Struct({ used: Credit, constrained: Credit, unused: Credit }))
})

const OutageLine = Schema.Struct({
  kind: Schema.Literal("outage"),
  profile: Profile.ProfileName,
  startedAt: ExportLines.IsoMillis,
  endedAt: Schema.NullOr(ExportLines.IsoMillis),
  reason: Schema.String.pipe(Schema.maxLength(1_000))
}).pipe(Schema.filter((line) => line.endedAt === null || line.endedAt >= line.startedAt || "endedAt is before startedAt"))

const strict = { onExcessProperty: "ignore" } as const
const decodeBucket = Schema.decodeUnknownEither(BucketLine, strict)
const decodeReset = Schema.decodeUnknownEither(ResetLine, strict)
const decodeOutage = Schema.decodeUnknownEither(OutageLine, strict)

const recordOf = (json: Record<string, unknown>, lineNumber: number): Either.Either<ArchiveRecord, string> => {
  switch (json.kind) {
    case undefined:
      return Either.match(ExportLines.snapshotOf(json, lineNumber, true), {
        onLeft: (error) => Either.left(error.reason),
        onRight: (poll) => Either.right({ kind: "poll", poll })
      })
    case "bucket":
      return Either.mapBoth(decodeBucket(json), {
        onLeft: ExportLines.firstIssue,
        onRight: (line) => ({
          kind: "bucket",
          bucket: new Rollup.RollupBucket({
            profile: line.profile,
            resolution: line.resolution,
            periodStart: line.periodStart,
            periodEnd: line.periodEnd,
            sampleCount: line.sampleCount,
            fiveHour: line.fiveHour === null ? null : new Rollup.WindowStats(line.fiveHour),
            sevenDay: line.sevenDay === null ? null : new Rollup.WindowStats(line.sevenDay),
            resetCount: line.resetCount,
            unusedCredits: line.unusedCredits
          })
        })
      })
    case "reset":
      return Either.mapBoth(decodeReset(json), {
        onLeft: ExportLines.firstIssue,
        onRight: (line) => ({
          kind: "reset",
          event: new Reset.ResetEvent({
            profile: line.profile,
            at: line.at,
            peak5h: line.peak5h,
            sevenDayUtilization: line.sevenDayUtilization,
            tier: line.tier,
            usedCredits: line.credits?.used ?? null,
            constrainedCredits: line.credits?.constrained ?? null,
            unusedCredits: line.credits?.unused ?? null
          })
        })
      })
    case "outage":
      return Either.mapBoth(decodeOutage(json), {
        onLeft: ExportLines.firstIssue,
        onRight: (line) => ({
          kind: "outage",
          outage: new UsageHistory.Outage({ profile: line.profile, startedAt: line.startedAt, endedAt: line.endedAt, reason: line.reason })
        })
      })
    default:
      return Either.left(`unknown kind ${JSON.stringify(json.kind).slice(0, 40)} (expected bucket, reset or outage)`)
  }
}

/**
 * The record of the B.4 line `text` (its `lineNumber` is 1-based), or why it is none. A line
 * without `kind` is a poll (`ExportLines.fromJsonLine`, built light for the ingest); unknown keys
 * are ignored.
 */
export const fromLine = (text: string, lineNumber: number): Either.Either<ArchiveRecord, ExportLines.ImportLineInvalid> =>
  Either.flatMap(ExportLines.parseObject(text, lineNumber), (json) =>
    Either.mapLeft(
      recordOf(json, lineNumber),
      (reason) => new ExportLines.ImportLineInvalid({ line: lineNumber, reason: ExportLines.oneLine(reason) })
    ))
