// clearHistory: delete one profile's history, or everyone's (SPEC §4). The frontend asks the user
// first with `description`; the history reclaims the space afterwards.
import { Effect, Option } from "effect"
import type { ProfileName } from "../domain/Profile.js"
import { UsageError } from "../domain/UsageError.js"
import { UsageHistory } from "../services/UsageHistory.js"

/** What a clear deletes: `profile` (null: all history), described for the confirmation question. */
export interface ClearTarget {
  readonly profile: ProfileName | null
  readonly description: string
}

/**
 * The target of `history clear [--profile NAME]`: a profile the history knows — also one no longer
 * configured — else a `UsageError` listing the profiles that have history.
 */
export const clearTarget = Effect.fn("clearTarget")(function*(only: Option.Option<string>) {
  if (Option.isNone(only)) return { profile: null, description: "all usage history" } satisfies ClearTarget
  const known = yield* (yield* UsageHistory).profiles
  const profile = known.find((name) => name === only.value)
  if (profile === undefined) {
    return yield* new UsageError({
      message: `no history of profile '${only.value}' — profiles with history: ${known.length === 0 ? "none" : known.join(", ")}`
    })
  }
  return { profile, description: `the usage history of profile '${profile}'` } satisfies ClearTarget
})

/** Deletes what `target` names. */
export const clearHistory = (target: ClearTarget) =>
  Effect.flatMap(UsageHistory, (store) => target.profile === null ? store.clear : store.clearProfile(target.profile))
