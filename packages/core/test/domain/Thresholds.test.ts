import { assert, describe, it } from "@effect/vitest"
import { Equal, FastCheck, HashMap } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import * as Thresholds from "../../src/domain/Thresholds.js"
import { ExtraUsage, ModelCap, UsageSnapshot, UsageWindow } from "../../src/domain/Usage.js"

const work = ProfileName.make("work")
const home = ProfileName.make("home")

const settings: Thresholds.Settings = { warningThreshold: 20, criticalThreshold: 5, apiStatusAlerts: true, extraUsageAlerts: true }

// Gauges are given as headroom (100 − utilization); `null` is unknown utilization, `undefined` no window.
interface Gauges {
  readonly fiveHour?: number | null
  readonly sevenDay?: number | null
  readonly caps?: ReadonlyArray<readonly [string, number | null]>
  readonly extra?: ExtraUsage | null
}

const window = (headroom: number | null | undefined, resetsAt: number) =>
  headroom === undefined ? null : new UsageWindow({ utilization: headroom === null ? null : 100 - headroom, resetsAt })

const snapshot = (gauges: Gauges, profile: ProfileName = work) =>
  new UsageSnapshot({
    profile,
    fetchedAt: 1_000,
    source: "api",
    fiveHour: window(gauges.fiveHour, 5_000),
    sevenDay: window(gauges.sevenDay, 7_000),
    caps: (gauges.caps ?? []).map(([label, headroom]) =>
      new ModelCap({ label, utilization: headroom === null ? null : 100 - headroom, resetsAt: 9_000 })
    ),
    extraUsage: gauges.extra ?? null,
    tier: null
  })

const usage = (gauges: Gauges, options: { readonly profile?: ProfileName; readonly accountId?: string } = {}) => {
  const profile = options.profile ?? work
  return options.accountId === undefined
    ? Thresholds.Observation.Usage({ profile, snapshot: snapshot(gauges, profile) })
    : Thresholds.Observation.Usage({ profile, accountId: options.accountId, snapshot: snapshot(gauges, profile) })
}

const extra = (usedCents: number | null, limitCents: number | null, enabled = true) =>
  new ExtraUsage({ enabled, usedCents, limitCents })

// Folds observations from `start`; returns the final state and the alerts of each step.
const run = (
  observations: ReadonlyArray<Thresholds.Observation>,
  options: { readonly start?: Thresholds.AlertState; readonly settings?: Thresholds.Settings | ReadonlyArray<Thresholds.Settings> } = {}
) => {
  let state = options.start ?? Thresholds.initial
  const steps: Array<ReadonlyArray<Thresholds.Alert>> = []
  observations.forEach((observation, i) => {
    const s = options.settings === undefined
      ? settings
      : Array.isArray(options.settings)
      ? (options.settings as ReadonlyArray<Thresholds.Settings>)[i] ?? settings
      : (options.settings as Thresholds.Settings)
    const [next, alerts] = Thresholds.reduce(state, observation, s)
    state = next
    steps.push(alerts)
  })
  return { state, steps }
}

// Compact alert descriptions, so a test states the whole expected sequence.
const describeAlert = (alert: Thresholds.Alert): string =>
  Thresholds.Alert.$match(alert, {
    Warning: (a) => `Warning ${a.profile} ${a.key}`,
    Critical: (a) => `Critical ${a.profile} ${a.key}`,
    ExtraUsageStarted: (a) => `ExtraUsageStarted ${a.profile}`,
    ExtraUsageLevel: (a) => `ExtraUsageLevel ${a.profile} ${a.percent}`,
    ApiUnreachable: (a) => `ApiUnreachable ${a.profile}`,
    ApiBack: (a) => `ApiBack ${a.profile}`,
    Predicted: (a) => `Predicted ${a.profile} ${a.key}`
  })
const tags = (steps: ReadonlyArray<ReadonlyArray<Thresholds.Alert>>) => steps.map((alerts) => alerts.map(describeAlert))

const fiveHour = (...headrooms: ReadonlyArray<number | null>) => headrooms.map((h) => usage({ fiveHour: h }))

