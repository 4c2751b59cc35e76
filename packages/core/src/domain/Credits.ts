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
 * The limits to compute with: custom limits override the tier's, one window at a time; `None`
 * when a window has neither (unknown tier and no custom limit).
 */
export const limitsFor = (tier: string | null, custom: CustomLimits = {}): Option.Option<CreditLimits> => {
  const known = tier === null ? undefined : tiers.get(tier)?.limits
  const fiveHour = custom.customCredits5h ?? known?.fiveHour
  const sevenDay = custom.customCredits7d ?? known?.sevenDay
  return fiveHour !== undefined && sevenDay !== undefined
    ? Option.some(new CreditLimits({ fiveHour, sevenDay }))
    : Option.none()
}
