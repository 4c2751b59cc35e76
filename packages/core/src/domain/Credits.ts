// Credits: what each subscription tier allows, and the headroom breakdown at resets (SPEC §2).
import { Option, Schema } from "effect"

/** Credit limits of the two windows. */
export class CreditLimits extends Schema.Class<CreditLimits>("CreditLimits")({
  fiveHour: Schema.Number.pipe(Schema.positive()),
  sevenDay: Schema.Number.pipe(Schema.positive())
}) {}

/** A known subscription tier. */
export interface Tier {
  readonly id: string
  readonly name: string
  readonly monthlyUsd: number
  readonly limits: CreditLimits
}

/** The known tiers, keyed by the credentials' `rateLimitTier` (SPEC §2). */
export const tiers: ReadonlyMap<string, Tier> = new Map(
  [
    { id: "default_claude_pro", name: "Pro", monthlyUsd: 20, limits: new CreditLimits({ fiveHour: 550_000, sevenDay: 5_000_000 }) },
    { id: "default_claude_max_5x", name: "Max 5x", monthlyUsd: 100, limits: new CreditLimits({ fiveHour: 3_300_000, sevenDay: 41_666_700 }) },
    { id: "default_claude_max_20x", name: "Max 20x", monthlyUsd: 200, limits: new CreditLimits({ fiveHour: 11_000_000, sevenDay: 83_333_300 }) }
  ].map((tier) => [tier.id, tier])
)

/** User-set limits (preferences `customCredits5h` / `customCredits7d`). */
export interface CustomLimits {
  readonly customCredits5h?: number | undefined
  readonly customCredits7d?: number | undefined
}

/**
 * The limits to compute with: a known tier's own limits always win (SPEC §2); custom limits apply
 * only to an unknown tier, and only when both windows are set — otherwise `None`.
 */
export const limitsFor = (tier: string | null, custom: CustomLimits = {}): Option.Option<CreditLimits> => {
  const known = tier === null ? undefined : tiers.get(tier)?.limits
  if (known !== undefined) return Option.some(known)
  const fiveHour = custom.customCredits5h
  const sevenDay = custom.customCredits7d
  return fiveHour !== undefined && sevenDay !== undefined
    ? Option.some(new CreditLimits({ fiveHour, sevenDay }))
    : Option.none()
}

/** Where a 5h window's credits went, in credits and in percent of the 5h limit. */
export class Breakdown extends Schema.Class<Breakdown>("Breakdown")({
  usedCredits: Schema.Number,
  constrainedCredits: Schema.Number,
  unusedCredits: Schema.Number,
  usedPercent: Schema.Number,
  constrainedPercent: Schema.Number,
  unusedPercent: Schema.Number
}) {}

/**
 * The headroom breakdown at a 5h reset (SPEC §2), from the window's peak utilization `peak` and
 * the 7-day utilization `sevenDay` at the reset: R5 = (1 − P/100)·L5, R7 = (1 − S/100)·L7,
 * used = P/100·L5; unused = min(R5, R7) and the rest of R5 was blocked by the weekly limit
 * (7d-constrained, not waste). Inputs are clamped to 0–100 so the parts stay ≥ 0 and sum to L5.
 */
export const breakdown = (peak: number, sevenDay: number, limits: CreditLimits): Breakdown => {
  const p = clampPercent(peak) / 100
  const s = clampPercent(sevenDay) / 100
  const used = p * limits.fiveHour
  const remaining5h = (1 - p) * limits.fiveHour
  const remaining7d = (1 - s) * limits.sevenDay
  const unused = Math.min(remaining5h, remaining7d)
  const constrained = remaining5h - unused
  const percent = (credits: number) => (credits / limits.fiveHour) * 100
  return new Breakdown({
    usedCredits: used,
    constrainedCredits: constrained,
    unusedCredits: unused,
    usedPercent: percent(used),
    constrainedPercent: percent(constrained),
    unusedPercent: percent(unused)
  })
}

const clampPercent = (value: number): number => Math.min(100, Math.max(0, value))

/** What the breakdown needs from one reset event; `null` where the event did not record it. */
export interface ResetBreakdownInput {
  /** Peak 5h utilization over the window that reset. */
  readonly peak: number | null
  /** 7-day utilization at the reset. */
  readonly sevenDay: number | null
  /** The `rateLimitTier` at the reset. */
  readonly tier: string | null
}

/** Used / 7d-constrained / unused amounts, in credits or in percent. */
export const Split = Schema.Struct({
  used: Schema.Number,
  constrained: Schema.Number,
  unused: Schema.Number
})
/** @see Split */
export type Split = typeof Split.Type

/**
 * A period's headroom breakdown (SPEC §2): `resetCount` counts every reset event, `averagePeak`
 * averages the known peaks; `credits` and `percent` (of the summed 5h limits, adding up to 100)
 * cover only the events with a peak, a 7d value and limits — `null` when there is none.
 */
export class PeriodSummary extends Schema.Class<PeriodSummary>("PeriodSummary")({
  resetCount: Schema.Number,
  averagePeak: Schema.NullOr(Schema.Number),
  credits: Schema.NullOr(Split),
  percent: Schema.NullOr(Split)
}) {}

/** The display name of a known tier ("Pro", "Max 5x", "Max 20x"); `None` when unknown. */
export const tierName = (tier: string | null): Option.Option<string> =>
  Option.fromNullable(tier === null ? undefined : tiers.get(tier)?.name)

/** Sums the breakdowns of a period's reset events (SPEC §2); custom limits apply as in `limitsFor`. */
export const summarize = (events: Iterable<ResetBreakdownInput>, custom: CustomLimits = {}): PeriodSummary => {
  let resetCount = 0
  let peakCount = 0
  let peakSum = 0
  let fiveHourSum = 0
  const credits = { used: 0, constrained: 0, unused: 0 }
  for (const event of events) {
    resetCount++
    if (!isKnown(event.peak)) continue
    peakCount++
    peakSum += event.peak
    if (!isKnown(event.sevenDay)) continue
    const limits = limitsFor(event.tier, custom)
    if (Option.isNone(limits)) continue
    const parts = breakdown(event.peak, event.sevenDay, limits.value)
    fiveHourSum += limits.value.fiveHour
    credits.used += parts.usedCredits
    credits.constrained += parts.constrainedCredits
    credits.unused += parts.unusedCredits
  }
  const percent = (value: number) => (value / fiveHourSum) * 100
  return new PeriodSummary({
    resetCount,
    averagePeak: peakCount === 0 ? null : peakSum / peakCount,
    credits: fiveHourSum === 0 ? null : credits,
    percent: fiveHourSum === 0
      ? null
      : { used: percent(credits.used), constrained: percent(credits.constrained), unused: percent(credits.unused) }
  })
}

// A NaN or infinite value from a damaged row is as good as unknown.
const isKnown = (value: number | null): value is number => value !== null && Number.isFinite(value)
