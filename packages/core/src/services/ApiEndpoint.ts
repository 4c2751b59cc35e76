// Endpoint URLs from the environment: https, or http only on loopback (API.md B.1).
import { Config, Effect, Either, Schema } from "effect"
import type { ConfigError } from "effect"
import * as Redact from "../domain/Redact.js"

/** Why an endpoint URL was refused. */
export const UrlProblem = Schema.Literal("not_a_url", "insecure")
/** @see UrlProblem */
export type UrlProblem = typeof UrlProblem.Type

const rule = "use https://, or http:// only on loopback (127.0.0.0/8, ::1, localhost)"

/**
 * An endpoint URL variable (`CCHDRM_API_URL`, `CCHDRM_TOKEN_URL`) holds something that is not a
 * URL, or a URL that would send tokens in the clear or off the machine. A usage error (exit code 2).
 */
export class ApiUrlInvalid extends Schema.TaggedError<ApiUrlInvalid>()("ApiUrlInvalid", {
  /** The environment variable, e.g. `CCHDRM_API_URL`. */
  variable: Schema.String,
  /** The offending value, shortened, on one line, without credentials, query or fragment. */
  url: Schema.String,
  problem: UrlProblem
}) {
  override get message(): string {
    const what = this.problem === "not_a_url" ? "is not a URL" : "is not allowed"
    return `${this.variable}='${this.url}' ${what} — ${rule}`
  }
}

const shownMax = 80

// What the message may show of a value: one line, short, never a token or a password.
const shown = (text: string): string => {
  const clean = Redact.shown(text)
  return clean.length <= shownMax ? clean : `${clean.slice(0, shownMax - 1)}…`
}

const shownUrl = (url: URL): string => shown(`${url.protocol}//${url.host}${url.pathname}`)

const octet = /^(?:0|[1-9][0-9]{0,2})$/

/**
 * Whether a URL's hostname is this machine: `localhost`, an IPv4 address in 127.0.0.0/8, or `::1`
 * (bracketed as `URL.hostname` writes it, or bare). No name that merely starts with `127.` or ends
 * in `localhost` counts: those would be resolved through DNS.
 */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase()
  if (host === "localhost" || host === "[::1]" || host === "::1") return true
  const parts = host.split(".")
  return parts.length === 4 && parts[0] === "127" && parts.every((part) => octet.test(part) && Number(part) <= 255)
}

/** Whether cc-hdrm may send a token to this URL: `https:`, or `http:` on a loopback host. */
export const isAllowed = (url: URL): boolean =>
  url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname))

/** The URL itself when it is allowed, else an `ApiUrlInvalid` naming the variable. */
export const validate = (variable: string, url: URL): Either.Either<URL, ApiUrlInvalid> =>
  isAllowed(url) ? Either.right(url) : Either.left(new ApiUrlInvalid({ variable, url: shownUrl(url), problem: "insecure" }))

/** Parses and validates the text of an endpoint variable. */
export const parse = (variable: string, text: string): Either.Either<URL, ApiUrlInvalid> =>
  Either.try(() => new URL(text.trim())).pipe(
    Either.mapLeft(() => new ApiUrlInvalid({ variable, url: shown(text), problem: "not_a_url" })),
    Either.flatMap((url) => validate(variable, url))
  )

/** Reads an endpoint variable through `Config`, falling back to `fallback` when it is unset. */
export const fromConfig = (variable: string, fallback: string): Effect.Effect<URL, ApiUrlInvalid | ConfigError.ConfigError> =>
  Config.string(variable).pipe(
    Config.withDefault(fallback),
    Effect.flatMap((text) => parse(variable, text))
  )

/**
 * `path` under `base`, keeping a path prefix of the base (`http://127.0.0.1:8080/proxy` +
 * `/api/oauth/usage` → `http://127.0.0.1:8080/proxy/api/oauth/usage`); the base's query and
 * fragment are dropped.
 */
export const resolve = (base: URL, path: string): URL => {
  const url = new URL(base.href)
  url.pathname = `${base.pathname.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`
  url.search = ""
  url.hash = ""
  return url
}