describe("Thresholds", () => {
  describe("keys", () => {
    it("labels the windows and caps as notifications name them", () => {
      assert.strictEqual(Thresholds.labelOf("fiveHour"), "5-hour")
      assert.strictEqual(Thresholds.labelOf("sevenDay"), "7-day")
      assert.strictEqual(Thresholds.labelOf(Thresholds.capKey("Fable")), "Fable")
      assert.strictEqual(Thresholds.capKey("Fable"), "cap:Fable")
    })

    it("starts with every gauge armed", () => {
      assert.strictEqual(Thresholds.armOf(Thresholds.initial, work, "fiveHour"), "armed")
      assert.strictEqual(HashMap.size(Thresholds.initial.profiles), 0)
    })
  })

  describe("warning and critical boundaries (strictly below)", () => {
    it("headroom exactly at the warning threshold (20) fires nothing", () => {
      const { state, steps } = run(fiveHour(20))
      assert.deepStrictEqual(tags(steps), [[]])
      assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), "armed")
    })

    it("headroom 19.99 fires a warning carrying the data to phrase it", () => {
      const { state, steps } = run(fiveHour(19.99))
      const alert = steps[0]?.[0]
      assert.strictEqual(steps[0]?.length, 1)
      assert(alert !== undefined && alert._tag === "Warning")
      assert.strictEqual(alert.profile, work)
      assert.strictEqual(alert.key, "fiveHour")
      assert.strictEqual(alert.label, "5-hour")
      assert.closeTo(alert.headroom, 19.99, 1e-9)
      assert.strictEqual(alert.resetsAt, 5_000)
      assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), "warned")
    })

    it("headroom exactly at the critical threshold (5) is a warning only", () => {
      const { state, steps } = run(fiveHour(5))
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"]])
      assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), "warned")
    })

    it("headroom 4.99 after a warning fires critical", () => {
      const { state, steps } = run(fiveHour(15, 4.99))
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"], ["Critical work fiveHour"]])
      assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), "critical")
    })

    it("falling straight from 50 to 3 fires critical only", () => {
      const { steps } = run(fiveHour(50, 3))
      assert.deepStrictEqual(tags(steps), [[], ["Critical work fiveHour"]])
    })

    it("falling straight to 4.99 fires critical only", () => {
      assert.deepStrictEqual(tags(run(fiveHour(4.99)).steps), [["Critical work fiveHour"]])
    })

    it("an exhausted window (headroom below 0) is critical", () => {
      const { steps } = run([usage({ fiveHour: -20 })])
      assert.deepStrictEqual(tags(steps), [["Critical work fiveHour"]])
    })

    it("fires the warning once while headroom stays in the warning band", () => {
      assert.deepStrictEqual(tags(run(fiveHour(19, 18, 15, 5)).steps), [["Warning work fiveHour"], [], [], []])
    })

    it("fires critical once while headroom stays below critical", () => {
      assert.deepStrictEqual(tags(run(fiveHour(3, 2, 0, -5)).steps), [["Critical work fiveHour"], [], [], []])
    })
  })

  describe("re-arming", () => {
    it("recovering to exactly 20 re-arms, so the next drop warns again", () => {
      const { steps } = run(fiveHour(15, 20, 15))
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"], [], ["Warning work fiveHour"]])
    })

    it("recovering only to 19.99 does not re-arm", () => {
      const { state, steps } = run(fiveHour(15, 19.99, 15))
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"], [], []])
      assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), "warned")
    })

    it("after critical, recovering into the warning band fires nothing and keeps critical spent", () => {
      const { state, steps } = run(fiveHour(3, 10, 3, 10))
      assert.deepStrictEqual(tags(steps), [["Critical work fiveHour"], [], [], []])
      assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), "critical")
    })

    it("after critical, recovering to ≥ warning re-arms both alerts", () => {
      const { steps } = run(fiveHour(3, 20, 10, 3))
      assert.deepStrictEqual(tags(steps), [["Critical work fiveHour"], [], ["Warning work fiveHour"], ["Critical work fiveHour"]])
    })
  })

  describe("independence", () => {
    it("the 7-day window has its own state, labelled 7-day", () => {
      const { state, steps } = run([usage({ fiveHour: 15, sevenDay: 50 }), usage({ fiveHour: 15, sevenDay: 15 })])
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"], ["Warning work sevenDay"]])
      const alert = steps[1]?.[0]
      assert(alert !== undefined && alert._tag === "Warning")
      assert.strictEqual(alert.label, "7-day")
      assert.strictEqual(alert.resetsAt, 7_000)
      assert.strictEqual(Thresholds.armOf(state, work, "sevenDay"), "warned")
    })

    it("both windows crossing in one poll fire one alert each", () => {
      const { steps } = run([usage({ fiveHour: 3, sevenDay: 19 })])
      assert.deepStrictEqual(tags(steps), [["Critical work fiveHour", "Warning work sevenDay"]])
    })

    it("each model cap has its own state, labelled by model", () => {
      const { state, steps } = run([
        usage({ caps: [["Fable", 15], ["Sonnet", 50]] }),
        usage({ caps: [["Fable", 15], ["Sonnet", 3]] })
      ])
      assert.deepStrictEqual(tags(steps), [["Warning work cap:Fable"], ["Critical work cap:Sonnet"]])
      const alert = steps[0]?.[0]
      assert(alert !== undefined && alert._tag === "Warning")
      assert.strictEqual(alert.label, "Fable")
      assert.strictEqual(alert.resetsAt, 9_000)
      assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), "armed")
    })

    it("caps sharing a label are one gauge at their lowest headroom", () => {
      const { steps } = run([usage({ caps: [["Model", 50], ["Model", 3]] })])
      assert.deepStrictEqual(tags(steps), [["Critical work cap:Model"]])
    })

    it("profiles do not share state", () => {
      const { state, steps } = run([usage({ fiveHour: 15 }), usage({ fiveHour: 15 }, { profile: home })])
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"], ["Warning home fiveHour"]])
      assert.strictEqual(HashMap.size(state.profiles), 2)
    })
  })

  describe("threshold changes re-evaluate at once", () => {
    it("a raised warning threshold fires immediately on the same headroom", () => {
      const observation = usage({ fiveHour: 25 })
      const { steps } = run([observation, observation], {
        settings: [settings, { ...settings, warningThreshold: 30 }]
      })
      assert.deepStrictEqual(tags(steps), [[], ["Warning work fiveHour"]])
    })

    it("a raised critical threshold fires critical immediately", () => {
      const observation = usage({ fiveHour: 8 })
      const { steps } = run([observation, observation], { settings: [settings, { ...settings, criticalThreshold: 10 }] })
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"], ["Critical work fiveHour"]])
    })

    it("a lowered warning threshold re-arms, and raising it again warns again", () => {
      const observation = usage({ fiveHour: 15 })
      const { state, steps } = run([observation, observation, observation], {
        settings: [settings, { ...settings, warningThreshold: 10 }, settings]
      })
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"], [], ["Warning work fiveHour"]])
      assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), "warned")
    })
  })

  describe("unknown headroom", () => {
    it("null utilization or a missing window changes nothing", () => {
      const before = run(fiveHour(15)).state
      const [afterNull, nullAlerts] = Thresholds.reduce(before, usage({ fiveHour: null, sevenDay: null }), settings)
      const [afterMissing, missingAlerts] = Thresholds.reduce(before, usage({}), settings)
      assert.strictEqual(afterNull, before)
      assert.strictEqual(afterMissing, before)
      assert.deepStrictEqual([nullAlerts.length, missingAlerts.length], [0, 0])
    })

    it("an unknown reading between two low readings neither re-arms nor fires", () => {
      assert.deepStrictEqual(tags(run(fiveHour(15, null, 15)).steps), [["Warning work fiveHour"], [], []])
    })

    it("NaN utilization is treated as unknown", () => {
      const nan = Thresholds.Observation.Usage({
        profile: work,
        snapshot: new UsageSnapshot({
          ...snapshot({}),
          fiveHour: new UsageWindow({ utilization: Number.NaN, resetsAt: null })
        })
      })
      const [state, alerts] = Thresholds.reduce(Thresholds.initial, nan, settings)
      assert.strictEqual(state, Thresholds.initial)
      assert.strictEqual(alerts.length, 0)
    })
  })

  describe("extra usage (from cents)", () => {
    it("fires 'started' once when usage goes from 0 to above 0", () => {
      const { state, steps } = run([0, 100, 200].map((cents) => usage({ extra: extra(cents, 5_000) })))
      assert.deepStrictEqual(tags(steps), [[], ["ExtraUsageStarted work"], []])
      assert.strictEqual(Thresholds.profileAlerts(state, work).extraUsageStarted, true)
    })

    it("fires 'started' when the first reading is already above 0 (from unknown), with the amounts", () => {
      const { steps } = run([usage({ extra: extra(null, 5_000) }), usage({ extra: extra(1, 5_000) })])
      assert.deepStrictEqual(tags(steps), [[], ["ExtraUsageStarted work"]])
      const alert = steps[1]?.[0]
      assert(alert !== undefined && alert._tag === "ExtraUsageStarted")
      assert.deepStrictEqual([alert.usedCents, alert.limitCents], [1, 5_000])
    })

    it("fires nothing while extra usage is disabled", () => {
      const { state, steps } = run([usage({ extra: extra(4_900, 5_000, false) })])
      assert.deepStrictEqual(tags(steps), [[]])
      assert.strictEqual(Thresholds.profileAlerts(state, work).extraUsageLevel, 0)
    })

    it("49.9 % is below the first level; 50, 75 and 90 % each fire once", () => {
      const cents = [2_495, 2_500, 3_749, 3_750, 4_499, 4_500, 5_000]
      const { steps } = run(cents.map((c) => usage({ extra: extra(c, 5_000) })))
      assert.deepStrictEqual(tags(steps), [
        ["ExtraUsageStarted work"],
        ["ExtraUsageLevel work 50"],
        [],
        ["ExtraUsageLevel work 75"],
        [],
        ["ExtraUsageLevel work 90"],
        []
      ])
      const level = steps[1]?.[0]
      assert(level !== undefined && level._tag === "ExtraUsageLevel")
      assert.deepStrictEqual([level.usedCents, level.limitCents], [2_500, 5_000])
    })

    it("jumping past several levels fires only the highest", () => {
      const { steps } = run([usage({ extra: extra(1, 5_000) }), usage({ extra: extra(4_750, 5_000) })])
      assert.deepStrictEqual(tags(steps), [["ExtraUsageStarted work"], ["ExtraUsageLevel work 90"]])
    })

    it("a monthly limit of 0 or null fires no level and does not throw", () => {
      const { state, steps } = run([usage({ extra: extra(900, 0) }), usage({ extra: extra(9_000, null) })])
      assert.deepStrictEqual(tags(steps), [["ExtraUsageStarted work"], []])
      assert.strictEqual(Thresholds.profileAlerts(state, work).extraUsageLevel, 0)
    })

    it("a new month (usage back to 0) re-arms 'started' and the levels", () => {
      const cents = [2_600, 0, 100, 2_600]
      const { steps } = run(cents.map((c) => usage({ extra: extra(c, 5_000) })))
      assert.deepStrictEqual(tags(steps), [
        ["ExtraUsageStarted work", "ExtraUsageLevel work 50"],
        [],
        ["ExtraUsageStarted work"],
        ["ExtraUsageLevel work 50"]
      ])
    })

    it("a percentage that drops back (a raised limit) re-arms the levels above it", () => {
      const { steps } = run([
        usage({ extra: extra(4_500, 5_000) }),
        usage({ extra: extra(4_500, 10_000) }),
        usage({ extra: extra(5_000, 10_000) })
      ])
      assert.deepStrictEqual(tags(steps), [["ExtraUsageStarted work", "ExtraUsageLevel work 90"], [], ["ExtraUsageLevel work 50"]])
    })

    it("unknown used cents change nothing", () => {
      const before = run([usage({ extra: extra(2_600, 5_000) })]).state
      const [after, alerts] = Thresholds.reduce(before, usage({ extra: extra(null, 5_000) }), settings)
      assert.strictEqual(after, before)
      assert.strictEqual(alerts.length, 0)
    })

    it("with extraUsageAlerts off nothing fires, and turning it on does not replay the month", () => {
      const off = { ...settings, extraUsageAlerts: false }
      const { steps } = run([usage({ extra: extra(2_600, 5_000) }), usage({ extra: extra(2_700, 5_000) }), usage({ extra: extra(3_800, 5_000) })], {
        settings: [off, settings, settings]
      })
      assert.deepStrictEqual(tags(steps), [[], [], ["ExtraUsageLevel work 75"]])
    })
  })

  describe("outages", () => {
    const opened = (profile: ProfileName = work) => Thresholds.Observation.OutageOpened({ profile })
    const closed = (profile: ProfileName = work) => Thresholds.Observation.OutageClosed({ profile })

    it("an outage fires 'unreachable' once when it opens and 'back' once when it closes", () => {
      const { state, steps } = run([opened(), opened(), closed(), closed()])
      assert.deepStrictEqual(tags(steps), [["ApiUnreachable work"], [], ["ApiBack work"], []])
      assert.strictEqual(Thresholds.profileAlerts(state, work).outageOpen, false)
    })

    it("closing an outage that never opened fires nothing", () => {
      const [state, alerts] = Thresholds.reduce(Thresholds.initial, closed(), settings)
      assert.strictEqual(alerts.length, 0)
      assert.strictEqual(state, Thresholds.initial)
    })

    it("with apiStatusAlerts off nothing fires but the outage is still tracked", () => {
      const off = { ...settings, apiStatusAlerts: false }
      const { state, steps } = run([opened()], { settings: off })
      assert.deepStrictEqual(tags(steps), [[]])
      assert.strictEqual(Thresholds.profileAlerts(state, work).outageOpen, true)
      const [, alerts] = Thresholds.reduce(state, closed(), off)
      assert.strictEqual(alerts.length, 0)
    })

    it("outages are per profile", () => {
      const { steps } = run([opened(work), opened(home), closed(work)])
      assert.deepStrictEqual(tags(steps), [["ApiUnreachable work"], ["ApiUnreachable home"], ["ApiBack work"]])
    })

    it("an outage does not touch the gauges", () => {
      const { state, steps } = run([usage({ fiveHour: 15 }), opened(), closed(), usage({ fiveHour: 15 })])
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"], ["ApiUnreachable work"], ["ApiBack work"], []])
      assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), "warned")
    })
  })

  describe("account changes", () => {
    it("a different account behind the profile re-arms every gauge", () => {
      const { steps } = run([
        usage({ fiveHour: 15, caps: [["Fable", 3]] }, { accountId: "acct-a" }),
        usage({ fiveHour: 15, caps: [["Fable", 3]] }, { accountId: "acct-b" })
      ])
      assert.deepStrictEqual(tags(steps), [
        ["Warning work fiveHour", "Critical work cap:Fable"],
        ["Warning work fiveHour", "Critical work cap:Fable"]
      ])
    })

    it("a different account re-arms extra usage but keeps an open outage", () => {
      const { state, steps } = run([
        usage({ extra: extra(100, 5_000) }, { accountId: "acct-a" }),
        Thresholds.Observation.OutageOpened({ profile: work }),
        usage({ extra: extra(100, 5_000) }, { accountId: "acct-b" })
      ])
      assert.deepStrictEqual(tags(steps), [["ExtraUsageStarted work"], ["ApiUnreachable work"], ["ExtraUsageStarted work"]])
      assert.strictEqual(Thresholds.profileAlerts(state, work).outageOpen, true)
      assert.strictEqual(Thresholds.profileAlerts(state, work).accountId, "acct-b")
    })

    it("the same account, a missing account id, or a first account id keep the state", () => {
      const { state, steps } = run([
        usage({ fiveHour: 15 }),
        usage({ fiveHour: 15 }, { accountId: "acct-a" }),
        usage({ fiveHour: 15 }, { accountId: "acct-a" }),
        usage({ fiveHour: 15 })
      ])
      assert.deepStrictEqual(tags(steps), [["Warning work fiveHour"], [], [], []])
      assert.strictEqual(Thresholds.profileAlerts(state, work).accountId, "acct-a")
    })

    it("an account change on one profile leaves the others alone", () => {
      const { steps } = run([
        usage({ fiveHour: 15 }, { profile: home, accountId: "h" }),
        usage({ fiveHour: 15 }, { accountId: "a" }),
        usage({ fiveHour: 15 }, { accountId: "b" }),
        usage({ fiveHour: 15 }, { profile: home, accountId: "h" })
      ])
      assert.deepStrictEqual(tags(steps), [["Warning home fiveHour"], ["Warning work fiveHour"], ["Warning work fiveHour"], []])
    })
  })

  describe("properties", () => {
    const headroom = FastCheck.oneof(
      { weight: 1, arbitrary: FastCheck.constant(null) },
      { weight: 2, arbitrary: FastCheck.constantFrom(-1, 0, 4.99, 5, 5.01, 19.99, 20, 20.01) },
      { weight: 6, arbitrary: FastCheck.double({ min: -20, max: 100, noNaN: true }) }
    )

    it.prop("per episode each alert fires at most once, never at or above its threshold", {
      headrooms: FastCheck.array(headroom, { maxLength: 60 })
    }, ({ headrooms }) => {
      const { steps } = run(fiveHour(...headrooms))
      let fired = { Warning: 0, Critical: 0 }
      headrooms.forEach((h, i) => {
        if (h !== null && h >= settings.warningThreshold) fired = { Warning: 0, Critical: 0 }
        for (const alert of steps[i] ?? []) {
          assert(h !== null, "an unknown reading fired an alert")
          if (alert._tag === "Warning") {
            assert(h < settings.warningThreshold && h >= settings.criticalThreshold, `warning at ${h}`)
            fired.Warning++
          }
          if (alert._tag === "Critical") {
            assert(h < settings.criticalThreshold, `critical at ${h}`)
            fired.Critical++
          }
        }
        assert(fired.Warning <= 1 && fired.Critical <= 1, `fired twice in one episode at step ${i}`)
      })
    })

    it.prop("with thresholds changing at every step, alerts still respect the thresholds of that step", {
      steps: FastCheck.array(
        FastCheck.record({
          headroom: FastCheck.double({ min: -5, max: 60, noNaN: true }),
          warning: FastCheck.integer({ min: 6, max: 50 }),
          critical: FastCheck.integer({ min: 1, max: 49 })
        }).filter((s) => s.critical < s.warning),
        { maxLength: 40 }
      )
    }, ({ steps: script }) => {
      const perStep = script.map((s) => ({ ...settings, warningThreshold: s.warning, criticalThreshold: s.critical }))
      const { state, steps } = run(script.map((s) => usage({ fiveHour: s.headroom })), { settings: perStep })
      script.forEach((s, i) => {
        for (const alert of steps[i] ?? []) {
          if (alert._tag === "Warning") assert(s.headroom < s.warning && s.headroom >= s.critical)
          if (alert._tag === "Critical") assert(s.headroom < s.critical)
        }
      })
      const last = script[script.length - 1]
      if (last !== undefined) {
        const expected = last.headroom >= last.warning ? "armed" : last.headroom < last.critical ? "critical" : undefined
        if (expected !== undefined) assert.strictEqual(Thresholds.armOf(state, work, "fiveHour"), expected)
      }
    })

    it.prop("unknown readings never change the state", {
      headrooms: FastCheck.array(headroom, { maxLength: 20 })
    }, ({ headrooms }) => {
      const { state } = run(fiveHour(...headrooms))
      const [after, alerts] = Thresholds.reduce(state, usage({ fiveHour: null }), settings)
      assert(Equal.equals(after, state))
      assert.strictEqual(alerts.length, 0)
    })

    it.prop("within one month (cents never fall) each extra-usage alert fires at most once, in rising order", {
      increments: FastCheck.array(FastCheck.integer({ min: 0, max: 800 }), { maxLength: 30 }),
      limit: FastCheck.integer({ min: 0, max: 6_000 })
    }, ({ increments, limit }) => {
      let used = 0
      const observations = increments.map((step) => usage({ extra: extra((used += step), limit) }))
      const fired = run(observations).steps.flat().map(describeAlert)
      assert.strictEqual(new Set(fired).size, fired.length)
      const levels = fired.filter((t) => t.startsWith("ExtraUsageLevel")).map((t) => Number(t.split(" ")[2]))
      assert.deepStrictEqual(levels, [...levels].sort((a, b) => a - b))
      if (limit > 0 && used * 100 >= 50 * limit) assert(levels.length > 0, "the 50 % level never fired")
    })
  })
})

