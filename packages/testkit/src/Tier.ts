// Subscription tiers as the wire shows them: `rateLimitTier`, `subscriptionType`, `organization_type`.

/** What the fake needs to know about a tier. */
export interface Tier {
  readonly rateLimitTier: string | null
  readonly subscriptionType: string | null
  readonly organizationType: string
  /**
   * How many 7-day percent points one 5-hour percent point costs (credits5 / credits7, SPEC §2),
   * so simulated windows burn together the way real ones do.
   */
  readonly sevenDayPerFiveHourPoint: number
}

const known: ReadonlyArray<Tier> = [
  { rateLimitTier: "default_claude_pro", subscriptionType: "pro", organizationType: "claude_pro", sevenDayPerFiveHourPoint: 550_000 / 5_000_000 },
  { rateLimitTier: "default_claude_max_5x", subscriptionType: "max", organizationType: "claude_max", sevenDayPerFiveHourPoint: 3_300_000 / 41_666_700 },
  { rateLimitTier: "default_claude_max_20x", subscriptionType: "max", organizationType: "claude_max", sevenDayPerFiveHourPoint: 11_000_000 / 83_333_300 }
]

/** The tier the fake uses when none is given. */
export const defaultRateLimitTier = "default_claude_max_20x"

/** The tier for a `rateLimitTier` value; unknown and null tiers still simulate sensibly. */
export const ofRateLimitTier = (rateLimitTier: string | null): Tier =>
  known.find((tier) => tier.rateLimitTier === rateLimitTier) ?? {
    rateLimitTier,
    subscriptionType: rateLimitTier?.includes("team") === true ? "team" : rateLimitTier?.includes("enterprise") === true ? "enterprise" : null,
    organizationType: rateLimitTier?.includes("team") === true ? "claude_team" : rateLimitTier?.includes("enterprise") === true ? "claude_enterprise" : "claude_max",
    sevenDayPerFiveHourPoint: 0.1
  }
