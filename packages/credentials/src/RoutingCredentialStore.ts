// One CredentialStore for every profile: `default` is Claude Code's login, the rest live in the vault.
import { CredentialStore } from "@cchdrm/core/services/CredentialStore"
import { defaultProfile } from "@cchdrm/core/domain/Profile"
import type { ProfileName } from "@cchdrm/core/domain/Profile"

/** The two stores a profile can come from. */
export interface Stores {
  /** Claude Code's login (Keychain or file), answering for `default`. */
  readonly claudeCode: CredentialStore["Type"]
  /** The cc-hdrm vault, answering for every other profile. */
  readonly vault: CredentialStore["Type"]
}

/** Sends each profile to its store, so a write-back goes back where the tokens came from (SPEC §1.3). */
export const make = (stores: Stores): CredentialStore["Type"] => {
  const pick = (profile: ProfileName) => profile === defaultProfile ? stores.claudeCode : stores.vault
  return CredentialStore.of({
    read: (profile) => pick(profile).read(profile),
    sourceOf: (profile) => profile === defaultProfile ? "claude-code" : "vault",
    writeBack: (profile, previous, next) => pick(profile).writeBack(profile, previous, next)
  })
}
