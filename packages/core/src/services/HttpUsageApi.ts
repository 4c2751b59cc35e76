// The live UsageApi over @effect/platform's HttpClient (API.md A.1, A.3), every failure typed (SPEC §1.5).
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Clock, Duration, Effect, Either, Layer, Redacted, Schema } from "effect"
import type { ProfileName } from "../domain/Profile.js"
import * as UsageBody from "../domain/UsageBody.js"
import * as Redact from "../domain/Redact.js"
import * as ApiEndpoint from "./ApiEndpoint.js"
import { AccountProfile, ApiUnreachable, MissingScope, RateLimited, Unauthorized, UsageApi } from "./UsageApi.js"
import type { RequestContext, UsageApiError } from "./UsageApi.js"

/** The Claude Code version sent in `User-Agent`; the endpoint throttles other user agents (API.md A.1). */
export const defaultUserAgentVersion = "2.1.80"
/** How long one request may take, body included. */
export const defaultTimeout: Duration.Duration = Duration.seconds(10)
/** `CCHDRM_API_URL` when unset (API.md B.1). */
export const defaultBaseUrl = "https://api.anthropic.com"
/** The `anthropic-beta` value the OAuth endpoints require. */
export const oauthBeta = "oauth-2025-04-20"

const usagePath = "/api/oauth/usage"
const profilePath = "/api/oauth/profile"

/** How to reach the API. */
export interface Options {
  readonly baseUrl: URL
  /** `<version>` of `User-Agent: claude-code/<version>` (default {@link defaultUserAgentVersion}). */
  readonly userAgentVersion?: string
  /** Per request, body included (default {@link defaultTimeout}). */
  readonly timeout?: Duration.DurationInput
}

// --- pure pieces -------------------------------------------------------------------------------

const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
const clock = String.raw`(\d{2}):(\d{2}):(\d{2})`
// The three forms RFC 9110 §5.6.7 makes recipients accept.
const imfFixdate = new RegExp(String.raw`^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) ${clock} gmt$`, "i")
const rfc850 = new RegExp(String.raw`^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) ${clock} gmt$`, "i")
const asctime = new RegExp(String.raw`^[a-z]{3} ([a-z]{3}) ( \d|\d{2}) ${clock} (\d{4})$`, "i")

const utcOf = (year: number, month: string, day: number, hour: number, minute: number, second: number): number | null => {
  const monthIndex = months.indexOf(month.toLowerCase())
  if (monthIndex === -1 || day < 1 || hour > 23 || minute > 59 || second > 60) return null
  const at = Date.UTC(year, monthIndex, day, hour, minute, Math.min(second, 59))
  // Date.UTC rolls 31 Feb over into March; such a date is garbage.
  return new Date(at).getUTCDate() === day ? at : null
}

/** Epoch ms of an HTTP date in any of the three forms of RFC 9110, or `null`. */
export const parseHttpDate = (text: string, now: number): number | null => {
  const value = text.trim()
  let match = imfFixdate.exec(value)
  if (match !== null) {
    const [, day, month, year, hour, minute, second] = match
    return utcOf(Number(year), month!, Number(day), Number(hour), Number(minute), Number(second))
  }
  match = rfc850.exec(value)
  if (match !== null) {
    const [, day, month, yy, hour, minute, second] = match
    // A two-digit year more than 50 years ahead means the previous century (RFC 9110 §5.6.7).
    const thisYear = new Date(now).getUTCFullYear()
    let year = thisYear - (thisYear % 100) + Number(yy)
    if (year > thisYear + 50) year -= 100
    return utcOf(year, month!, Number(day), Number(hour), Number(minute), Number(second))
  }
  match = asctime.exec(value)
  if (match !== null) {
    const [, month, day, hour, minute, second, year] = match
    return utcOf(Number(year), month!, Number(day!.trim()), Number(hour), Number(minute), Number(second))
  }
  return null
}

/**
 * How long a `Retry-After` header asks to wait, in ms: whole seconds (`"120"`) or an HTTP date
 * (relative to `now`). Missing, `0`, a date not in the future, or anything unparseable is `null`.
 */
export const parseRetryAfter = (header: string | undefined, now: number): number | null => {
  if (header === undefined) return null
  const value = header.trim()
  if (/^\d+$/.test(value)) {
    const seconds = Number(value)
    return seconds > 0 && Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : null
  }
  const at = parseHttpDate(value, now)
  return at === null || at <= now ? null : at - now
}

