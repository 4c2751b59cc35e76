// The shapes Anthropic's endpoints and Claude Code's credentials use on the wire (API.md A.1–A.4).

/** `anthropic-beta` value the OAuth endpoints require. */
export const oauthBeta = "oauth-2025-04-20"

/** Claude Code's public OAuth client id, sent to the token endpoint. */
export const claudeCodeClientId = "9d1c250a-e61b-44d9-88ed-5944d1962f5e"

/** One usage window of A.1; `utilization` is percent used and may exceed 100. */
export interface UsageWindow {
  readonly utilization: number | null
  readonly resets_at: string | null
}

/** `extra_usage` of A.1; `monthly_limit` and `used_credits` are cents. */
export interface ExtraUsage {
  readonly is_enabled: boolean | null
  readonly monthly_limit: number | null
  readonly used_credits: number | null
  readonly utilization: number | null
}

/** What a `limits[]` entry applies to. */
export interface LimitScope {
  readonly model: { readonly id: string | null; readonly display_name: string | null } | null
  readonly surface: string | null
}

/** One entry of `limits[]`; `kind` is an open set. */
export interface Limit {
  readonly kind: string
  readonly group: string
  readonly percent: number | null
  readonly severity: string
  readonly resets_at: string | null
  readonly scope: LimitScope | null
  readonly is_active: boolean
}

/** The body of `GET /api/oauth/usage` (A.1): every field may be missing or null, unknown keys appear. */
export interface UsageBody {
  readonly five_hour?: UsageWindow | null
  readonly seven_day?: UsageWindow | null
  readonly seven_day_oauth_apps?: UsageWindow | null
  readonly seven_day_opus?: UsageWindow | null
  readonly seven_day_sonnet?: UsageWindow | null
  readonly extra_usage?: ExtraUsage | null
  readonly limits?: ReadonlyArray<Limit> | null
  readonly [unknownKey: string]: unknown
}

/** The body of `GET /api/oauth/profile` (A.3). */
export interface ProfileBody {
  readonly account: {
    readonly uuid: string
    readonly email_address: string
    readonly display_name: string
  }
  readonly organization: {
    readonly uuid: string
    readonly organization_type: string
    readonly rate_limit_tier: string | null
    readonly has_extra_usage_enabled: boolean
    readonly billing_type: string
  }
}

/** A successful answer of `POST /v1/oauth/token` (A.2); `refresh_token` may be absent. */
export interface TokenResponse {
  readonly access_token: string
  readonly refresh_token?: string
  readonly expires_in: number
  readonly token_type: "Bearer"
  readonly scope: string | ReadonlyArray<string>
}

/** The value of Claude Code's `.credentials.json` or Keychain item (A.4). */
export interface ClaudeCredentials {
  readonly claudeAiOauth: {
    readonly accessToken: string
    readonly refreshToken: string
    readonly expiresAt: number
    readonly scopes: ReadonlyArray<string>
    readonly subscriptionType: string | null
    readonly rateLimitTier: string | null
  }
  readonly [otherKey: string]: unknown
}

/**
 * An instant as the usage endpoint writes it: `2026-08-12T03:40:00.059198+00:00` (microseconds,
 * explicit offset). Takes epoch microseconds.
 */
export const formatResetsAt = (epochMicros: number): string => {
  const micros = Math.floor(epochMicros)
  const seconds = Math.floor(micros / 1_000_000)
  const fraction = micros - seconds * 1_000_000
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${String(fraction).padStart(6, "0")}+00:00`
}
