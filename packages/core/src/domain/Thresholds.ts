// Thresholds: which notifications an observation fires, as a pure reducer over per-profile state (SPEC §3).
import { Data, HashMap, Option, Schema } from "effect"
import { headroomOf } from "./Headroom.js"
import type { ProfileName } from "./Profile.js"
import { resetsAtToleranceMillis, windowReset } from "./Reset.js"
import type { ExtraUsage, UsageSnapshot, UsageWindow } from "./Usage.js"

/** A watched gauge of a profile: the 5h window, the 7-day window, or a model-scoped cap by label. */
export const Key = Schema.Union(Schema.Literal("fiveHour", "sevenDay"), Schema.TemplateLiteral("cap:", Schema.String))
/** @see Key */
export type Key = typeof Key.Type

/** The key of a model-scoped cap. */
export const capKey = (label: string): Key => `cap:${label}`

/** The label notifications use for a gauge: "5-hour", "7-day" or the cap's label. */
export const labelOf = (key: Key): string =>
  key === "fiveHour" ? "5-hour" : key === "sevenDay" ? "7-day" : key.slice("cap:".length)

/**
 * A gauge's arm state. `armed`: nothing fired since headroom was last ≥ warning. `warned`: the
 * warning fired. `critical`: the critical alert fired; headroom recovering into the warning band
 * keeps it `critical` (nothing re-fires), because only recovering to ≥ warning re-arms (SPEC §3).
 */
export const Arm = Schema.Literal("armed", "warned", "critical")
/** @see Arm */
export type Arm = typeof Arm.Type

/** The extra-usage percentages of the monthly limit that notify (SPEC §3). */
export const extraUsageLevels = [50, 75, 90] as const
/** One of `extraUsageLevels`. */
export type ExtraUsagePercent = (typeof extraUsageLevels)[number]

/** What the reducer remembers about one profile. */
export interface ProfileAlerts {
  /** The account last seen for the profile; `null` until one is observed. */
  readonly accountId: string | null
  /** Arm state per gauge; a gauge not in the map is `armed`. */
  readonly gauges: HashMap.HashMap<Key, Arm>
  /** Extra usage was seen above 0 this month ("Extra usage started" already fired). */
  readonly extraUsageStarted: boolean
  /** The highest extra-usage level reached this month, 0 below 50 %. */
  readonly extraUsageLevel: ExtraUsagePercent | 0
  readonly outageOpen: boolean
  /** The window episodes a predictive alert already fired in (absent: armed); a reset re-arms. */
  readonly predicted: HashMap.HashMap<ForecastKey, Episode>
}

/** The windows a predictive alert watches (SPEC §3). */
export type ForecastKey = "fiveHour" | "sevenDay"

/** The window a predictive alert fired in: its reset time, and its utilization then. */
export interface Episode {
  readonly resetsAt: number | null
  readonly utilization: number
}

/** A predictive alert needs at least this much warning to be worth sending (SPEC §3). */
export const predictiveLeadMillis = 30 * 60_000

/** The reducer's state: one `ProfileAlerts` per profile, immutable (compare with `Equal.equals`). */
export interface AlertState {
  readonly profiles: HashMap.HashMap<ProfileName, ProfileAlerts>
}

const emptyProfile: ProfileAlerts = Data.struct({
  accountId: null,
  gauges: HashMap.empty<Key, Arm>(),
  extraUsageStarted: false,
  extraUsageLevel: 0,
  outageOpen: false,
  predicted: HashMap.empty<ForecastKey, Episode>()
})

/** Nothing observed yet: every gauge armed, no outage. */
export const initial: AlertState = Data.struct({ profiles: HashMap.empty<ProfileName, ProfileAlerts>() })

/** A profile's state; a profile never observed has the empty state. */
export const profileAlerts = (state: AlertState, profile: ProfileName): ProfileAlerts =>
  Option.getOrElse(HashMap.get(state.profiles, profile), () => emptyProfile)

/** A gauge's arm state (`armed` when never observed). */
export const armOf = (state: AlertState, profile: ProfileName, key: Key): Arm =>
  Option.getOrElse(HashMap.get(profileAlerts(state, profile).gauges, key), () => "armed" as const)

/** What the reducer is told: a stored poll (with the account it came from, when known) or an outage edge. */
export type Observation = Data.TaggedEnum<{
  Usage: {
    readonly profile: ProfileName
    readonly accountId?: string | undefined
    readonly snapshot: UsageSnapshot
    /**
     * When each window runs out before its reset (`Forecast.runsOutAt`: the 5h slope, the 7-day
     * pace), `null` or absent when it lasts.
     */
    readonly runsOutAt?: { readonly [K in ForecastKey]?: number | null } | undefined
  }
  OutageOpened: { readonly profile: ProfileName }
  OutageClosed: { readonly profile: ProfileName }
}>
/** Constructors and matchers of `Observation`. */
export const Observation = Data.taggedEnum<Observation>()

/** The data a headroom notification is phrased from ("Claude 7-day headroom at 17% — resets in …"). */
export interface GaugeAlert {
  readonly profile: ProfileName
  readonly key: Key
  readonly label: string
  readonly headroom: number
  readonly resetsAt: number | null
}