// Node (undici) and browsers report transport failures as errors with a `code`, possibly
// wrapped in `cause` or an AggregateError's `errors`.
const codesOf = (error: unknown, depth = 0): ReadonlyArray<string> => {
  if (depth > 4 || typeof error !== "object" || error === null) return []
  const code = "code" in error && typeof error.code === "string" ? [error.code] : []
  const nested = "errors" in error && Array.isArray(error.errors) ? error.errors : []
  const cause = "cause" in error ? [error.cause] : []
  return [...code, ...[...cause, ...nested].flatMap((inner: unknown) => codesOf(inner, depth + 1))]
}

const reasons: ReadonlyArray<readonly [RegExp, string]> = [
  [/^ECONNREFUSED$/, "connection refused"],
  [/^(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/, "host not found"],
  [/^(?:ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, "connection timed out"],
  [/^(?:ENETUNREACH|EHOSTUNREACH|ENETDOWN|EHOSTDOWN)$/, "network unreachable"],
  [/^(?:ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, "connection closed"],
  [/CERT|^ERR_TLS|^ERR_SSL|SELF_SIGNED|UNABLE_TO_VERIFY|^EPROTO$/, "TLS error"]
]

/**
 * A short, token-free reason for a transport failure, from the error `code`s found in it
 * (`connection refused`, `host not found`, …); `network error` when none is known.
 */
export const transportReason = (cause: unknown): string => {
  for (const code of codesOf(cause)) {
    const found = reasons.find(([pattern]) => pattern.test(code))
    if (found !== undefined) return found[1]
  }
  return "network error"
}

/** The error for a status other than 200 (SPEC §1.5). */
export const statusError = (
  profile: ProfileName,
  status: number,
  retryAfter: string | undefined,
  now: number
): Exclude<UsageApiError, UsageBody.UsageBodyInvalid> => {
  switch (status) {
    case 401:
      return new Unauthorized({ profile })
    case 403:
      return new MissingScope({ profile })
    case 429:
      return new RateLimited({ profile, retryAfterMillis: parseRetryAfter(retryAfter, now) })
    default:
      return new ApiUnreachable({ profile, reason: `HTTP ${status}` })
  }
}

/** `organization_type` of A.3 as a subscription type: `claude_max` → `max`, …; unknown ones stay raw. */
export const subscriptionTypeOf = (organizationType: string | null): string | null => {
  if (organizationType === null || organizationType.trim() === "") return null
  const known = /^claude_(pro|max|team|enterprise)$/.exec(organizationType)
  return known?.[1] ?? organizationType
}

// A value of the wrong type reads as null, as in the usage body: only the account id is required.
const optionalText = Schema.optional(
  Schema.NullOr(Schema.String).annotations({ decodingFallback: () => Either.right(null) })
)

/** The profile body (API.md A.3); unknown keys are ignored. */
export const ProfileBody = Schema.Struct({
  account: Schema.Struct({ uuid: Schema.NonEmptyTrimmedString, email_address: optionalText, display_name: optionalText }),
  organization: Schema.optional(
    Schema.NullOr(Schema.Struct({ organization_type: optionalText, rate_limit_tier: optionalText }))
      .annotations({ decodingFallback: () => Either.right(null) })
  )
})
/** @see ProfileBody */
export type ProfileBody = typeof ProfileBody.Type

const decodeProfileBody = Schema.decodeUnknownEither(Schema.parseJson(ProfileBody))

const excerptMax = 80
const excerptOf = (text: string): string => Redact.shown(text.slice(0, 4 * excerptMax)).slice(0, excerptMax)

/**
 * Decodes a profile body. It fails like a usage body (`empty`, `not_json` with an HTML excerpt,
 * `not_an_object`); a JSON object without `account.uuid` is also `not_an_object`, since
 * `UsageApiError` has no profile-specific body error.
 */
export const decodeProfile = (text: string, context: RequestContext): Either.Either<AccountProfile, UsageBody.UsageBodyInvalid> =>
  UsageBody.decode(text, { profile: context.profile, fetchedAt: 0, tier: null }).pipe(
    Either.flatMap(() =>
      decodeProfileBody(text.startsWith("\ufeff") ? text.slice(1) : text).pipe(
        Either.mapLeft(() => new UsageBody.UsageBodyInvalid({ reason: "not_an_object", excerpt: excerptOf(text) }))
      )
    ),
    Either.map(({ account, organization }) =>
      new AccountProfile({
        accountId: account.uuid,
        email: account.email_address ?? null,
        displayName: account.display_name ?? null,
        subscriptionType: subscriptionTypeOf(organization?.organization_type ?? null),
        rateLimitTier: organization?.rate_limit_tier ?? null
      })
    )
  )

// --- the service -------------------------------------------------------------------------------

const secondsText = (duration: Duration.Duration): string => `${Duration.toMillis(duration) / 1000}s`

/** Builds the service; fails when `baseUrl` is neither https nor http on loopback. */
export const make = (options: Options) =>
  Effect.gen(function*() {
    const baseUrl = yield* ApiEndpoint.validate("CCHDRM_API_URL", options.baseUrl)
    // Scoped, so a response whose body is never read (any status but 200) is aborted at once.
    const client = HttpClient.withScope(yield* HttpClient.HttpClient)
    const timeout = Duration.decode(options.timeout ?? defaultTimeout)
    const userAgent = `claude-code/${options.userAgentVersion ?? defaultUserAgentVersion}`
    const urls = { usage: ApiEndpoint.resolve(baseUrl, usagePath), profile: ApiEndpoint.resolve(baseUrl, profilePath) }

    // GET one endpoint and hand the 200 body's text to `decode`; everything else is a typed error.
    const request = <A>(
      url: URL,
      accessToken: Redacted.Redacted<string>,
      context: RequestContext,
      decode: (text: string, now: number) => Either.Either<A, UsageBody.UsageBodyInvalid>
    ): Effect.Effect<A, UsageApiError> => {
      const unreachable = (reason: string) => new ApiUnreachable({ profile: context.profile, reason })
      const onStatus = (
        response: HttpClientResponse.HttpClientResponse
      ): Effect.Effect<A, UsageApiError | HttpClientError.ResponseError> =>
        Effect.gen(function*() {
          const now = yield* Clock.currentTimeMillis
          if (response.status !== 200) {
            return yield* statusError(context.profile, response.status, response.headers["retry-after"], now)
          }
          const text = yield* response.text
          // The snapshot is stamped when its body has arrived.
          return yield* decode(text, yield* Clock.currentTimeMillis)
        })
      return client.get(url, {
        headers: {
          authorization: `Bearer ${Redacted.value(accessToken)}`,
          "anthropic-beta": oauthBeta,
          accept: "application/json",
          "user-agent": userAgent
        }
      }).pipe(
        Effect.flatMap(onStatus),
        Effect.scoped,
        Effect.catchTags({
          // Only the cause's error codes are looked at: the client's own messages carry the URL.
          // A malformed request is a bug; its defect carries no request (and so no header).
          RequestError: (error) =>
            error.reason === "Transport"
              ? Effect.fail(unreachable(transportReason(error.cause)))
              : Effect.dieMessage(`UsageApi: could not build the request (${error.reason})`),
          ResponseError: (error) => Effect.fail(unreachable(transportReason(error.cause)))
        }),
        Effect.timeoutFail({ duration: timeout, onTimeout: () => unreachable(`timed out after ${secondsText(timeout)}`) })
      )
    }

    const fetchUsage = Effect.fn("UsageApi.fetchUsage")(
      (accessToken: Redacted.Redacted<string>, context: RequestContext) =>
        request(urls.usage, accessToken, context, (text, now) =>
          UsageBody.decode(text, { profile: context.profile, fetchedAt: now, tier: context.tier }))
    )
    const fetchProfile = Effect.fn("UsageApi.fetchProfile")(
      (accessToken: Redacted.Redacted<string>, context: RequestContext) =>
        request(urls.profile, accessToken, context, (text) => decodeProfile(text, context))
    )
    return UsageApi.of({ fetchUsage, fetchProfile })
  })

/** The live `UsageApi` for a given base URL. */
export const layer = (options: Options): Layer.Layer<UsageApi, ApiEndpoint.ApiUrlInvalid, HttpClient.HttpClient> =>
  Layer.effect(UsageApi, make(options))

/** The live `UsageApi` at `CCHDRM_API_URL` (default {@link defaultBaseUrl}). */
export const layerConfig = Layer.unwrapEffect(
  ApiEndpoint.fromConfig("CCHDRM_API_URL", defaultBaseUrl).pipe(Effect.map((baseUrl) => layer({ baseUrl })))
)
