// Scripted HTTP answers: what a route sends instead of its normal behaviour, and the canned ones.
import { randomBytes } from "node:crypto"
import * as UsageBodies from "./UsageBodies.js"

/**
 * One scripted answer. An object `body` is sent as JSON, a string as-is (so malformed JSON and
 * HTML are possible), no body as an empty one. `hang` never answers (until the server closes or the
 * client gives up); `closeConnection` drops the socket without a response.
 */
export interface ScriptedResponse {
  readonly status?: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  readonly delayMs?: number
  readonly closeConnection?: boolean
  readonly hang?: boolean
}

/** A JSON answer. */
export const json = (body: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): ScriptedResponse => ({
  status,
  body,
  headers
})

/** An Anthropic API error body: `{"type":"error","error":{"type":…,"message":…}}`. */
export const apiError = (status: number, type: string, message: string, headers: Readonly<Record<string, string>> = {}): ScriptedResponse =>
  json({ type: "error", error: { type, message } }, status, headers)

/** An OAuth error body of the token endpoint: `{"error":…,"error_description":…}`. */
export const oauthError = (status: number, error: string, description: string): ScriptedResponse =>
  json({ error, error_description: description }, status)

/** 200 with the A.1 example body. */
export const example = (): ScriptedResponse => json(UsageBodies.example())

/** 200 with `{}`. */
export const minimal = (): ScriptedResponse => json(UsageBodies.minimal())

/** 200 with every known key null. */
export const allNull = (): ScriptedResponse => json(UsageBodies.allNull())

/** 200 with windows whose utilization and reset are null. */
export const nullUtilization = (): ScriptedResponse => json(UsageBodies.nullUtilization())

/** 200 with unknown keys everywhere. */
export const unknownKeys = (): ScriptedResponse => json(UsageBodies.withUnknownKeys())

/** 200 with a body that is not JSON although it says so. */
export const malformedJson = (): ScriptedResponse => ({
  status: 200,
  body: "{\"five_hour\": {\"utilization\": 15.0, \"resets_at\": \"2026-08-12T03:4",
  headers: { "content-type": "application/json" }
})

/** 200 with an empty body. */
export const emptyBody = (): ScriptedResponse => ({ status: 200, body: "", headers: { "content-type": "application/json" } })

/** The HTML page Cloudflare sends when the origin is down. */
export const cloudflare502 = (): ScriptedResponse => ({
  status: 502,
  body: [
    "<html>",
    "<head><title>502 Bad Gateway</title></head>",
    "<body>",
    "<center><h1>502 Bad Gateway</h1></center>",
    "<hr><center>cloudflare</center>",
    "</body>",
    "</html>",
    ""
  ].join("\r\n"),
  headers: {
    "content-type": "text/html",
    server: "cloudflare",
    "cf-ray": `${randomBytes(8).toString("hex")}-FRA`
  }
})

/** 401 for an expired access token. */
export const tokenExpired = (): ScriptedResponse =>
  apiError(401, "authentication_error", "OAuth token has expired. Please obtain a new token or refresh your existing token.")

/** 401 for a token the server does not know (revoked, mistyped). */
export const unauthorized = (message = "Invalid bearer token"): ScriptedResponse =>
  apiError(401, "authentication_error", message)

/** 403 for a token without the `user:profile` scope. */
export const forbidden = (): ScriptedResponse =>
  apiError(403, "permission_error", "OAuth token does not meet scope requirement user:profile")

/**
 * 429. `retryAfter` becomes the `Retry-After` header: a number is seconds (`"600"`), a Date an
 * HTTP date (`"Wed, 12 Aug 2026 03:40:00 GMT"`), a string is sent as-is; omitted, no header.
 */
export const rateLimited = (retryAfter?: number | Date | string): ScriptedResponse =>
  apiError(
    429,
    "rate_limit_error",
    "Rate limited. Please try again later.",
    retryAfter === undefined
      ? {}
      : { "retry-after": typeof retryAfter === "number" ? String(retryAfter) : typeof retryAfter === "string" ? retryAfter : retryAfter.toUTCString() }
  )

/** 500 (or another 5xx) with an API error body. */
export const serverError = (status = 500): ScriptedResponse => apiError(status, "api_error", "Internal server error")

/** 529, Anthropic's "overloaded". */
export const overloaded = (): ScriptedResponse => apiError(529, "overloaded_error", "Overloaded")

/** Never answer: the request stays open until the client aborts or the server closes. */
export const hang = (): ScriptedResponse => ({ hang: true })

/** Drop the connection without an answer (the client sees a socket error). */
export const closeConnection = (): ScriptedResponse => ({ closeConnection: true })

/** The same answer, sent after `delayMs` milliseconds of real time. */
export const delayed = (delayMs: number, response: ScriptedResponse = example()): ScriptedResponse => ({ ...response, delayMs })
