// Exit codes (API.md B.3), decided in one place: a record keyed by error tag turns a forgotten
// error into a compile error.
import { Cause, Exit, Option } from "effect"
import type { Connection } from "./Display.js"
import type { PreferencesInvalid } from "./Preferences.js"
import type { UsageBodyInvalid } from "./UsageBody.js"
import type { ApiUrlInvalid } from "../services/ApiEndpoint.js"
import type { ConfigFileError } from "../services/ConfigFileError.js"
import type { CredentialsInvalid, CredentialsNotFound, CredentialsWriteFailed } from "../services/CredentialStore.js"
import type { ProfileExists, ProfileNotFound } from "../services/ProfileStore.js"
import type { TokenExpired, TokenRefreshFailed } from "../services/TokenRefresher.js"
import type { ApiUnreachable, MissingScope, RateLimited, Unauthorized } from "../services/UsageApi.js"
import type { HistoryError } from "../services/UsageHistory.js"

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
  | HistoryError
  | MissingScope
  | PreferencesInvalid
  | ProfileExists
  | ProfileNotFound
  | RateLimited
  | TokenExpired
  | TokenRefreshFailed
  | Unauthorized
  | UsageBodyInvalid

const codes: { readonly [Tag in CchdrmError["_tag"]]: ExitCode } = {
  ApiUrlInvalid: 2,
  ProfileExists: 2,
  ProfileNotFound: 2,
  CredentialsNotFound: 3,
  TokenExpired: 4,
  Unauthorized: 4,
  MissingScope: 4,
  ApiUnreachable: 5,
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
