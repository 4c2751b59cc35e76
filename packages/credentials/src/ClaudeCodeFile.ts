// Claude Code's credentials file, `$CLAUDE_CONFIG_DIR/.credentials.json` (SPEC §1.1, API.md A.4).
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { Credentials, CredentialsInvalid, CredentialsNotFound } from "@cchdrm/core/services/CredentialStore"
import type { ReadError } from "@cchdrm/core/services/CredentialStore"
import type { ProfileName } from "@cchdrm/core/domain/Profile"
import { Effect, Either, ParseResult, Redacted, Schema } from "effect"
import { redactSecrets } from "@cchdrm/core/domain/Redact"

/** The file's name inside the config directory. */
export const fileName = ".credentials.json"

/** The credentials file of a Claude Code config directory. */
export const pathIn = (configDir: string): string => join(configDir, fileName)

const nullable = <S extends Schema.Schema.Any>(schema: S) =>
  Schema.optionalWith(Schema.NullOr(schema), { default: () => null })

/**
 * The `claudeAiOauth` object as Claude Code writes it. Only `accessToken` is required; the rest
 * default to "unknown", and keys we don't know are ignored here (and kept by {@link render}).
 */
export const OAuthWire = Schema.Struct({
  accessToken: Schema.NonEmptyTrimmedString,
  refreshToken: nullable(Schema.NonEmptyTrimmedString),
  expiresAt: nullable(Schema.Number),
  scopes: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  subscriptionType: nullable(Schema.String),
  rateLimitTier: nullable(Schema.String)
})

/** `claudeAiOauth` decoded into core's {@link Credentials}, tokens `Redacted`. */
export const CredentialsFromWire = Schema.compose(OAuthWire, Credentials)

/** The parsed file: the whole JSON object (every key kept for write-back) and its credentials. */
export interface Document {
  readonly root: Readonly<Record<string, unknown>>
  readonly oauth: Readonly<Record<string, unknown>>
  readonly credentials: Credentials
}

/** The fix for a broken Claude Code login. */
export const relogin = "run 'claude' to log in again, which rewrites it"

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const kindOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "a JSON array" : `a ${typeof value}`

// A stray non-JSON byte (a BOM, a NUL) has been seen in front of the object (A.4).
const withoutStrayPrefix = (text: string): string => {
  const trimmed = text.trimStart()
  const rest = trimmed.slice(1).trimStart()
  return !trimmed.startsWith("{") && !trimmed.startsWith("[") && rest.startsWith("{") ? rest : trimmed
}

// Names the fields at fault, never their values: a value may be a token.
const fieldProblems = (error: ParseResult.ParseError): string => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const fields = [...new Set(issues.map((issue) => {
    const field = ["claudeAiOauth", ...issue.path.map(String)].join(".")
    return issue._tag === "Missing" ? `${field} is missing` : `${field} has the wrong type or is empty`
  }))]
  return fields.join(", ")
}

/**
 * Decodes a `claudeAiOauth` value. A problem is a one-line `CredentialsInvalid` ending in `fix`
 * that names the fields at fault, never their values.
 */
export const decodeOAuth = (
  oauth: unknown,
  location: string,
  profile: ProfileName,
  fix: string = relogin
): Either.Either<{ readonly oauth: Readonly<Record<string, unknown>>; readonly credentials: Credentials }, CredentialsInvalid> => {
  const invalid = (problem: string) =>
    Either.left(new CredentialsInvalid({ profile, location, problem: redactSecrets(problem) }))
  if (!isRecord(oauth)) return invalid(`claudeAiOauth is ${kindOf(oauth)}, not an object — ${fix}`)
  return Schema.decodeUnknownEither(CredentialsFromWire)(oauth).pipe(
    Either.match({
      onLeft: (error) => invalid(`${fieldProblems(error)} — ${fix}`),
      onRight: (credentials) => Either.right({ oauth, credentials })
    })
  )
}

