// UsageApi: the usage and profile endpoints (API.md A.1, A.3), with every failure a typed error (SPEC §1.5).
import { Context, Schema } from "effect"
import type { Effect, Redacted } from "effect"
import { ProfileName } from "../domain/Profile.js"
import type { UsageSnapshot } from "../domain/Usage.js"
import type { UsageBodyInvalid } from "../domain/UsageBody.js"

/** 401: the access token is expired or revoked; the poller refreshes once and retries. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", { profile: ProfileName }) {
  override get message(): string {
    return `Claude API rejected the token of profile '${this.profile}' (HTTP 401) — refreshing`
  }
}

/** 403: the token lacks the `user:profile` scope; only a new login fixes it. */
export class MissingScope extends Schema.TaggedError<MissingScope>()("MissingScope", { profile: ProfileName }) {
  override get message(): string {
    return `The token of profile '${this.profile}' is missing the 'user:profile' scope — run 'claude' to log in again`
  }
}

/** 429: throttled. The last good data stays on screen, marked stale; not an outage. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  profile: ProfileName,
  /** How long `Retry-After` asked to wait (ms), `null` when absent, `0` or unparseable. */
  retryAfterMillis: Schema.NullOr(Schema.Number)
}) {
  override get message(): string {
    const wait = this.retryAfterMillis === null ? "" : ` for ${Math.ceil(this.retryAfterMillis / 1000)}s`
    return `Claude API is rate limiting profile '${this.profile}'${wait} — showing the last data, will retry`
  }
}

/** The API could not be reached, timed out, or answered 5xx or another unexpected status. */
export class ApiUnreachable extends Schema.TaggedError<ApiUnreachable>()("ApiUnreachable", {
  profile: ProfileName,
  /** One line: `HTTP 502`, `timed out after 10s`, `connection refused`; never a token. */
  reason: Schema.String
}) {
  override get message(): string {
    return `Unable to reach Claude API (${this.reason}) — will retry`
  }
}

/** Everything a usage request can fail with. */
export type UsageApiError = Unauthorized | MissingScope | RateLimited | ApiUnreachable | UsageBodyInvalid

/** The account behind a token (API.md A.3). */
export class AccountProfile extends Schema.Class<AccountProfile>("AccountProfile")({
  accountId: Schema.String,
  email: Schema.NullOr(Schema.String),
  displayName: Schema.NullOr(Schema.String),
  /** `pro`, `max`, `team`, `enterprise`, or the raw `organization_type` when unknown. */
  subscriptionType: Schema.NullOr(Schema.String),
  rateLimitTier: Schema.NullOr(Schema.String)
}) {}

/** What a usage request needs besides the token. */
export interface RequestContext {
  readonly profile: ProfileName
  /** Recorded in the snapshot (the credentials' `rateLimitTier`). */
  readonly tier: string | null
}

/** The Anthropic OAuth usage API. */
export class UsageApi extends Context.Tag("@cchdrm/core/UsageApi")<UsageApi, {
  /** `GET /api/oauth/usage`, decoded into a snapshot stamped with the Clock's time. */
  readonly fetchUsage: (
    accessToken: Redacted.Redacted<string>,
    context: RequestContext
  ) => Effect.Effect<UsageSnapshot, UsageApiError>
  /** `GET /api/oauth/profile`: the account, to learn the tier and notice an account change. */
  readonly fetchProfile: (
    accessToken: Redacted.Redacted<string>,
    context: RequestContext
  ) => Effect.Effect<AccountProfile, UsageApiError>
}>() {}