describe("Thresholds predictive alerts (SPEC §3)", () => {
  const minute = 60_000
  const hour = 60 * minute
  const resetA = 10 * hour
  const resetB = resetA + 5 * hour

  // A poll of the 5h window at `at` (ms) with `utilization`, resetting at `resetsAt`, and the
  // forecast's run-out time (`null`: it lasts).
  const poll = (at: number, utilization: number, resetsAt: number | null, runsOutAt: number | null, sevenDay?: number | null) =>
    Thresholds.Observation.Usage({
      profile: work,
      snapshot: new UsageSnapshot({
        profile: work,
        fetchedAt: at,
        source: "api",
        fiveHour: new UsageWindow({ utilization, resetsAt }),
        sevenDay: new UsageWindow({ utilization: 10, resetsAt: resetA + 100 * hour }),
        caps: [],
        extraUsage: null,
        tier: null
      }),
      runsOutAt: { fiveHour: runsOutAt, sevenDay: sevenDay ?? null }
    })

  it("fires once per window episode, and a reset re-arms it", () => {
    const t = resetA - 3 * hour
    const { steps } = run([
      poll(t, 20, resetA, null),
      poll(t + 3 * minute, 25, resetA, t + 90 * minute),
      poll(t + 6 * minute, 30, resetA, t + 80 * minute),
      poll(t + 9 * minute, 20, resetA, null),
      poll(t + 12 * minute, 40, resetA, t + 60 * minute),
      // The next window: a new reset time.
      poll(resetA + minute, 5, resetB, null),
      poll(resetA + 4 * minute, 30, resetB, resetA + 2 * hour)
    ])
    assert.deepStrictEqual(tags(steps), [[], ["Predicted work fiveHour"], [], [], [], [], ["Predicted work fiveHour"]])
  })

  it("needs at least 30 minutes of warning and a run-out before the reset", () => {
    const t = resetA - 2 * hour
    const { steps } = run([
      poll(t, 60, resetA, t + 29 * minute),
      poll(t + minute, 61, resetA, resetA + minute),
      poll(t + 2 * minute, 62, resetA, t + 30 * minute + 2 * minute)
    ])
    assert.deepStrictEqual(tags(steps), [[], [], ["Predicted work fiveHour"]])
  })

  it("re-arms when the reset time passes even if the API stops sending one", () => {
    const t = resetA - 2 * hour
    const { steps } = run([
      poll(t, 50, resetA, t + hour),
      poll(resetA + minute, 0, null, null),
      poll(resetA + 2 * hour, 40, null, resetA + 3 * hour)
    ])
    assert.deepStrictEqual(tags(steps), [["Predicted work fiveHour"], [], ["Predicted work fiveHour"]])
  })

  it("watches the 7-day window by its own forecast", () => {
    const t = resetA - 2 * hour
    const { state, steps } = run([poll(t, 10, resetA, null, t + 2 * 24 * hour)])
    assert.deepStrictEqual(tags(steps), [["Predicted work sevenDay"]])
    assert.isTrue(HashMap.has(Thresholds.profileAlerts(state, work).predicted, "sevenDay"))
  })

  it("stays silent when turned off, without replaying the episode when turned back on", () => {
    const t = resetA - 3 * hour
    const off = { ...settings, predictiveAlerts: false }
    const { steps } = run([
      poll(t, 30, resetA, t + hour),
      poll(t + 3 * minute, 32, resetA, t + hour)
    ], { settings: [off, settings] })
    assert.deepStrictEqual(tags(steps), [[], []])
  })
})