/** The JSON object of a credentials text (tolerating a stray leading byte), or what is wrong with it. */
export const parseObject = (text: string, fix: string = relogin): Either.Either<Record<string, unknown>, string> => {
  const body = withoutStrayPrefix(text)
  if (body === "") return Either.left(`the file is empty — ${fix}`)
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return Either.left(`the file is ${body.startsWith("<") ? "HTML" : "text"}, not JSON — ${fix}`)
  }
  return isRecord(json) ? Either.right(json) : Either.left(`the file holds ${kindOf(json)}, not a JSON object — ${fix}`)
}

/**
 * Parses the file's text. Never fails on unknown keys; a file without `claudeAiOauth` (e.g. only
 * `mcpOAuth`) has no credentials. Every other problem is a one-line `CredentialsInvalid` that says
 * how to fix it (`fix`, by default logging in again) and shows no secret.
 */
export const parse = (
  text: string,
  location: string,
  profile: ProfileName,
  fix: string = relogin
): Either.Either<Document, ReadError> =>
  Either.gen(function*() {
    const root = yield* Either.mapLeft(
      parseObject(text, fix),
      (problem) => new CredentialsInvalid({ profile, location, problem: redactSecrets(problem) })
    )
    if (root["claudeAiOauth"] === undefined) {
      return yield* Either.left(new CredentialsNotFound({ profile, source: "claude-code", searched: [location] }))
    }
    const { credentials, oauth } = yield* decodeOAuth(root["claudeAiOauth"], location, profile, fix)
    return { root, oauth, credentials }
  })

const errnoOf = (cause: unknown): string | undefined =>
  isRecord(cause) && typeof cause["code"] === "string" ? cause["code"] : undefined

/**
 * Reads and parses the file at `path`. A missing file (or config directory) is
 * `CredentialsNotFound`; a directory, an unreadable file or a malformed one is `CredentialsInvalid`.
 * Only reads: the file is never modified here.
 */
export const read = (path: string, profile: ProfileName): Effect.Effect<Document, ReadError> =>
  Effect.tryPromise({ try: () => readFile(path, "utf8"), catch: errnoOf }).pipe(
    Effect.mapError((code): ReadError => {
      switch (code) {
        case "ENOENT":
        case "ENOTDIR":
          return new CredentialsNotFound({ profile, source: "claude-code", searched: [path] })
        case "EISDIR":
          return new CredentialsInvalid({ profile, location: path, problem: `it is a directory, not a file — remove it, then ${relogin}` })
        case "EACCES":
        case "EPERM":
          return new CredentialsInvalid({ profile, location: path, problem: `permission denied — make it readable by you with 'chmod 600 ${path}'` })
        default:
          return new CredentialsInvalid({ profile, location: path, problem: `it cannot be read (${code ?? "unknown error"}) — check the disk and the file's permissions` })
      }
    }),
    Effect.flatMap((text) => parse(text, path, profile))
  )

/**
 * `oauth` with `next`'s values: every unknown key survives, and a field `next` doesn't know
 * (`null`) keeps the stored value.
 */
export const mergeOAuth = (oauth: Readonly<Record<string, unknown>>, next: Credentials): Record<string, unknown> => {
  const known = {
    accessToken: Redacted.value(next.accessToken),
    refreshToken: next.refreshToken === null ? null : Redacted.value(next.refreshToken),
    expiresAt: next.expiresAt,
    scopes: next.scopes,
    subscriptionType: next.subscriptionType,
    rateLimitTier: next.rateLimitTier
  }
  return { ...oauth, ...Object.fromEntries(Object.entries(known).filter(([, value]) => value !== null)) }
}

/**
 * The file's new text with `next`'s tokens: every other top-level key and every unknown key inside
 * `claudeAiOauth` survive; a field `next` doesn't know (`null`) keeps the stored value.
 */
export const render = (document: Document, next: Credentials): string =>
  JSON.stringify({ ...document.root, claudeAiOauth: mergeOAuth(document.oauth, next) })