/** A notification to deliver; the text is phrased by `Format`/`Display`. */
export type Alert = Data.TaggedEnum<{
  Warning: GaugeAlert
  Critical: GaugeAlert
  ExtraUsageStarted: { readonly profile: ProfileName; readonly usedCents: number; readonly limitCents: number | null }
  ExtraUsageLevel: {
    readonly profile: ProfileName
    readonly percent: ExtraUsagePercent
    readonly usedCents: number
    readonly limitCents: number
  }
  ApiUnreachable: { readonly profile: ProfileName }
  ApiBack: { readonly profile: ProfileName }
  /** The window will run out before it resets (SPEC §3 predictive alert). */
  Predicted: {
    readonly profile: ProfileName
    readonly key: ForecastKey
    readonly runsOutAt: number
    readonly resetsAt: number | null
  }
}>
/** Constructors and matchers of `Alert`. */
export const Alert = Data.taggedEnum<Alert>()

/** The preferences the reducer reads at each observation; `Preferences` satisfies it. */
export interface Settings {
  readonly warningThreshold: number
  readonly criticalThreshold: number
  readonly apiStatusAlerts: boolean
  readonly extraUsageAlerts: boolean
  /** Default on (SPEC §3). */
  readonly predictiveAlerts?: boolean | undefined
}

interface Gauge {
  readonly key: Key
  readonly headroom: number
  readonly resetsAt: number | null
}

// The gauges a snapshot knows; unknown utilization is left out, so it changes nothing.
// Caps sharing a label (e.g. the "Model" fallback) are one gauge at their lowest headroom.
const gaugesOf = (snapshot: UsageSnapshot): ReadonlyArray<Gauge> => {
  const gauges = new Map<Key, Gauge>()
  const add = (key: Key, window: { readonly utilization: number | null; readonly resetsAt: number | null } | null) => {
    if (window === null || window.utilization === null || Number.isNaN(window.utilization)) return
    const headroom = headroomOf(window.utilization)
    const existing = gauges.get(key)
    if (existing === undefined || headroom < existing.headroom) gauges.set(key, { key, headroom, resetsAt: window.resetsAt })
  }
  add("fiveHour", snapshot.fiveHour)
  add("sevenDay", snapshot.sevenDay)
  for (const cap of snapshot.caps) add(capKey(cap.label), cap)
  return [...gauges.values()]
}

// Strictly below a threshold is inside it: exactly 20 % is not a warning (SPEC §3).
const zoneOf = (headroom: number, settings: Settings): Arm =>
  headroom < settings.criticalThreshold ? "critical" : headroom < settings.warningThreshold ? "warned" : "armed"

// One gauge's transition: the next arm state and the alert it fires, if any.
const stepGauge = (arm: Arm, zone: Arm): readonly [Arm, "Warning" | "Critical" | null] => {
  if (zone === "armed") return ["armed", null]
  if (zone === "critical") return arm === "critical" ? ["critical", null] : ["critical", "Critical"]
  return arm === "armed" ? ["warned", "Warning"] : [arm, null]
}

const levelOf = (usedCents: number, limitCents: number): ExtraUsagePercent | 0 => {
  let level: ExtraUsagePercent | 0 = 0
  // Integer arithmetic on cents, so 2,500 of 5,000 is exactly 50 %.
  for (const percent of extraUsageLevels) if (usedCents * 100 >= percent * limitCents) level = percent
  return level
}

// Extra usage, from cents only (never the ambiguous `utilization`; SPEC §3). Unknown amounts change nothing.
const stepExtraUsage = (
  profile: ProfileName,
  current: ProfileAlerts,
  extra: ExtraUsage | null,
  alerts: Array<Alert>,
  notify: boolean
): ProfileAlerts => {
  if (extra === null || !extra.enabled || extra.usedCents === null || Number.isNaN(extra.usedCents)) return current
  const usedCents = extra.usedCents
  const limitCents = extra.limitCents !== null && extra.limitCents > 0 ? extra.limitCents : null
  const started = usedCents > 0
  if (started && !current.extraUsageStarted && notify) {
    alerts.push(Alert.ExtraUsageStarted({ profile, usedCents, limitCents }))
  }
  // A zero balance is a new month whatever the limit; otherwise the level needs a known limit.
  const level = !started ? 0 : limitCents === null ? current.extraUsageLevel : levelOf(usedCents, limitCents)
  if (level > current.extraUsageLevel && level !== 0 && limitCents !== null && notify) {
    alerts.push(Alert.ExtraUsageLevel({ profile, percent: level, usedCents, limitCents }))
  }
  // Dropping back (a new month, a raised limit) re-arms the levels above.
  return current.extraUsageStarted === started && current.extraUsageLevel === level
    ? current
    : Data.struct({ ...current, extraUsageStarted: started, extraUsageLevel: level })
}

