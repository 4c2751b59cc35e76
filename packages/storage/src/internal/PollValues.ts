// Polls as flat column values: batched inserts bind them, reset detection and rollups read them
// back without building a snapshot instance per row (a year of polls passes through here).
import type { Usage } from "@cchdrm/core"

/** The columns `lightPollOf` reads, in its order. */
export const lightColumns = "profile_id, fetched_at, has_five_hour, five_hour_util, five_hour_resets_at, " +
  "has_seven_day, seven_day_util, seven_day_resets_at, tier"

const num = (value: unknown): number | null => (typeof value === "number" ? value : null)

const lightWindow = (present: unknown, utilization: unknown, resetsAt: unknown): Usage.UsageWindow | null =>
  present === 0 ? null : ({ utilization: num(utilization), resetsAt: num(resetsAt) }) as Usage.UsageWindow

/**
 * A poll for rollups and reset detection from the values of `lightColumns`: times, windows and
 * tier only (no caps, no extra usage, source `api`). A plain object of the class's shape, not an
 * instance: those two only read fields, and a year of polls passes through here (an instance costs
 * microseconds to build). A damaged number reads as unknown, which both consumers ignore.
 */
export const lightPollOf = (values: ReadonlyArray<unknown>): Usage.UsageSnapshot =>
  ({
    profile: values[0],
    fetchedAt: values[1],
    source: "api",
    fiveHour: lightWindow(values[2], values[3], values[4]),
    sevenDay: lightWindow(values[5], values[6], values[7]),
    caps: [],
    extraUsage: null,
    tier: typeof values[8] === "string" ? values[8] : null
  }) as Usage.UsageSnapshot

/** The columns `rollupPollOf` reads, in its order: only what a rollup uses. */
export const rollupColumns = "fetched_at, has_five_hour, five_hour_util, has_seven_day, seven_day_util"

/** A poll of `profile` for rollups from the values of `rollupColumns` (see `lightPollOf`). */
export const rollupPollOf = (profile: string) => (values: ReadonlyArray<unknown>): Usage.UsageSnapshot =>
  ({
    profile: profile as Usage.UsageSnapshot["profile"],
    fetchedAt: values[0],
    source: "api",
    fiveHour: lightWindow(values[1], values[2], null),
    sevenDay: lightWindow(values[3], values[4], null),
    caps: [],
    extraUsage: null,
    tier: null
  }) as Usage.UsageSnapshot

/** The columns of `usage_polls` in `pushPollValues`' order. */
export const pollColumns = [
  "profile_id", "fetched_at", "source", "has_five_hour", "five_hour_util", "five_hour_resets_at", "has_seven_day",
  "seven_day_util", "seven_day_resets_at", "extra_enabled", "extra_used_cents", "extra_limit_cents", "caps", "tier"
] as const

/** `pollRowOf` (HistoryRows) as values in `pollColumns` order, appended to `into` (batched inserts bind one flat list). */
export const pushPollValues = (into: Array<unknown>, snapshot: Usage.UsageSnapshot): void => {
  const { extraUsage: extra, fiveHour: five, sevenDay: seven } = snapshot
  into.push(
    snapshot.profile,
    snapshot.fetchedAt,
    snapshot.source,
    five === null ? 0 : 1,
    five?.utilization ?? null,
    five?.resetsAt ?? null,
    seven === null ? 0 : 1,
    seven?.utilization ?? null,
    seven?.resetsAt ?? null,
    extra === null ? null : extra.enabled ? 1 : 0,
    extra?.usedCents ?? null,
    extra?.limitCents ?? null,
    snapshot.caps.length === 0 ? "[]" : JSON.stringify(snapshot.caps),
    snapshot.tier
  )
}
