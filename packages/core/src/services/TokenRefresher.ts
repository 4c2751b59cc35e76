// TokenRefresher: trades a refresh token for fresh tokens (API.md A.2).
import { Context, Schema } from "effect"
import type { Effect } from "effect"
import { ProfileName } from "../domain/Profile.js"
import type { Credentials } from "./CredentialStore.js"
import { CredentialSource } from "./CredentialStore.js"

/**
 * The refresh token was rejected (`invalid_grant`) or is missing: terminal until the user logs in
 * again (exit code 4). Never retried on its own (SPEC §1.3).
 */
export class TokenExpired extends Schema.TaggedError<TokenExpired>()("TokenExpired", {
  profile: ProfileName,
  source: CredentialSource
}) {
  override get message(): string {
    return this.source === "vault"
      ? `Token of profile '${this.profile}' expired and refresh failed — run 'claude' to log in, then re-import it with 'cchdrm profiles add ${this.profile} --from-claude-code'`
      : `Token of profile '${this.profile}' expired and refresh failed — run 'claude' to log in again`
  }
}

/** The token endpoint could not be reached or answered an error; the next cycle tries again. */
export class TokenRefreshFailed extends Schema.TaggedError<TokenRefreshFailed>()("TokenRefreshFailed", {
  profile: ProfileName,
  /** One line, e.g. `HTTP 500` or `timed out after 10s`; never a token. */
  reason: Schema.String
}) {
  override get message(): string {
    return `Could not refresh the token of profile '${this.profile}' (${this.reason}) — will retry`
  }
}

/** Refreshes OAuth tokens. */
export class TokenRefresher extends Context.Tag("@cchdrm/core/TokenRefresher")<TokenRefresher, {
  /**
   * New credentials from the refresh token: the rotated refresh token when one is returned (else
   * the old one is kept), `expiresAt` = now + `expires_in`, other fields carried over.
   */
  readonly refresh: (
    profile: ProfileName,
    source: CredentialSource,
    credentials: Credentials
  ) => Effect.Effect<Credentials, TokenExpired | TokenRefreshFailed>
}>() {}
