// CredentialStore: where a profile's OAuth tokens live (Claude Code's login or cc-hdrm's vault; SPEC §1.1).
import { Context, Schema } from "effect"
import type { Effect } from "effect"
import { ProfileName } from "../domain/Profile.js"

/** Where a profile's credentials come from; decides the fix a user is told. */
export const CredentialSource = Schema.Literal("claude-code", "vault")
/** @see CredentialSource */
export type CredentialSource = typeof CredentialSource.Type

/** A profile's OAuth credentials. Tokens stay `Redacted` end to end, so no log or message shows them. */
export class Credentials extends Schema.Class<Credentials>("Credentials")({
  accessToken: Schema.Redacted(Schema.String),
  refreshToken: Schema.NullOr(Schema.Redacted(Schema.String)),
  /** When the access token expires (epoch ms), `null` when unknown. */
  expiresAt: Schema.NullOr(Schema.Number),
  scopes: Schema.Array(Schema.String),
  /** `pro`, `max`, … */
  subscriptionType: Schema.NullOr(Schema.String),
  /** `default_claude_max_20x`, … */
  rateLimitTier: Schema.NullOr(Schema.String)
}) {}

/** No credentials were found for the profile (exit code 3). */
export class CredentialsNotFound extends Schema.TaggedError<CredentialsNotFound>()("CredentialsNotFound", {
  profile: ProfileName,
  source: CredentialSource,
  /** The places looked in (file paths, keychain items), for the message and `doctor`. */
  searched: Schema.Array(Schema.String)
}) {
  override get message(): string {
    const where = this.searched.length === 0 ? "" : ` (looked in ${this.searched.join(", ")})`
    return this.source === "vault"
      ? `No credentials stored for profile '${this.profile}'${where} — re-import it with 'cchdrm profiles add ${this.profile}'`
      : `No Claude credentials found${where} — run 'claude' to log in`
  }
}

/** The credentials exist but cannot be used as they are (exit code 7); the file is left untouched. */
export class CredentialsInvalid extends Schema.TaggedError<CredentialsInvalid>()("CredentialsInvalid", {
  profile: ProfileName,
  /** The file or keychain item. */
  location: Schema.String,
  /** What is wrong and how to fix it, one line, never containing a secret. */
  problem: Schema.String
}) {
  override get message(): string {
    return `Credentials of profile '${this.profile}' in ${this.location} are unusable: ${this.problem}`
  }
}

/** Writing rotated tokens back failed; the old credentials are still in place. */
export class CredentialsWriteFailed extends Schema.TaggedError<CredentialsWriteFailed>()("CredentialsWriteFailed", {
  profile: ProfileName,
  location: Schema.String,
  problem: Schema.String
}) {
  override get message(): string {
    return `Could not save refreshed credentials of profile '${this.profile}' to ${this.location}: ${this.problem}`
  }
}

/** What reading credentials can fail with. */
export type ReadError = CredentialsNotFound | CredentialsInvalid

/** Reads and writes back a profile's credentials. */
export class CredentialStore extends Context.Tag("@cchdrm/core/CredentialStore")<CredentialStore, {
  /** Reads the profile's credentials afresh (another tool may have rotated them; SPEC §1.2). */
  readonly read: (profile: ProfileName) => Effect.Effect<Credentials, ReadError>
  /** Where the profile's credentials live. */
  readonly sourceOf: (profile: ProfileName) => CredentialSource
  /**
   * Saves rotated tokens, compare-and-swap (SPEC §1.3): only when the stored access token is still
   * `previous`'s. When another program refreshed meanwhile, nothing is written and the stored,
   * newer credentials are returned; otherwise `next` is returned.
   */
  readonly writeBack: (
    profile: ProfileName,
    previous: Credentials,
    next: Credentials
  ) => Effect.Effect<Credentials, ReadError | CredentialsWriteFailed>
}>() {}
