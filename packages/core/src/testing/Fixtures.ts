// Fixtures: builders of domain values with sensible defaults, for tests of core and its consumers.
import { Redacted } from "effect"
import { ProfileName } from "../domain/Profile.js"
import { ExtraUsage, ModelCap, type SnapshotSource, UsageSnapshot, UsageWindow } from "../domain/Usage.js"
import { Credentials } from "../services/CredentialStore.js"

const hour = 3_600_000
const day = 24 * hour

/** 2100-01-01: a default expiry no test clock reaches by accident. */
export const farFuture = 4_102_444_800_000

/** The tier fixtures carry unless told otherwise (a known tier, so credits can be computed). */
export const defaultTier = "default_claude_max_5x"

/**
 * A window as a test writes it: a `UsageWindow`, just the utilization (the reset time then
 * follows the default grid), a partial window, or `null` for a window the API did not send.
 */
export type WindowInput =
  | UsageWindow
  | number
  | { readonly utilization?: number | null; readonly resetsAt?: number | null }
  | null

/**
 * The default reset time of a window: the end of the fixed grid cell holding `fetchedAt`, so
 * consecutive polls in one cell agree on `resetsAt` (no reset) and crossing a cell is a reset.
 */
export const gridResetsAt = (fetchedAt: number, length: number): number => Math.floor(fetchedAt / length) * length + length

const windowOf = (
  input: WindowInput | undefined,
  fetchedAt: number,
  length: number,
  utilization: number
): UsageWindow | null => {
  if (input === null) return null
  if (input instanceof UsageWindow) return input
  if (typeof input === "number") return new UsageWindow({ utilization: input, resetsAt: gridResetsAt(fetchedAt, length) })
  return new UsageWindow({
    utilization: input?.utilization === undefined ? utilization : input.utilization,
    resetsAt: input?.resetsAt === undefined ? gridResetsAt(fetchedAt, length) : input.resetsAt
  })
}

/** What `snapshot` accepts; every field is optional. */
export interface SnapshotOptions {
  readonly profile?: string
  /** Default 0 (the start of `TestClock`). */
  readonly fetchedAt?: number
  readonly source?: SnapshotSource
  /** Default 25 % used, resetting at the end of the current 5-hour grid cell. */
  readonly fiveHour?: WindowInput
  /** Default 40 % used, resetting at the end of the current 7-day grid cell. */
  readonly sevenDay?: WindowInput
  readonly caps?: ReadonlyArray<ModelCap | { readonly label: string; readonly utilization?: number | null; readonly resetsAt?: number | null }>
  readonly extraUsage?: ExtraUsage | { readonly enabled?: boolean; readonly usedCents?: number | null; readonly limitCents?: number | null } | null
  /** Default `defaultTier`; `null` for unknown. */
  readonly tier?: string | null
}

/** A usage snapshot for tests. */
export const snapshot = (options: SnapshotOptions = {}): UsageSnapshot => {
  const fetchedAt = options.fetchedAt ?? 0
  return new UsageSnapshot({
    profile: ProfileName.make(options.profile ?? "default"),
    fetchedAt,
    source: options.source ?? "api",
    fiveHour: windowOf(options.fiveHour, fetchedAt, 5 * hour, 25),
    sevenDay: windowOf(options.sevenDay, fetchedAt, 7 * day, 40),
    caps: (options.caps ?? []).map((cap) =>
      cap instanceof ModelCap
        ? cap
        : new ModelCap({ label: cap.label, utilization: cap.utilization ?? null, resetsAt: cap.resetsAt ?? null })
    ),
    extraUsage: options.extraUsage === undefined || options.extraUsage === null || options.extraUsage instanceof ExtraUsage
      ? options.extraUsage ?? null
      : new ExtraUsage({
        enabled: options.extraUsage.enabled ?? true,
        usedCents: options.extraUsage.usedCents ?? null,
        limitCents: options.extraUsage.limitCents ?? null
      }),
    tier: options.tier === undefined ? defaultTier : options.tier
  })
}

/** What `credentials` accepts; tokens are given as plain strings. */
export interface CredentialsOptions {
  /** Default `access-token`. */
  readonly accessToken?: string
  /** Default `refresh-token`; `null` for none. */
  readonly refreshToken?: string | null
  /** Default `farFuture`; `null` for unknown. */
  readonly expiresAt?: number | null
  readonly scopes?: ReadonlyArray<string>
  readonly subscriptionType?: string | null
  /** The `rateLimitTier`; default `defaultTier`. */
  readonly tier?: string | null
}

/** OAuth credentials for tests, tokens wrapped in `Redacted`. */
export const credentials = (options: CredentialsOptions = {}): Credentials =>
  new Credentials({
    accessToken: Redacted.make(options.accessToken ?? "access-token"),
    refreshToken: options.refreshToken === null ? null : Redacted.make(options.refreshToken ?? "refresh-token"),
    expiresAt: options.expiresAt === undefined ? farFuture : options.expiresAt,
    scopes: options.scopes ?? ["user:inference", "user:profile"],
    subscriptionType: options.subscriptionType === undefined ? "max" : options.subscriptionType,
    rateLimitTier: options.tier === undefined ? defaultTier : options.tier
  })

/** A profile name from a string, for tests. */
export const profile = (name: string): ProfileName => ProfileName.make(name)
