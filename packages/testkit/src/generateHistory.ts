// Synthetic usage history in cc-hdrm's export format (API.md B.4), streamed one line at a time.
import * as Random from "./Random.js"
import { SimulatedAccount } from "./SimulatedAccount.js"
import * as Tier from "./Tier.js"

const hour = 3_600_000
const gapSlot = 6 * hour

/** What to generate. Times are epoch ms, `Date`s or ISO strings; `to` is exclusive. */
export interface GenerateHistoryOptions {
  readonly from: number | Date | string
  readonly to: number | Date | string
  /** Profile name on every line (default `default`). */
  readonly profile?: string
  /** Seconds between polls (default 180, the default poll interval). */
  readonly intervalSeconds?: number
  /** Seed of the simulated account (default 1); ignored when `account` is given. */
  readonly seed?: number
  /** `tier` on every line and the simulated tier (default `default_claude_max_20x`; null = unknown). */
  readonly tier?: string | null
  /** Use this account's curves (e.g. the one a fake server serves) instead of a new one. */
  readonly account?: SimulatedAccount
  /** Share of polls where the API omitted a window, written as `null` (default 0.001). */
  readonly nullRate?: number
  /** Leave out stretches of polls (the machine slept): about one gap of 20 min–5 h per day (default false). */
  readonly gaps?: boolean
  /** Spread each poll's timestamp by up to this many ms after its slot; must be below the interval (default 0). */
  readonly jitterMs?: number
  /** Write the model-scoped weekly cap into `caps` (default true). */
  readonly caps?: boolean
}

const toMillis = (value: number | Date | string, name: string): number => {
  const millis = typeof value === "number" ? value : typeof value === "string" ? Date.parse(value) : value.getTime()
  if (!Number.isFinite(millis)) throw new RangeError(`generateHistory: '${name}' is not a valid time: ${String(value)}`)
  return millis
}

// One gap in some 6-hour slots, possibly reaching into the next slot.
const inGap = (seed: number, at: number): boolean => {
  const slot = Math.floor(at / gapSlot)
  for (const candidate of [slot, slot - 1]) {
    if (Random.unit(seed, 40, candidate) >= 0.15) continue
    const start = candidate * gapSlot + Random.unit(seed, 41, candidate) * gapSlot
    const length = hour / 3 + Random.unit(seed, 42, candidate) * (5 * hour - hour / 3)
    if (at >= start && at < start + length) return true
  }
  return false
}

const pad2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"))
const pad3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"))

// `Date#toISOString` costs about a microsecond, several times per line; the text only changes
// its hour rarely, so each field keeps its hour's prefix and writes the rest itself.
const isoFormatter = (): ((millis: number) => string) => {
  let hourStart = Number.NaN
  let prefix = ""
  return (millis) => {
    const start = Math.floor(millis / hour) * hour
    if (start !== hourStart) {
      hourStart = start
      prefix = new Date(start).toISOString().slice(0, 14)
    }
    const rest = millis - start
    const minutes = Math.floor(rest / 60_000)
    const seconds = Math.floor((rest - minutes * 60_000) / 1000)
    return `${prefix}${pad2[minutes]}:${pad2[seconds]}.${pad3[rest - minutes * 60_000 - seconds * 1000]}Z`
  }
}

/**
 * JSON Lines of polls in the B.4 export format, one string (without newline) per poll, oldest
 * first, timestamps strictly increasing. Keys are in the B.4 order: profile, timestamp, fiveHour,
 * sevenDay, extraUsage, caps, tier. Lazily generated, so a year of minute polls streams in constant
 * memory.
 */
export function* generateHistory(options: GenerateHistoryOptions): Generator<string, void, undefined> {
  const from = toMillis(options.from, "from")
  const to = toMillis(options.to, "to")
  const intervalMs = (options.intervalSeconds ?? 180) * 1000
  const jitterMs = options.jitterMs ?? 0
  if (!(intervalMs > 0)) throw new RangeError("generateHistory: 'intervalSeconds' must be positive")
  if (!(jitterMs >= 0 && jitterMs < intervalMs)) {
    throw new RangeError("generateHistory: 'jitterMs' must be at least 0 and below the interval")
  }
  if (to < from) throw new RangeError("generateHistory: 'to' is before 'from'")
  const tier = options.tier === undefined ? (options.account?.tier ?? Tier.defaultRateLimitTier) : options.tier
  const account = options.account ?? new SimulatedAccount({ seed: options.seed ?? 1, tier })
  const seed = account.seed
  const nullRate = options.nullRate ?? 0.001
  const gaps = options.gaps ?? false
  const withCaps = options.caps ?? true
  const prefix = `{"profile":${JSON.stringify(options.profile ?? "default")},"timestamp":"`
  const suffix = `,"tier":${tier === null ? "null" : JSON.stringify(tier)}}`
  const capLabel = JSON.stringify(account.capName)
  const timestampIso = isoFormatter()
  const fiveHourIso = isoFormatter()
  const sevenDayIso = isoFormatter()
  const capIso = isoFormatter()
  const isoMillis = (micros: number) => Math.floor(micros / 1000)

  for (let slot = from; slot < to; slot += intervalMs) {
    const at = jitterMs === 0 ? slot : slot + (Random.hash(seed, 60, slot) % jitterMs)
    if (gaps && inGap(seed, at)) continue
    const state = account.stateAt(at)
    const second = Math.floor(at / 1000)
    const fiveHour = Random.unit(seed, 50, second) < nullRate
      ? "null"
      : `{"utilization":${state.fiveHour.utilization},"resetsAt":${
        state.fiveHour.resetsAtMicros === null ? "null" : `"${fiveHourIso(isoMillis(state.fiveHour.resetsAtMicros))}"`
      }}`
    const sevenDay = Random.unit(seed, 51, second) < nullRate / 2
      ? "null"
      : `{"utilization":${state.sevenDay.utilization},"resetsAt":"${sevenDayIso(isoMillis(state.sevenDay.resetsAtMicros))}"}`
    const extra = state.extraUsage
    const extraUsage = `{"enabled":${extra.enabled},"usedCents":${extra.usedCents ?? "null"},"limitCents":${extra.monthlyLimitCents ?? "null"}}`
    const caps = withCaps
      ? `[{"label":${capLabel},"utilization":${state.cap.percent},"resetsAt":"${capIso(isoMillis(state.cap.resetsAtMicros))}"}]`
      : "[]"
    yield `${prefix}${timestampIso(at)}","fiveHour":${fiveHour},"sevenDay":${sevenDay},"extraUsage":${extraUsage},"caps":${caps}${suffix}`
  }
}
