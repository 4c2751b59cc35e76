// guard: whether a window's headroom is at least a minimum — for scripts and agents to gate work
// (SPEC §5 `guard`). The stored poll answers while younger than the poll interval (no request, no
// throttling); otherwise the profile is polled now.
import { Clock, Effect, Option } from "effect"
import * as ExitCode from "../domain/ExitCode.js"
import * as Headroom from "../domain/Headroom.js"
import type { ProfileName } from "../domain/Profile.js"
import type { UsageSnapshot } from "../domain/Usage.js"
import { PreferencesStore } from "../services/PreferencesStore.js"
import { UsageHistory } from "../services/UsageHistory.js"
import { chosenProfile, pollNow } from "./pollNow.js"

/** What to check. */
export interface Options {
  readonly profile: Option.Option<string>
  readonly window: "5h" | "7d"
  /** The least headroom, in percent, that lets work go on. */
  readonly min: number
}

/** The verdict. */
export interface Verdict {
  readonly profile: ProfileName
  readonly window: "5h" | "7d"
  readonly min: number
  /** `null` when the window's headroom is unknown. */
  readonly headroom: number | null
  /** 0 when at least `min`, 10 below it; unknown headroom exits with the poll's code, else 5 (API.md B.3). */
  readonly code: ExitCode.ExitCode
}

/** Checks the window's headroom of the chosen profile against `min`. */
export const guard = Effect.fn("guard")(function*(options: Options) {
  const profile = yield* chosenProfile(options.profile)
  const preferences = yield* (yield* PreferencesStore).get
  const now = yield* Clock.currentTimeMillis
  const stored = yield* (yield* UsageHistory).latest(profile)
  const fresh = Option.filter(stored, (poll) => now - poll.fetchedAt < preferences.pollIntervalSeconds * 1000)
  const { polled, snapshot } = Option.isSome(fresh)
    ? { polled: 0 as ExitCode.ExitCode, snapshot: fresh.value as UsageSnapshot | null }
    : yield* Effect.map(pollNow(Option.some(profile)), ({ input }) => {
      const entry = input.profiles[0]!
      return { polled: ExitCode.ofConnection(entry.connection), snapshot: entry.snapshot }
    })
  const headroom = Headroom.headroomOfWindow((options.window === "5h" ? snapshot?.fiveHour : snapshot?.sevenDay) ?? null)
  const code: ExitCode.ExitCode = headroom === null ? (polled === 0 ? 5 : polled) : headroom < options.min ? 10 : 0
  return { profile, window: options.window, min: options.min, headroom, code } satisfies Verdict
})
