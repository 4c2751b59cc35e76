// A simulated subscription whose usage moves over (simulated) time like a real account's.
import * as Random from "./Random.js"
import * as Tier from "./Tier.js"
import * as UsageBodies from "./UsageBodies.js"
import type { UsageBody } from "./WireFormat.js"
import { formatResetsAt } from "./WireFormat.js"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const fiveHours = 5 * hour
const week = 7 * day
const segments = 6

/** How a simulated account behaves; the same options and seed always give the same curves. */
export interface SimulatedAccountOptions {
  readonly seed?: number
  /** `rateLimitTier`; decides how fast the 7-day window fills compared with the 5-hour one. */
  readonly tier?: string | null
  /** Display name of the model-scoped weekly cap in `limits[]`. */
  readonly capName?: string
  /** Extra usage with a monthly limit in cents, or `false` for an account without it. */
  readonly extraUsage?: { readonly monthlyLimitCents: number } | false
  /** Scales how hard the simulated user works (1 = typical). */
  readonly intensity?: number
}

/** One 5-hour window of the simulated user. */
export interface FiveHourWindow {
  /** When the window opened (ms; on the hour, like the real endpoint). */
  readonly startsAt: number
  /** When it resets (ms): `startsAt` + 5 h. */
  readonly resetsAt: number
  /** Utilization reached by the end of the window. */
  readonly peak: number
}

/** The account at one instant, before it is written as a body. Resets are epoch microseconds. */
export interface SimulatedState {
  readonly at: number
  readonly fiveHour: { readonly utilization: number; readonly resetsAtMicros: number | null }
  readonly sevenDay: { readonly utilization: number; readonly resetsAtMicros: number }
  readonly cap: { readonly displayName: string; readonly percent: number; readonly resetsAtMicros: number }
  readonly sevenDaySonnet: { readonly utilization: number }
  readonly extraUsage:
    | { readonly enabled: true; readonly monthlyLimitCents: number; readonly usedCents: number }
    | { readonly enabled: false; readonly monthlyLimitCents: null; readonly usedCents: null }
}

interface Session {
  readonly start: number
  readonly end: number
  readonly activeFrom: number
  readonly peak: number
  /** Cumulative share of the peak at the `segments + 1` evenly spaced points of [activeFrom, end]. */
  readonly shape: ReadonlyArray<number>
  /** 7-day points this week used before the session. */
  readonly weeklyBefore: number
}

interface Week {
  readonly start: number
  readonly end: number
  readonly sessions: ReadonlyArray<Session>
  readonly capShare: number
  readonly sonnetShare: number
}

interface Month {
  readonly start: number
  readonly end: number
  /** Cents spent by the end of each day of the month. */
  readonly spentBy: ReadonlyArray<number>
  readonly spentOn: ReadonlyArray<number>
}

const remember = <V>(cache: Map<number, V>, key: number, build: () => V): V => {
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  const value = build()
  cache.set(key, value)
  // A handful of weeks or months covers any sequential walk; drop the oldest beyond that.
  if (cache.size > 8) cache.delete(cache.keys().next().value as number)
  return value
}

/**
 * A deterministic model of one account's usage. 5-hour windows open on the hour at the user's
 * first activity and reset 5 hours later (between windows the 5-hour utilization is 0 with no
 * reset time); the 7-day window resets weekly at a fixed hour; the user is blocked at 100 % of the
 * week. Nights and weekends are quieter. Any instant can be asked for, in any order.
 */
export class SimulatedAccount {
  readonly seed: number
  readonly tier: string | null
  readonly capName: string
  readonly monthlyLimitCents: number | null
  readonly intensity: number
  private readonly pointsPerFiveHourPoint: number
  private readonly weekAnchor: number
  private readonly timezoneOffset: number
  private readonly weeks = new Map<number, Week>()
  private month: Month | undefined

