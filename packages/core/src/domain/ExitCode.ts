// Exit codes (API.md B.3), decided in one place: a record keyed by error tag turns a forgotten
// error into a compile error.
import { Cause, ConfigError, Exit, Option } from "effect"
import type { Connection } from "./Display.js"
import { printable } from "./Redact.js"
import type { PreferencesInvalid } from "./Preferences.js"
import type { UsageBodyInvalid } from "./UsageBody.js"
import type { UsageError } from "./UsageError.js"
import type { ApiUrlInvalid } from "../services/ApiEndpoint.js"
import type { ConfigFileError } from "../services/ConfigFileError.js"
import type { DataPathInvalid } from "../services/Installation.js"
import type { CredentialsInvalid, CredentialsNotFound, CredentialsWriteFailed } from "../services/CredentialStore.js"
import type { ProfileExists, ProfileNotFound } from "../services/ProfileStore.js"
import type { TokenExpired, TokenRefreshFailed } from "../services/TokenRefresher.js"
import type { ApiUnreachable, MissingScope, RateLimited, Unauthorized } from "../services/UsageApi.js"
import type { TeamHistoryUnset } from "../services/TeamHistory.js"
import type { HistoryError, HistoryUnreachable } from "../services/UsageHistory.js"

/** The documented exit codes. */
export type ExitCode = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 10

/** Every error a user can meet. */
export type CchdrmError =
  | ApiUnreachable
  | ApiUrlInvalid
  | ConfigFileError
  | CredentialsInvalid
  | CredentialsNotFound
  | CredentialsWriteFailed
  | DataPathInvalid
  | HistoryError
  | HistoryUnreachable
  | MissingScope
  | PreferencesInvalid
  | ProfileExists
  | ProfileNotFound
  | RateLimited
  | TeamHistoryUnset
  | TokenExpired
  | TokenRefreshFailed
  | Unauthorized
  | UsageBodyInvalid
  | UsageError

const codes: { readonly [Tag in CchdrmError["_tag"]]: ExitCode } = {
  ApiUrlInvalid: 2,
  DataPathInvalid: 2,
  UsageError: 2,
  ProfileExists: 2,
  ProfileNotFound: 2,
  TeamHistoryUnset: 2,
  CredentialsNotFound: 3,
  TokenExpired: 4,
  Unauthorized: 4,
  MissingScope: 4,
  ApiUnreachable: 5,
  HistoryUnreachable: 5,
  TokenRefreshFailed: 5,
  UsageBodyInvalid: 5,
  RateLimited: 6,
  ConfigFileError: 7,
  CredentialsInvalid: 7,
  CredentialsWriteFailed: 7,
  HistoryError: 7,
  PreferencesInvalid: 7
}

/** The code of an error tag of {@link CchdrmError}, or `undefined` for any other tag. */
export const ofTag = (tag: string): ExitCode | undefined => (Object.hasOwn(codes, tag) ? codes[tag as CchdrmError["_tag"]] : undefined)

/** The exit code of a user-facing error. */
export const ofError = (error: CchdrmError): ExitCode => codes[error._tag]

/** The exit code of a finished program: 0, the failure's code, or 1 for a defect or interruption. */
export const ofExit = <A>(exit: Exit.Exit<A, CchdrmError>): ExitCode =>
  Exit.match(exit, {
    onSuccess: () => 0,
    onFailure: (cause) => Option.match(Cause.failureOption(cause), { onNone: () => 1, onSome: ofError })
  })

/** What a failure means to a user: the code to exit with and the one line to print. */
export interface Failure {
  readonly code: ExitCode
  readonly message: string
}

const isTagged = (error: unknown): error is { readonly _tag: string; readonly message: string } =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string" &&
  "message" in error && typeof error.message === "string"

/**
 * Any failure as a user meets it: an error of {@link CchdrmError} with its code and message, a bad
 * environment value (`ConfigError`) as a usage error (2), anything else as internal (1). The
 * message is the error's own; printing it safely (one line, no token) is `Redact`'s job.
 */
export const ofFailure = (error: unknown): Failure => {
  if (ConfigError.isConfigError(error)) return { code: 2, message: String(error) }
  if (isTagged(error)) {
    const code = ofTag(error._tag)
    if (code !== undefined) return { code, message: error.message }
    return { code: 1, message: `internal error: ${error.message}` }
  }
  return { code: 1, message: `internal error: ${error instanceof Error ? error.message : String(error)}` }
}

/** How a finished program ends for a user: the code, and the line to print (`null`: nothing to say). */
export interface Outcome {
  readonly code: ExitCode
  readonly message: string | null
}

/**
 * The outcome of a finished program: 0 on success or on interruption alone (Ctrl-C is a clean
 * stop), a failure as `failure` maps it (default {@link ofFailure}), and a defect — a bug,
 * whatever it carries — as 1 with `internal error: …`. The message is printable: one line, no secret.
 */
export const outcomeOf = <A, E>(exit: Exit.Exit<A, E>, failure: (error: E) => Outcome = ofFailure): Outcome => {
  const { code, message } = rawOutcome(exit, failure)
  return { code, message: message === null ? null : printable(message) }
}

const rawOutcome = <A, E>(exit: Exit.Exit<A, E>, failure: (error: E) => Outcome): Outcome =>
  Exit.match(exit, {
    onSuccess: () => ({ code: 0, message: null }),
    onFailure: (cause) => {
      if (Cause.isInterruptedOnly(cause)) return { code: 0, message: null }
      return Option.match(Cause.failureOption(cause), {
        onSome: failure,
        onNone: () => {
          const defect = Cause.squash(cause)
          return { code: 1, message: `internal error: ${defect instanceof Error ? defect.message : String(defect)}` }
        }
      })
    }
  })

/** With several profiles, `status` exits with the worst code (API.md B.3): the highest. */
export const worst = (codes: ReadonlyArray<ExitCode>): ExitCode =>
  codes.reduce<ExitCode>((a, b) => (b > a ? b : a), 0)

const connectionCodes: { readonly [C in Connection]: ExitCode } = {
  connected: 0,
  no_credentials: 3,
  token_expired: 4,
  disconnected: 5,
  rate_limited: 6
}

/** The exit code of a profile's poll outcome, for `status` (API.md B.3); stored data may still be printed. */
export const ofConnection = (connection: Connection): ExitCode => connectionCodes[connection]

/** `status`'s code for the profiles it polled: the worst of their connections' codes. */
export const ofProfiles = (profiles: ReadonlyArray<{ readonly connection: Connection }>): ExitCode =>
  worst(profiles.map((profile) => ofConnection(profile.connection)))
