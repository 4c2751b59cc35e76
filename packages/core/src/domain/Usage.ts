// The usage snapshot: what one poll learned about a profile's windows (SPEC §1.4, API.md A.1).
import { Schema } from "effect"
import { ProfileName } from "./Profile.js"

/** Unix epoch milliseconds. */
export const EpochMillis = Schema.Number
/** @see EpochMillis */
export type EpochMillis = number

/**
 * One rate-limit window. `utilization` is percent used and may exceed 100; `null` means the API
 * did not say (unknown, never 0). `resetsAt` is when the window resets, `null` when unknown.
 */
export class UsageWindow extends Schema.Class<UsageWindow>("UsageWindow")({
  utilization: Schema.NullOr(Schema.Number),
  resetsAt: Schema.NullOr(EpochMillis)
}) {}

/**
 * A model-scoped weekly cap: the legacy per-model windows (`seven_day_sonnet`, …) and the
 * `weekly_scoped` entries of `limits[]`, labelled by model.
 */
export class ModelCap extends Schema.Class<ModelCap>("ModelCap")({
  label: Schema.String,
  utilization: Schema.NullOr(Schema.Number),
  resetsAt: Schema.NullOr(EpochMillis)
}) {}

/** Pay-as-you-go usage beyond the subscription, in cents (never the ambiguous `utilization`). */
export class ExtraUsage extends Schema.Class<ExtraUsage>("ExtraUsage")({
  enabled: Schema.Boolean,
  usedCents: Schema.NullOr(Schema.Number),
  limitCents: Schema.NullOr(Schema.Number)
}) {}

/** Percent of the monthly extra-usage limit spent, from cents (SPEC §3); `null` when unknown or the limit is not positive. */
export const extraUsagePercent = (extra: ExtraUsage | null): number | null =>
  extra === null || extra.usedCents === null || extra.limitCents === null || extra.limitCents <= 0
    ? null
    : (extra.usedCents * 100) / extra.limitCents

/** Where a snapshot came from: a usage request, Claude Code's status-line feed, or an import. */
export const SnapshotSource = Schema.Literal("api", "statusline", "import")
/** @see SnapshotSource */
export type SnapshotSource = typeof SnapshotSource.Type

/** What one poll learned about one profile. A window the API did not send is `null`. */
export class UsageSnapshot extends Schema.Class<UsageSnapshot>("UsageSnapshot")({
  profile: ProfileName,
  fetchedAt: EpochMillis,
  source: SnapshotSource,
  fiveHour: Schema.NullOr(UsageWindow),
  sevenDay: Schema.NullOr(UsageWindow),
  caps: Schema.Array(ModelCap),
  extraUsage: Schema.NullOr(ExtraUsage),
  /** The `rateLimitTier` the profile's credentials carried, `null` when unknown. */
  tier: Schema.NullOr(Schema.String)
}) {}