  constructor(options: SimulatedAccountOptions = {}) {
    this.seed = options.seed ?? 1
    this.tier = options.tier === undefined ? Tier.defaultRateLimitTier : options.tier
    this.capName = options.capName ?? "Fable"
    this.monthlyLimitCents = options.extraUsage === false ? null : (options.extraUsage?.monthlyLimitCents ?? 5000)
    this.intensity = options.intensity ?? 1
    this.pointsPerFiveHourPoint = Tier.ofRateLimitTier(this.tier).sevenDayPerFiveHourPoint
    this.weekAnchor = (Random.hash(this.seed, 2) % 168) * hour
    this.timezoneOffset = ((Random.hash(this.seed, 3) % 24) - 12) * hour
  }

  /** The account's state at `at` (ms). */
  stateAt(at: number): SimulatedState {
    const current = this.weekOf(at)
    const session = this.sessionAt(current, at)
    const pollMinute = Math.floor(at / minute)
    const jitter = (salt: number) => Random.hash(this.seed, salt, pollMinute) % 1_000_000
    let fiveHour = 0
    let weekly = 0
    let resetsAt: number | null = null
    if (session !== undefined && at < session.end) {
      fiveHour = session.peak * this.progress(session, at)
      weekly = session.weeklyBefore + fiveHour * this.pointsPerFiveHourPoint
      resetsAt = session.end
    } else if (session !== undefined) {
      weekly = session.weeklyBefore + session.peak * this.pointsPerFiveHourPoint
    }
    const sevenDay = Math.round(weekly)
    return {
      at,
      fiveHour: {
        utilization: Math.round(fiveHour),
        resetsAtMicros: resetsAt === null ? null : resetsAt * 1000 + jitter(20)
      },
      sevenDay: { utilization: sevenDay, resetsAtMicros: current.end * 1000 + jitter(21) },
      cap: {
        displayName: this.capName,
        percent: Math.round(weekly * current.capShare),
        resetsAtMicros: current.end * 1000 + jitter(22)
      },
      sevenDaySonnet: { utilization: Math.round(weekly * current.sonnetShare) },
      extraUsage: this.monthlyLimitCents === null
        ? { enabled: false, monthlyLimitCents: null, usedCents: null }
        : { enabled: true, monthlyLimitCents: this.monthlyLimitCents, usedCents: this.extraCentsAt(at, this.monthlyLimitCents) }
    }
  }

  /** The usage endpoint's body at `at` (ms), in the exact A.1 layout. */
  usageAt(at: number): UsageBody {
    const state = this.stateAt(at)
    return UsageBodies.build({
      fiveHour: {
        utilization: state.fiveHour.utilization,
        resetsAt: state.fiveHour.resetsAtMicros === null ? null : formatResetsAt(state.fiveHour.resetsAtMicros)
      },
      sevenDay: { utilization: state.sevenDay.utilization, resetsAt: formatResetsAt(state.sevenDay.resetsAtMicros) },
      sevenDaySonnet: { utilization: state.sevenDaySonnet.utilization, resetsAt: null },
      extraUsage: state.extraUsage,
      caps: [{ displayName: state.cap.displayName, percent: state.cap.percent, resetsAt: formatResetsAt(state.cap.resetsAtMicros) }]
    })
  }

  /** The 5-hour windows that open in [from, to). */
  fiveHourWindows(from: number, to: number): ReadonlyArray<FiveHourWindow> {
    const windows: Array<FiveHourWindow> = []
    for (let index = this.weekIndex(from); index <= this.weekIndex(to); index++) {
      for (const session of this.week(index).sessions) {
        if (session.start >= from && session.start < to) {
          windows.push({ startsAt: session.start, resetsAt: session.end, peak: session.peak })
        }
      }
    }
    return windows
  }

  /** The weekly reset after `at` (ms). */
  weeklyResetAfter(at: number): number {
    return this.weekOf(at).end
  }

  private weekIndex(at: number): number {
    return Math.floor((at - this.weekAnchor) / week)
  }

  private weekOf(at: number): Week {
    return this.week(this.weekIndex(at))
  }

  private week(index: number): Week {
    return remember(this.weeks, index, () => this.buildWeek(index))
  }

