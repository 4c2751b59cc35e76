// ProfileStore: the accounts cc-hdrm watches and which one is active (SPEC §1.7).
import { Context, Schema } from "effect"
import type { Effect } from "effect"
import { ProfileName } from "../domain/Profile.js"
import { CredentialSource } from "./CredentialStore.js"
import type { ConfigFileError } from "./ConfigFileError.js"

/** A watched profile. `default` (Claude Code's own login) always exists. */
export class ProfileEntry extends Schema.Class<ProfileEntry>("ProfileEntry")({
  name: ProfileName,
  source: CredentialSource
}) {}

/** No profile has that name (exit code 2). */
export class ProfileNotFound extends Schema.TaggedError<ProfileNotFound>()("ProfileNotFound", {
  profile: Schema.String,
  known: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `No profile named '${this.profile}' — known profiles: ${this.known.join(", ")} (see 'cchdrm profiles list')`
  }
}

/** A profile with that name already exists (exit code 2). */
export class ProfileExists extends Schema.TaggedError<ProfileExists>()("ProfileExists", { profile: ProfileName }) {
  override get message(): string {
    return `A profile named '${this.profile}' already exists — pick another name or remove it first`
  }
}

/** The profiles. */
export class ProfileStore extends Context.Tag("@cchdrm/core/ProfileStore")<ProfileStore, {
  /** Every profile, `default` first. */
  readonly list: Effect.Effect<ReadonlyArray<ProfileEntry>, ConfigFileError>
  readonly add: (entry: ProfileEntry) => Effect.Effect<void, ProfileExists | ConfigFileError>
  readonly remove: (name: ProfileName) => Effect.Effect<void, ProfileNotFound | ConfigFileError>
  readonly rename: (from: ProfileName, to: ProfileName) => Effect.Effect<void, ProfileNotFound | ProfileExists | ConfigFileError>
  /** The profile that drives the headline (`activeProfile`, else `default`). */
  readonly active: Effect.Effect<ProfileName, ConfigFileError>
  readonly setActive: (name: ProfileName) => Effect.Effect<void, ProfileNotFound | ConfigFileError>
}>() {}
