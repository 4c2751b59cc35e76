// Slope: how fast a window is burning, as one of four levels (SPEC §2).
import { Option, Schema } from "effect"
import type { CreditLimits } from "./Credits.js"
import { windowReset } from "./Reset.js"
import type { UsageWindow } from "./Usage.js"

/** The four burn-rate levels. */
export const Level = Schema.Literal("cooling", "flat", "rising", "steep")
/** @see Level */
export type Level = typeof Level.Type

/** The level of a rate in percent per minute: < −0.5 cooling, < 0.3 flat, < 1.5 rising, else steep. */
export const levelOf = (ratePerMinute: number): Level => {
  if (ratePerMinute < -0.5) return "cooling"
  if (ratePerMinute < 0.3) return "flat"
  if (ratePerMinute < 1.5) return "rising"
  return "steep"
}

/** The arrow detailed views show for a level. */
export const arrowOf = (level: Level): string => {
  switch (level) {
    case "cooling":
      return "↘"
    case "flat":
      return "→"
    case "rising":
      return "↗"
    case "steep":
      return "⬆"
  }
}

/** The arrow the menu bar shows: only escalation (↗, ⬆), otherwise nothing. */
export const menuArrowOf = (level: Level): string | null =>
  level === "rising" || level === "steep" ? arrowOf(level) : null

/** One poll of one window, as the slope buffer keeps it; `at` and `resetsAt` are epoch ms. */
export const Sample = Schema.Struct({
  at: Schema.Number,
  utilization: Schema.Number,
  resetsAt: Schema.NullOr(Schema.Number)
})
/** @see Sample */
export type Sample = typeof Sample.Type

/** The buffer keeps the samples of the last 15 minutes before the newest one (SPEC §2). */
export const spanMillis = 15 * 60_000

/** A rate needs at least this many samples (SPEC §2). */
export const minSamples = 3

/** A rate needs samples spanning at least 10 minutes, so it works at any poll interval (SPEC §2). */
export const minSpanMillis = 10 * 60_000

/**
 * The buffer with `sample` added. Samples older than 15 minutes before the newest are dropped;
 * a reset between the newest sample and this one (`Reset.windowReset`) restarts the span, while a
 * gradual decrease stays in it (cooling). A sample older than the newest, or with a non-finite
 * time or utilization, is ignored; one at the same instant replaces the newest.
 */
export const append = (buffer: ReadonlyArray<Sample>, sample: Sample): ReadonlyArray<Sample> => {
  if (!Number.isFinite(sample.at) || !Number.isFinite(sample.utilization)) return buffer
  const newest = buffer[buffer.length - 1]
  if (newest !== undefined && sample.at < newest.at) return buffer
  // Two readings of the same instant: the later one wins, so a duplicate never counts twice.
  const base = newest !== undefined && sample.at === newest.at ? buffer.slice(0, -1) : buffer
  const previous = base[base.length - 1]
  if (previous !== undefined && windowReset(asWindow(previous), asWindow(sample))) return [sample]
  const cutoff = sample.at - spanMillis
  return [...base.filter((kept) => kept.at >= cutoff), sample]
}

/** A buffer bootstrapped from stored polls of one window, in any order (SPEC §2). */
export const fromHistory = (samples: Iterable<Sample>): ReadonlyArray<Sample> =>
  Array.from(samples)
    .sort((a, b) => a.at - b.at)
    .reduce<ReadonlyArray<Sample>>((buffer, sample) => append(buffer, sample), [])

/**
 * The burn rate in percent per minute between the oldest and newest sample; `None` with fewer
 * than 3 samples or a span under 10 minutes (SPEC §2).
 */
export const rateOf = (buffer: ReadonlyArray<Sample>): Option.Option<number> => {
  const oldest = buffer[0]
  const newest = buffer[buffer.length - 1]
  if (oldest === undefined || newest === undefined || buffer.length < minSamples) return Option.none()
  const span = newest.at - oldest.at
  if (span < minSpanMillis) return Option.none()
  return Option.some((newest.utilization - oldest.utilization) / (span / 60_000))
}

/** The level of a buffer's rate times `factor` (see `sevenDayFactor`); `flat` without a valid rate. */
export const levelOfBuffer = (buffer: ReadonlyArray<Sample>, factor = 1): Level =>
  Option.match(rateOf(buffer), {
    onNone: () => "flat",
    onSome: (rate) => levelOf(rate * factor)
  })

/**
 * What a 7-day rate is multiplied by so it shares the 5h thresholds: credits7d / credits5h
 * (1 % of the week is that many percent of a 5h quota; SPEC §2).
 */
export const sevenDayFactor = (limits: CreditLimits): number => limits.sevenDay / limits.fiveHour

/**
 * Milliseconds until the window's limit is reached at `ratePerMinute` (the window's own
 * unscaled rate) from `headroom` percent. `Some` only when usage is growing, headroom is left,
 * and the limit comes strictly before `resetsAt` (or the reset time is unknown) — otherwise
 * the reset arrives first and there is nothing to warn about.
 */
export const timeToExhaustion = (
  headroom: number,
  ratePerMinute: number,
  resetsAt: number | null,
  now: number
): Option.Option<number> => {
  if (!(ratePerMinute > 0) || !(headroom > 0) || !Number.isFinite(ratePerMinute)) return Option.none()
  const millis = (headroom / ratePerMinute) * 60_000
  if (!Number.isFinite(millis)) return Option.none()
  return resetsAt !== null && now + millis >= resetsAt ? Option.none() : Option.some(millis)
}

const asWindow = (sample: Sample): UsageWindow => ({ utilization: sample.utilization, resetsAt: sample.resetsAt })