  private sessionAt(current: Week, at: number): Session | undefined {
    const sessions = current.sessions
    let low = 0
    let high = sessions.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((sessions[middle] as Session).start <= at) low = middle + 1
      else high = middle
    }
    return sessions[low - 1]
  }

  private progress(session: Session, at: number): number {
    if (at <= session.activeFrom) return 0
    const position = ((at - session.activeFrom) / (session.end - session.activeFrom)) * segments
    const index = Math.min(segments - 1, Math.floor(position))
    const before = session.shape[index] as number
    const after = session.shape[index + 1] as number
    return before + (after - before) * (position - index)
  }

  private localHour(at: number): number {
    const local = at + this.timezoneOffset
    return (local - Math.floor(local / day) * day) / hour
  }

  private isWeekend(at: number): boolean {
    const weekday = new Date(at + this.timezoneOffset).getUTCDay()
    return weekday === 0 || weekday === 6
  }

  private buildWeek(index: number): Week {
    const start = this.weekAnchor + index * week
    const end = start + week
    const next = Random.sequence(Random.hash(this.seed, 10, index))
    const ratio = this.pointsPerFiveHourPoint
    const weekIntensity = this.intensity * (0.4 + 0.8 * next())
    const sessions: Array<Session> = []
    let used = 0
    let at = start
    for (;;) {
      const local = this.localHour(at)
      let gap: number
      if (local < 7 || local >= 23) {
        const wake = 7 + next() * 3
        gap = ((wake - local + 24) % 24) * hour
      } else {
        gap = next() < 0.2 ? 0 : -Math.log(1 - next()) * 2.5 * hour
      }
      const first = at + gap
      // Windows close before the weekly reset, so each week stands on its own.
      if (first >= end - fiveHours) break
      if (this.isWeekend(first) && next() < 0.6) {
        at = first + 2 * hour
        continue
      }
      const windowStart = Math.floor(first / hour) * hour
      const windowEnd = windowStart + fiveHours
      const drawn = next() < 0.05 ? 100 + next() * 5 : (8 + 62 * next() ** 1.2) * weekIntensity
      // At 100 % of the week the user is blocked, so the window stops where the week runs out.
      const peak = Math.min(drawn, (100 - used) / ratio)
      if (peak >= 1) {
        const weights = Array.from({ length: segments }, () => (next() < 0.3 ? 0 : next() ** 2))
        if (!weights.some((weight) => weight > 0)) weights[0] = 1
        const total = weights.reduce((sum, weight) => sum + weight, 0)
        const shape = [0]
        let sum = 0
        for (const weight of weights) {
          sum += weight
          shape.push(sum / total)
        }
        sessions.push({ start: windowStart, end: windowEnd, activeFrom: first, peak, shape, weeklyBefore: used })
        used += peak * ratio
      }
      at = windowEnd
    }
    const capShare = 0.6 + 0.35 * next()
    return { start, end, sessions, capShare, sonnetShare: Math.max(0, 1 - capShare - 0.1 * next()) }
  }

  private extraCentsAt(at: number, limit: number): number {
    let month = this.month
    if (month === undefined || at < month.start || at >= month.end) {
      const date = new Date(at)
      month = this.month = this.buildMonth(date.getUTCFullYear(), date.getUTCMonth())
    }
    const dayIndex = Math.floor((at - month.start) / day)
    const before = dayIndex > 0 ? (month.spentBy[dayIndex - 1] as number) : 0
    const today = month.spentOn[dayIndex] ?? 0
    const fraction = (at - month.start - dayIndex * day) / day
    return Math.min(limit, Math.round(before + today * fraction))
  }

  private buildMonth(year: number, monthIndex: number): Month {
    const start = Date.UTC(year, monthIndex, 1)
    const end = Date.UTC(year, monthIndex + 1, 1)
    const days = Math.round((end - start) / day)
    const next = Random.sequence(Random.hash(this.seed, 30, year * 12 + monthIndex))
    const monthIntensity = 0.3 + next()
    const spentOn: Array<number> = []
    const spentBy: Array<number> = []
    let total = 0
    for (let index = 0; index < days; index++) {
      const spent = next() < 0.2 ? Math.round((50 + next() * 450) * monthIntensity) : 0
      spentOn.push(spent)
      total += spent
      spentBy.push(total)
    }
    return { start, end, spentBy, spentOn }
  }
}
