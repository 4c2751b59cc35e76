// StatusLine: the one short line for Claude Code's status line or a shell prompt (SPEC §5).
// Effect-free on purpose (imports only Countdown): the CLI renders it from a cached view in a lean
// bundle that never loads Effect. The view is built by `StatusLineView` on the full path.
import { duration } from "./Countdown.js"

/** A window as the status line compares it with Claude Code's feed: utilization %, reset epoch ms. */
export interface WindowNumbers {
  readonly utilization: number | null
  readonly resetsAt: number | null
}

/** One window of the line, pre-rendered except for its countdown, which moves with the clock. */
export interface Segment {
  /** `5h` or `7d`. */
  readonly label: string
  /** The state's symbol (colour is never the only signal). */
  readonly symbol: string
  /** `83%`, or `—` when unknown. */
  readonly percent: string
  /** `↗` / `⬆` while burning fast, else `null` (escalation only, as in the menu bar). */
  readonly arrow: string | null
  /** When the window resets (epoch ms), `null` when unknown. */
  readonly resetsAt: number | null
  /**
   * When the 5h window hits its limit at the current slope (epoch ms), before its reset; absent or
   * `null` when it lasts (older caches have no such key).
   */
  readonly limitAt?: number | null | undefined
}

/** Everything the line needs, plain JSON so it can be cached in a file. */
export interface View {
  readonly profile: string
  /** When the numbers were fetched (epoch ms), `null` when there are none. */
  readonly fetchedAt: number | null
  /** Shown instead of numbers when there are none (`token expired`, `no credentials`, …). */
  readonly message: string | null
  readonly segments: ReadonlyArray<Segment>
  /** The raw numbers, to tell whether Claude Code's feed brings anything new. */
  readonly fiveHour: WindowNumbers | null
  readonly sevenDay: WindowNumbers | null
}

/** The windows Claude Code's status-line feed carried (API.md A.5), times converted to epoch ms. */
export interface Feed {
  readonly fiveHour: WindowNumbers | null
  readonly sevenDay: WindowNumbers | null
}

// A limit ahead takes the countdown's place (`5h 38% ↗ ~40m`): it comes first, and the line stays short.
const timeText = (segment: Segment, now: number): string | null => {
  const limitAt = segment.limitAt ?? null
  if (limitAt !== null && limitAt > now && (segment.resetsAt === null || limitAt < segment.resetsAt)) {
    return `~${duration(limitAt - now)}`
  }
  return segment.resetsAt === null ? null : duration(segment.resetsAt - now)
}

const segmentText = (segment: Segment, now: number): string =>
  [segment.symbol, segment.label, segment.percent, segment.arrow, timeText(segment, now)]
    .filter((part): part is string => part !== null)
    .join(" ")

/**
 * The line at `now`: `● 5h 83% 2h 13m · ◐ 7d 35% ↗ 2d 17h` (`▲ 5h 12% ↗ ~40m` when the slope
 * reaches the limit before the reset), prefixed `work: ` for a profile other
 * than `default`; `○ cc-hdrm: token expired` when there are no numbers.
 */
export const render = (view: View, now: number): string => {
  const name = view.profile === "default" ? "" : `${view.profile}: `
  if (view.segments.length === 0) return `○ ${name || "cc-hdrm: "}${view.message ?? "no data yet"}`
  const body = view.segments.map((segment) => segmentText(segment, now)).join(" · ")
  return `${name}${body}${view.message === null ? "" : ` (${view.message})`}`
}

// The largest time a date can hold (ECMAScript: ±8.64e15 ms), in seconds.
const maxDateSeconds = 8.64e12

const secondsWindow = (value: unknown): WindowNumbers | null => {
  if (typeof value !== "object" || value === null) return null
  const { resets_at: resetsAt, used_percentage: used } = value as Record<string, unknown>
  const utilization = typeof used === "number" && Number.isFinite(used) ? used : null
  // Seconds to ms; beyond the range of a date (e.g. 1e308 s, whose ms are Infinity) is unknown.
  const resets = typeof resetsAt === "number" && Math.abs(resetsAt) <= maxDateSeconds ? resetsAt * 1000 : null
  return utilization === null && resets === null ? null : { utilization, resetsAt: resets }
}

/**
 * The `rate_limits` of Claude Code's status-line JSON (API.md A.5; `resets_at` in epoch seconds),
 * `null` when the text is not JSON or carries no window. Unknown keys are ignored.
 */
export const parseFeed = (text: string): Feed | null => {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof document !== "object" || document === null) return null
  const limits = (document as Record<string, unknown>)["rate_limits"]
  if (typeof limits !== "object" || limits === null) return null
  const record = limits as Record<string, unknown>
  const fiveHour = secondsWindow(record["five_hour"])
  const sevenDay = secondsWindow(record["seven_day"])
  return fiveHour === null && sevenDay === null ? null : { fiveHour, sevenDay }
}

// The feed's reset times are whole seconds and the API's carry microseconds; a reset moves by far more.
const resetToleranceMillis = 60_000

const sameWindow = (fed: WindowNumbers | null, known: WindowNumbers | null): boolean =>
  fed === null ||
  (known !== null && fed.utilization === known.utilization &&
    (fed.resetsAt === null || (known.resetsAt !== null && Math.abs(fed.resetsAt - known.resetsAt) < resetToleranceMillis)))

/** Whether the feed says nothing the view does not already show (a window the feed lacks counts as the same). */
export const feedMatches = (feed: Feed, view: View): boolean =>
  sameWindow(feed.fiveHour, view.fiveHour) && sameWindow(feed.sevenDay, view.sevenDay)

/** Whether a view fetched at `fetchedAt` is still current at `now` (younger than one poll interval). */
export const isCurrent = (view: View, now: number, pollIntervalSeconds: number): boolean =>
  view.fetchedAt !== null && now - view.fetchedAt >= 0 && now - view.fetchedAt < pollIntervalSeconds * 1000

/** The `settings.json` snippet that makes Claude Code show the line (`cchdrm statusline --install-hint`). */
export const settingsSnippet = JSON.stringify({ statusLine: { type: "command", command: "cchdrm statusline", padding: 0 } }, null, 2)
