// Format: every countdown, clock time, age and percentage a frontend shows (SPEC §2 "Countdown and time formats").
import { Schema } from "effect"
import { duration, split } from "./Countdown.js"

const second = 1_000
const minute = 60 * second

/** Where and how clock times are shown. Callers pass the user's locale and IANA time zone. */
export interface TimeOptions {
  /** A BCP 47 locale tag; decides 12 h vs 24 h. Default `"en-US"`. */
  readonly locale?: string | undefined
  /** An IANA time zone such as `"Europe/Berlin"`. Default `"UTC"`, only for callers that give none. */
  readonly timeZone?: string | undefined
}

/** This machine's locale and time zone (the `Intl` defaults), for apps that show times to their user. */
export const systemTime = (): TimeOptions => {
  const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions()
  return { locale, timeZone }
}

/** The locale used when a caller gives none. */
export const defaultLocale = "en-US"

/** The time zone used when a caller gives none. */
export const defaultTimeZone = "UTC"

// The compact form lives in the Effect-free Countdown module, so the status line's lean bundle shares it.
export { duration } from "./Countdown.js"

/** The same length spelled out for screen readers: `2 hours 13 minutes`, `1 day 1 hour`, `0 minutes`. */
export const spokenDuration = (millis: number): string => {
  const { days, hours, minutes } = split(millis)
  if (days > 0) return `${plural(days, "day")} ${plural(hours, "hour")}`
  if (hours > 0) return `${plural(hours, "hour")} ${plural(minutes, "minute")}`
  return plural(minutes, "minute")
}

/** The countdown to a reset: `47m`, `2h 13m`, `2d 1h`; a reset in the past is `0m`. */
export const countdown = (resetsAt: number, now: number): string => duration(resetsAt - now)

/** The popover form of the countdown: `resets in 2h 13m`. */
export const resetsIn = (resetsAt: number, now: number): string => `resets in ${countdown(resetsAt, now)}`

/** Time to exhaustion at the current burn rate (SPEC §2): `limit in ~1h 10m`. */
export const limitIn = (millis: number): string => `limit in ~${duration(millis)}`

/**
 * The clock time of `at` in the user's zone: `at 4:52 PM` when it falls on the same local
 * calendar day as `now`, otherwise with the weekday, `at Mon 7:05 PM`; 24-hour locales give
 * `at 16:52` / `at Mon 16:52`. Resets are at most 7 days away, so a weekday is unambiguous.
 * Throws a `RangeError`, as `Intl` does, for an unknown locale or time zone.
 */
export const absoluteTime = (at: number, now: number, options: TimeOptions = {}): string => {
  const timeZone = options.timeZone ?? defaultTimeZone
  const locale = options.locale ?? defaultLocale
  const time = spaces(formatter(locale, timeZone, "time").format(at))
  if (sameDay(at, now, timeZone)) return `at ${time}`
  return `at ${spaces(formatter(locale, timeZone, "weekday").format(at))} ${time}`
}

/**
 * How long ago, compactly: `12s` under a minute, then the countdown form (`3m`, `1h 30m`, `2d 1h`).
 * A negative age (clock skew) is `0s`.
 */
export const elapsed = (millis: number): string =>
  millis < minute ? `${Math.floor(Math.max(0, millis) / second)}s` : duration(millis)

/** Below this age the footer says "just now" rather than counting seconds. */
export const justNowMillis = 10 * second

/**
 * The footer's freshness text: `Updated just now` under 10 s (and for a time in the future),
 * then `Updated 12s ago`, `Updated 3m ago`, `Updated 1h 30m ago`, `Updated 2d 1h ago`.
 */
export const freshnessAge = (fetchedAt: number, now: number): string => {
  const age = now - fetchedAt
  return age < justNowMillis ? "Updated just now" : `Updated ${elapsed(age)} ago`
}

/** How fresh stored data is, relative to the poll interval. */
export const Freshness = Schema.Literal("fresh", "stale", "very_stale")
/** @see Freshness */
export type Freshness = typeof Freshness.Type

/**
 * SPEC §2: *fresh* while younger than 2 poll intervals, *stale* from exactly 2 up to and including
 * 5 intervals, *very stale* beyond 5. Data from the future (clock skew) is fresh.
 */
export const freshness = (fetchedAt: number, now: number, pollIntervalSeconds: number): Freshness => {
  const age = now - fetchedAt
  const interval = pollIntervalSeconds * second
  if (age < 2 * interval) return "fresh"
  if (age <= 5 * interval) return "stale"
  return "very_stale"
}

/** The warning shown with very stale data (SPEC §2). */
export const veryStaleText = "Data may be outdated"

/** The note a view adds for a freshness: the very-stale warning, or `null` when none is due. */
export const freshnessNote = (value: Freshness): string | null => value === "very_stale" ? veryStaleText : null

/**
 * The headline integer of a headroom: floored (`83.9` → `83`), never below 0 (over-limit usage
 * shows `0`). A hair of tolerance keeps float noise such as `82.99999999999999` from showing 82.
 */
export const percentValue = (headroom: number): number => Math.max(0, Math.floor(headroom + 1e-9))

/** Headroom as the menu bar and gauges show it: `83%`; negative headroom shows `0%`. */
export const percent = (headroom: number): string => `${percentValue(headroom)}%`


/** A file's size as `doctor` shows it: `412 KiB`. */
export const fileSize = (bytes: number): string => `${Math.round(bytes / 1024)} KiB`

/** `1 reset`, `3 resets`. */
export const plural = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? "" : "s"}`

// ICU puts a narrow or non-breaking space before AM/PM ("4:52\u202fPM"); one plain space reads the
// same everywhere and keeps the text identical across Node, Chromium and terminals.
const spaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, " ")

type FormatterKind = "time" | "weekday" | "day"

const formatOptions: { readonly [Kind in FormatterKind]: Intl.DateTimeFormatOptions } = {
  time: { hour: "numeric", minute: "2-digit" },
  weekday: { weekday: "short" },
  day: { year: "numeric", month: "2-digit", day: "2-digit" }
}

// Building an Intl.DateTimeFormat costs far more than using one; a countdown is drawn every minute.
const formatters = new Map<string, Intl.DateTimeFormat>()

const formatter = (locale: string, timeZone: string, kind: FormatterKind): Intl.DateTimeFormat => {
  const key = `${kind}|${locale}|${timeZone}`
  const cached = formatters.get(key)
  if (cached !== undefined) return cached
  const created = new Intl.DateTimeFormat(locale, { ...formatOptions[kind], timeZone })
  formatters.set(key, created)
  return created
}

// Calendar days are compared in the user's zone with a fixed (Gregorian) locale, so the user's
// locale cannot change which instants count as "today".
const sameDay = (a: number, b: number, timeZone: string): boolean => {
  const days = formatter("en-US", timeZone, "day")
  return days.format(a) === days.format(b)
}
