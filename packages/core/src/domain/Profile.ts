// Profiles: the accounts cc-hdrm watches, each named by the user.
import { Schema } from "effect"

/**
 * A profile's name: 1–64 characters, letters, digits, `.`, `_` or `-`, starting with a letter
 * or digit, so it is safe in file names, URLs and command lines.
 */
export const ProfileName = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: () => "a profile name is 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit"
  }),
  Schema.brand("ProfileName")
)
/** @see ProfileName */
export type ProfileName = typeof ProfileName.Type

/** The profile backed by Claude Code's own login. */
export const defaultProfile: ProfileName = ProfileName.make("default")
