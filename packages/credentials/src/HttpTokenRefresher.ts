// TokenRefresher over HTTP: the OAuth refresh_token grant (SPEC §1.3, API.md A.2).
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as ApiEndpoint from "@cchdrm/core/services/ApiEndpoint"
import { Credentials } from "@cchdrm/core/services/CredentialStore"
import type { CredentialSource } from "@cchdrm/core/services/CredentialStore"
import { TokenExpired, TokenRefresher, TokenRefreshFailed } from "@cchdrm/core/services/TokenRefresher"
import type { ProfileName } from "@cchdrm/core/domain/Profile"
import { Clock, Duration, Effect, Layer, Option, Redacted, Schema } from "effect"
import type { ConfigError } from "effect"
import { redactSecrets } from "@cchdrm/core/domain/Redact"

/** Claude Code's OAuth client id; the platform host rejects a refresh without it (A.2). */
export const clientId = "9d1c250a-e61b-44d9-88ed-5944d1962f5e"

/** The token endpoint (`CCHDRM_TOKEN_URL`'s default). */
export const defaultTokenUrl = "https://platform.claude.com/v1/oauth/token"

/** How long one refresh may take, body included. */
export const timeout = Duration.seconds(10)

/** Where to refresh. */
export interface Options {
  /** Full URL of the token endpoint: `https://`, or `http://` on loopback only (B.1). */
  readonly tokenUrl: string
}

/** Whether `text` is an acceptable token URL: `https://`, or `http://` on a loopback host (B.1). */
export const isAllowedUrl = (text: string): boolean => URL.canParse(text) && ApiEndpoint.isAllowed(new URL(text))

/** The success body; unknown keys ignored. */
const TokenBody = Schema.Struct({
  access_token: Schema.NonEmptyTrimmedString,
  refresh_token: Schema.optional(Schema.NonEmptyTrimmedString),
  expires_in: Schema.optional(Schema.Number),
  scope: Schema.optional(Schema.Union(Schema.Array(Schema.String), Schema.String))
})

const ErrorBody = Schema.Struct({ error: Schema.optional(Schema.String) })

const scopesOf = (scope: ReadonlyArray<string> | string): ReadonlyArray<string> =>
  typeof scope === "string" ? scope.split(/\s+/).filter((part) => part !== "") : scope

/** The refresher against `options.tokenUrl`. Dies on a URL that {@link isAllowedUrl} rejects. */
export const make = (options: Options) => Effect.gen(function*() {
  if (!isAllowedUrl(options.tokenUrl)) {
    return yield* Effect.dieMessage("The token URL must be https://, or http:// on a loopback address")
  }
  const client = yield* HttpClient.HttpClient

  const refresh = Effect.fn("TokenRefresher.refresh")(function*(
    profile: ProfileName,
    source: CredentialSource,
    credentials: Credentials
  ) {
    if (credentials.refreshToken === null) return yield* new TokenExpired({ profile, source })
    const refreshToken = Redacted.value(credentials.refreshToken)
    const secrets = [refreshToken, Redacted.value(credentials.accessToken)]
    const failed = (reason: string) =>
      new TokenRefreshFailed({ profile, reason: redactSecrets(reason.split("\n")[0] ?? "", secrets) })

    const request = HttpClientRequest.post(options.tokenUrl).pipe(
      HttpClientRequest.acceptJson,
      HttpClientRequest.bodyUnsafeJson({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId })
    )
    const exchange = Effect.gen(function*() {
      const response = yield* client.execute(request)
      const text = yield* response.text
      return { status: response.status, text }
    }).pipe(
      Effect.scoped,
      Effect.timeoutFail({ duration: timeout, onTimeout: () => failed(`timed out after ${Duration.format(timeout)}`) }),
      Effect.catchTags({
        RequestError: (error) => Effect.fail(failed(`network error: ${error.cause instanceof Error ? error.cause.message : error.reason}`)),
        ResponseError: (error) => Effect.fail(failed(`the response could not be read (${error.reason})`))
      })
    )
    const { status, text } = yield* exchange

    if (status === 400 || status === 401) {
      const error = Schema.decodeUnknownOption(Schema.parseJson(ErrorBody))(text).pipe(
        Option.flatMap((body) => Option.fromNullable(body.error))
      )
      if (Option.contains(error, "invalid_grant")) return yield* new TokenExpired({ profile, source })
      return yield* failed(`HTTP ${status}${Option.match(error, { onNone: () => "", onSome: (code) => ` ${code}` })}`)
    }
    if (status < 200 || status >= 300) return yield* failed(`HTTP ${status}`)

    const body = yield* Schema.decodeUnknown(Schema.parseJson(TokenBody))(text).pipe(
      Effect.catchTag("ParseError", () => Effect.fail(failed(`HTTP ${status} with a body that is not a token response`)))
    )
    const now = yield* Clock.currentTimeMillis
    return new Credentials({
      ...credentials,
      accessToken: Redacted.make(body.access_token),
      // Rotation: the old refresh token stops working, so keep the new one when there is one (A.2).
      refreshToken: body.refresh_token === undefined ? credentials.refreshToken : Redacted.make(body.refresh_token),
      expiresAt: body.expires_in === undefined ? credentials.expiresAt : now + body.expires_in * 1000,
      scopes: body.scope === undefined ? credentials.scopes : scopesOf(body.scope)
    })
  })

  return TokenRefresher.of({ refresh })
})

/** The refresher against `options.tokenUrl`; needs an `HttpClient`. */
export const layer = (options: Options): Layer.Layer<TokenRefresher, never, HttpClient.HttpClient> =>
  Layer.effect(TokenRefresher, make(options))

/**
 * `CCHDRM_TOKEN_URL`, default {@link defaultTokenUrl}, checked like `CCHDRM_API_URL`: anything but
 * https, or http on loopback, is an `ApiUrlInvalid` naming the variable and the rule (exit 2).
 */
export const tokenUrl: Effect.Effect<string, ApiEndpoint.ApiUrlInvalid | ConfigError.ConfigError> = Effect.map(
  ApiEndpoint.fromConfig("CCHDRM_TOKEN_URL", defaultTokenUrl),
  (url) => url.href
)

/** The refresher against `$CCHDRM_TOKEN_URL` (API.md B.1). */
export const layerConfig: Layer.Layer<TokenRefresher, ApiEndpoint.ApiUrlInvalid | ConfigError.ConfigError, HttpClient.HttpClient> = Layer.unwrapEffect(
  Effect.map(tokenUrl, (url) => layer({ tokenUrl: url }))
)
