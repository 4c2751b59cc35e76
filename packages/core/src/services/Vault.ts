// Vault: the profiles whose tokens cc-hdrm keeps itself (SPEC §1.1, §5 `profiles add`); the
// credentials package implements it, core's profile edits use it.
import { Context, Schema } from "effect"
import type { ProfileName } from "../domain/Profile.js"
import type { ConfigFileError } from "./ConfigFileError.js"
import type { CredentialsInvalid, ReadError } from "./CredentialStore.js"
import type { ProfileExists, ProfileNotFound } from "./ProfileStore.js"
import type { Effect } from "effect"

/** How a vault profile got its tokens. */
export const AddedFrom = Schema.Literal("claude-code", "file")
/** @see AddedFrom */
export type AddedFrom = typeof AddedFrom.Type

/** What the vault tells about a profile: never a token. */
export interface VaultEntry {
  readonly profile: ProfileName
  readonly addedFrom: AddedFrom | null
  /** Epoch ms, `null` when unknown. */
  readonly addedAt: number | null
  readonly expiresAt: number | null
  readonly subscriptionType: string | null
  readonly rateLimitTier: string | null
}

/**
 * Adds, removes and renames vault profiles. Adding a profile that exists replaces its tokens (the
 * re-import a refresh failure asks for); `default` is Claude Code's own login and never stored
 * here (`ProfileExists`). A vault file that cannot be read or written is a `ConfigFileError`
 * naming it and the fix.
 */
export class Vault extends Context.Tag("@cchdrm/core/Vault")<Vault, {
  /** Copies Claude Code's current login into the vault as `profile`. */
  readonly addFromClaudeCode: (profile: ProfileName) => Effect.Effect<VaultEntry, ProfileExists | ReadError | ConfigFileError>
  /**
   * Imports a pasted credentials file (`{"claudeAiOauth": {…}}`, API.md A.4); a malformed one is a
   * one-line `CredentialsInvalid` naming the file and the fix.
   */
  readonly addFromFile: (profile: ProfileName, path: string) => Effect.Effect<VaultEntry, ProfileExists | CredentialsInvalid | ConfigFileError>
  readonly remove: (profile: ProfileName) => Effect.Effect<void, ProfileNotFound | ConfigFileError>
  readonly rename: (from: ProfileName, to: ProfileName) => Effect.Effect<void, ProfileNotFound | ProfileExists | ConfigFileError>
  /** Every vault profile, by name. */
  readonly list: Effect.Effect<ReadonlyArray<VaultEntry>, ConfigFileError>
}>() {}
