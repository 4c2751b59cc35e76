// The human form of `status`: the lines a terminal shows per profile, each tagged with the
// state that colours it, so frontends only pick colours.
import { Option } from "effect"
import * as Credits from "./Credits.js"
import * as Display from "./Display.js"
import * as Forecast from "./Forecast.js"
import * as Format from "./Format.js"
import * as Headroom from "./Headroom.js"
import type { ProfileInput } from "./StatusReport.js"
import { type ExtraUsage, extraUsagePercent } from "./Usage.js"

/** One line of text; `state` (when set) is what a colour terminal tints it by. */
export interface Line {
  readonly text: string
  readonly state: Headroom.State | null
}

/** What the lines are computed from. */
export interface Input {
  readonly profile: ProfileInput
  readonly now: number
  readonly time?: Format.TimeOptions | undefined
  readonly pollIntervalSeconds?: number | undefined
}

const line = (text: string, state: Headroom.State | null = null): Line => ({ text, state })

/** `$15.61` from cents. */
export const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`

/** `Extra usage $15.61 of $50.00 (31%)`, `null` when extra usage is off or unknown. */
export const extraUsageText = (extra: ExtraUsage | null): string | null => {
  if (extra === null || !extra.enabled) return null
  const percent = extraUsagePercent(extra)
  return `Extra usage ${extra.usedCents === null ? "unknown" : dollars(extra.usedCents)}${
    extra.limitCents === null ? "" : ` of ${dollars(extra.limitCents)}`
  }${percent === null ? "" : ` (${Math.round(percent)}%)`}`
}

/**
 * The lines of one profile: a header (name, plan, connection), one row per window and cap
 * (symbol, label, headroom, slope, countdown, absolute reset), extra usage, and a footer with
 * freshness and any problem.
 */
export const lines = ({ now, pollIntervalSeconds, profile, time }: Input): ReadonlyArray<Line> => {
  const snapshot = profile.snapshot
  const plan = Option.getOrNull(Credits.tierName(snapshot?.tier ?? null)) ?? profile.subscriptionType
  const header = line([profile.name, plan, profile.connection.replace("_", " ")].filter(Boolean).join(" · "))
  if (snapshot === null) {
    const message = profile.error?.message ?? Display.statusMessage(profile.connection, { fetchedAt: null, now })
    return [header, line(`  ${message ?? "No data yet"}`, "disconnected")]
  }
  const forecasts = Forecast.ofSnapshot(snapshot, profile.rate5h ?? null, now)
  // A window's row, then its pace on a line of its own (SPEC §2: detailed views show pace).
  const row = (
    window: Display.WindowRef,
    usage: Display.GaugeInput["usage"],
    slope: Display.GaugeInput["slope"],
    extra = "",
    forecast?: Forecast.Forecast
  ): ReadonlyArray<Line> => {
    const gauge = Display.gauge({ window, usage, slope, now, time, forecast })
    const text = [gauge.symbol, gauge.label.padEnd(3), gauge.percent.padStart(4), gauge.arrow, gauge.resetsIn, gauge.resetsAt && `(${gauge.resetsAt})`]
      .filter((part) => part !== null && part !== "")
      .join(" ")
    return [
      line(`  ${text}${gauge.limitIn === null ? "" : ` · ${gauge.limitIn}`}${extra}`, gauge.state),
      ...(gauge.pace === null ? [] : [line(`      ${gauge.pace}`)])
    ]
  }
  const sevenDay = snapshot.sevenDay
  const u7 = sevenDay?.utilization ?? null
  const quotas = u7 === null ? null : Option.getOrNull(Option.map(profile.limits, (limits) => Headroom.quotasLeft(u7, limits)))
  const binding = Headroom.bindingOf(snapshot, profile.limits)
  const extraText = extraUsageText(snapshot.extraUsage)
  const message = profile.error?.message ??
    Display.statusMessage(profile.connection, { fetchedAt: snapshot.fetchedAt, now, pollIntervalSeconds })
  return [
    header,
    ...(snapshot.fiveHour === null ? [] : row("fiveHour", snapshot.fiveHour, profile.slope5h, "", forecasts.fiveHour)),
    ...(sevenDay === null
      ? []
      : row("sevenDay", sevenDay, profile.slope7d, [
        quotas === null ? "" : ` · ${Math.floor(quotas)} × 5h left`,
        binding === "sevenDay" ? " · binding" : ""
      ].join(""), forecasts.sevenDay)),
    ...snapshot.caps.flatMap((cap) => row({ cap: cap.label }, cap, null)),
    ...(extraText === null ? [] : [line(`  ${extraText}`)]),
    line(`  ${Format.freshnessAge(snapshot.fetchedAt, now)}${message === null ? "" : ` · ${message}`}`,
      profile.connection === "connected" ? null : "disconnected")
  ]
}

/** The lines of every profile of a `status` poll, a blank line between two profiles. */
export const report = (
  input: { readonly generatedAt: number; readonly profiles: ReadonlyArray<ProfileInput> },
  options: Omit<Input, "profile" | "now">
): ReadonlyArray<Line> =>
  input.profiles.flatMap((profile, index) => [...(index === 0 ? [] : [line("")]), ...lines({ ...options, profile, now: input.generatedAt })])