// Whether the window an alert fired in has reset since: its reset time moved or passed, or
// (reset time unknown) its utilization dropped as at a reset (SPEC §2 reset detection).
const episodeOver = (episode: Episode, usage: UsageWindow, at: number): boolean => {
  if (episode.resetsAt === null) return windowReset({ utilization: episode.utilization, resetsAt: null }, usage)
  if (usage.resetsAt !== null) return Math.abs(usage.resetsAt - episode.resetsAt) > resetsAtToleranceMillis
  return at >= episode.resetsAt
}

// Predictive alerts (SPEC §3): once per window episode, when the window runs out before its reset
// and at least 30 minutes ahead; a reset re-arms. Off, the episode is still marked, so turning the
// toggle on mid-episode does not replay it.
const stepPredicted = (
  profile: ProfileName,
  current: ProfileAlerts,
  observation: Extract<Observation, { readonly _tag: "Usage" }>,
  alerts: Array<Alert>,
  notify: boolean
): ProfileAlerts => {
  const { snapshot } = observation
  let predicted = current.predicted
  for (const key of ["fiveHour", "sevenDay"] as const) {
    const usage = snapshot[key]
    if (usage === null || usage.utilization === null || Number.isNaN(usage.utilization)) continue
    const episode = HashMap.get(predicted, key)
    if (Option.isSome(episode) && episodeOver(episode.value, usage, snapshot.fetchedAt)) predicted = HashMap.remove(predicted, key)
    if (HashMap.has(predicted, key)) continue
    const runsOutAt = observation.runsOutAt?.[key] ?? null
    if (runsOutAt === null || runsOutAt - snapshot.fetchedAt < predictiveLeadMillis) continue
    if (usage.resetsAt !== null && runsOutAt >= usage.resetsAt) continue
    predicted = HashMap.set(predicted, key, { resetsAt: usage.resetsAt, utilization: usage.utilization })
    if (notify) alerts.push(Alert.Predicted({ profile, key, runsOutAt, resetsAt: usage.resetsAt }))
  }
  return predicted === current.predicted ? current : Data.struct({ ...current, predicted })
}

const stepUsage = (
  current: ProfileAlerts,
  observation: Extract<Observation, { readonly _tag: "Usage" }>,
  settings: Settings
): readonly [ProfileAlerts, ReadonlyArray<Alert>] => {
  const { accountId, profile, snapshot } = observation
  // Another account behind the same profile starts every gauge over (SPEC §3).
  let next = accountId !== undefined && current.accountId !== null && accountId !== current.accountId
    ? Data.struct({ ...emptyProfile, accountId, outageOpen: current.outageOpen })
    : accountId !== undefined && current.accountId === null
    ? Data.struct({ ...current, accountId })
    : current
  const alerts: Array<Alert> = []
  let gauges = next.gauges
  for (const gauge of gaugesOf(snapshot)) {
    const arm = Option.getOrElse(HashMap.get(gauges, gauge.key), () => "armed" as const)
    const [nextArm, fire] = stepGauge(arm, zoneOf(gauge.headroom, settings))
    if (nextArm !== arm) gauges = HashMap.set(gauges, gauge.key, nextArm)
    if (fire !== null) {
      const payload = { profile, key: gauge.key, label: labelOf(gauge.key), headroom: gauge.headroom, resetsAt: gauge.resetsAt }
      alerts.push(fire === "Warning" ? Alert.Warning(payload) : Alert.Critical(payload))
    }
  }
  if (gauges !== next.gauges) next = Data.struct({ ...next, gauges })
  next = stepExtraUsage(profile, next, snapshot.extraUsage, alerts, settings.extraUsageAlerts)
  next = stepPredicted(profile, next, observation, alerts, settings.predictiveAlerts ?? true)
  return [next, alerts]
}

const stepOutage = (
  current: ProfileAlerts,
  profile: ProfileName,
  open: boolean,
  settings: Settings
): readonly [ProfileAlerts, ReadonlyArray<Alert>] => {
  if (current.outageOpen === open) return [current, []]
  const alert = open ? Alert.ApiUnreachable({ profile }) : Alert.ApiBack({ profile })
  return [Data.struct({ ...current, outageOpen: open }), settings.apiStatusAlerts ? [alert] : []]
}

/**
 * Folds one observation into the state and returns the alerts it fires. Per profile and gauge:
 * dropping strictly below warning fires `Warning` once, strictly below critical fires `Critical`
 * once (alone when it fell straight through), recovering to ≥ warning re-arms both. Thresholds
 * come with each observation, so a changed threshold takes effect at once. Unknown headroom
 * changes nothing. A toggle that is off suppresses its alerts but the state still advances, so
 * turning it on later does not replay an episode already under way.
 */
export const reduce = (state: AlertState, observation: Observation, settings: Settings): [AlertState, ReadonlyArray<Alert>] => {
  const current = profileAlerts(state, observation.profile)
  const [next, alerts] = Observation.$match(observation, {
    Usage: (usage) => stepUsage(current, usage, settings),
    OutageOpened: ({ profile }) => stepOutage(current, profile, true, settings),
    OutageClosed: ({ profile }) => stepOutage(current, profile, false, settings)
  })
  if (next === current) return [state, alerts]
  return [Data.struct({ profiles: HashMap.set(state.profiles, observation.profile, next) }), alerts]
}
