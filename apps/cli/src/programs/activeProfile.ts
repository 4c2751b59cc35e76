// The profile a single-profile command works on: `--profile NAME`, else the active one.
import type { Option } from "effect"
import { Effect } from "effect"
import { selectProfiles } from "./pollNow.js"

/** `--profile NAME` when given (ProfileNotFound, exit 2, when unknown), else the active profile. */
export const chosenProfile = (only: Option.Option<string>) => Effect.map(selectProfiles(only), ({ chosen }) => chosen)
