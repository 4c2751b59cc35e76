// Canned and built bodies of the usage endpoint (API.md A.1).
import type { ExtraUsage, Limit, UsageBody, UsageWindow } from "./WireFormat.js"
import { formatResetsAt } from "./WireFormat.js"

/** The example body of API.md A.1, verbatim (a fresh copy on each call). */
export const example = (): UsageBody => ({
  five_hour: { utilization: 15.0, resets_at: "2026-08-12T03:40:00.059198+00:00" },
  seven_day: { utilization: 67.0, resets_at: "2026-08-12T22:00:01.059220+00:00" },
  seven_day_oauth_apps: null,
  seven_day_opus: null,
  seven_day_sonnet: { utilization: 12.0, resets_at: null },
  extra_usage: { is_enabled: true, monthly_limit: 5000, used_credits: 1561.0, utilization: 31.22 },
  limits: [
    {
      kind: "session", group: "session", percent: 15, severity: "normal",
      resets_at: "2026-08-12T03:40:00.059198+00:00", scope: null, is_active: false
    },
    {
      kind: "weekly_all", group: "weekly", percent: 67, severity: "normal",
      resets_at: "2026-08-12T22:00:01.059220+00:00", scope: null, is_active: true
    },
    {
      kind: "weekly_scoped", group: "weekly", percent: 63, severity: "normal",
      resets_at: "2026-08-12T22:00:00.059415+00:00",
      scope: { model: { id: null, display_name: "Fable" }, surface: null }, is_active: false
    }
  ],
  iguana_necktie: null
})

/** A body with no fields at all: every window unknown. */
export const minimal = (): UsageBody => ({})

/** Every known key present and null. */
export const allNull = (): UsageBody => ({
  five_hour: null,
  seven_day: null,
  seven_day_oauth_apps: null,
  seven_day_opus: null,
  seven_day_sonnet: null,
  extra_usage: null,
  limits: null
})

/** Windows present but with null utilization and reset (unknown, never 0). */
export const nullUtilization = (): UsageBody => ({
  five_hour: { utilization: null, resets_at: null },
  seven_day: { utilization: null, resets_at: null },
  extra_usage: { is_enabled: null, monthly_limit: null, used_credits: null, utilization: null },
  limits: [
    { kind: "session", group: "session", percent: null, severity: "normal", resets_at: null, scope: null, is_active: false }
  ]
})

/** The example with unknown keys at every level and a `limits[]` kind nobody knows yet. */
export const withUnknownKeys = (): UsageBody => {
  const base = example()
  const unknownInWindow: Record<string, unknown> = { window_seconds: 18_000, burst: { tokens: 12 } }
  const unknownInExtra: Record<string, unknown> = { currency: "USD" }
  return {
    ...base,
    five_hour: { ...(base.five_hour as UsageWindow), ...unknownInWindow },
    extra_usage: { ...(base.extra_usage as ExtraUsage), ...unknownInExtra },
    limits: [
      ...(base.limits ?? []),
      {
        kind: "daily_tool_calls", group: "daily", percent: 3, severity: "normal",
        resets_at: "2026-08-13T00:00:00+00:00", scope: { model: null, surface: "web" }, is_active: false,
        weight: 0.5
      } as Limit
    ],
    seven_day_cowork: { utilization: 4.0, resets_at: null },
    zebra_crossing: [1, "two", { three: 3 }],
    meta: { region: "us" }
  }
}

/** A window to build: reset as epoch milliseconds, a ready-made string, or null. */
export interface WindowSpec {
  readonly utilization: number | null
  readonly resetsAt: number | string | null
}

/** A model-scoped weekly cap (`limits[]` kind `weekly_scoped`). */
export interface CapSpec {
  readonly displayName: string | null
  readonly percent: number | null
  readonly resetsAt: number | string | null
}

/** What `build` puts into a body; a missing window is sent as null. */
export interface BuildOptions {
  readonly fiveHour?: WindowSpec | null
  readonly sevenDay?: WindowSpec | null
  readonly sevenDaySonnet?: WindowSpec | null
  readonly sevenDayOpus?: WindowSpec | null
  readonly sevenDayOauthApps?: WindowSpec | null
  readonly extraUsage?: {
    readonly enabled: boolean
    readonly monthlyLimitCents: number | null
    readonly usedCents: number | null
  } | null
  readonly caps?: ReadonlyArray<CapSpec>
}

const resets = (value: number | string | null): string | null =>
  typeof value === "number" ? formatResetsAt(value * 1000) : value

const window = (spec: WindowSpec | null | undefined): UsageWindow | null =>
  spec == null ? null : { utilization: spec.utilization, resets_at: resets(spec.resetsAt) }

/**
 * The severity label of a `limits[]` entry. Only "normal" has been seen on the wire; the other
 * labels are guesses, so consumers must not depend on them.
 */
export const severityOf = (percent: number | null): string =>
  percent === null || percent < 80 ? "normal" : percent < 100 ? "warning" : "critical"

/** A body in the exact A.1 layout, with `limits[]` derived from the windows and caps. */
export const build = (options: BuildOptions = {}): UsageBody => {
  const entries: Array<Omit<Limit, "is_active">> = []
  if (options.fiveHour != null) {
    entries.push({
      kind: "session", group: "session", percent: options.fiveHour.utilization,
      severity: severityOf(options.fiveHour.utilization), resets_at: resets(options.fiveHour.resetsAt), scope: null
    })
  }
  if (options.sevenDay != null) {
    entries.push({
      kind: "weekly_all", group: "weekly", percent: options.sevenDay.utilization,
      severity: severityOf(options.sevenDay.utilization), resets_at: resets(options.sevenDay.resetsAt), scope: null
    })
  }
  for (const cap of options.caps ?? []) {
    entries.push({
      kind: "weekly_scoped", group: "weekly", percent: cap.percent, severity: severityOf(cap.percent),
      resets_at: resets(cap.resetsAt), scope: { model: { id: null, display_name: cap.displayName }, surface: null }
    })
  }
  // The binding limit (highest percent) is the active one, as in the A.1 example.
  let active = -1
  entries.forEach((entry, index) => {
    const best = entries[active]?.percent ?? null
    if (entry.percent !== null && (best === null || entry.percent > best)) active = index
  })
  const extra = options.extraUsage
  return {
    five_hour: window(options.fiveHour),
    seven_day: window(options.sevenDay),
    seven_day_oauth_apps: window(options.sevenDayOauthApps),
    seven_day_opus: window(options.sevenDayOpus),
    seven_day_sonnet: window(options.sevenDaySonnet),
    extra_usage: extra == null
      ? null
      : {
        is_enabled: extra.enabled,
        monthly_limit: extra.monthlyLimitCents,
        used_credits: extra.usedCents,
        utilization: extra.monthlyLimitCents && extra.usedCents !== null
          ? Math.round((extra.usedCents / extra.monthlyLimitCents) * 10_000) / 100
          : null
      },
    limits: entries.map((entry, index) => ({ ...entry, is_active: index === active }))
  }
}
