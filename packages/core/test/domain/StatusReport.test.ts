import { assert, describe, it } from "@effect/vitest"
import { Option, Schema } from "effect"
import * as Credits from "../../src/domain/Credits.js"
import { ProfileName } from "../../src/domain/Profile.js"
import * as StatusReport from "../../src/domain/StatusReport.js"
import { ExtraUsage, extraUsagePercent, ModelCap, UsageSnapshot, UsageWindow } from "../../src/domain/Usage.js"

const defaultName = ProfileName.make("default")
const work = ProfileName.make("work")

// API.md A.1's example body, decoded by hand (tier from the credentials: Max 20x; the legacy
// `seven_day_sonnet` window and the `weekly_scoped` limit become caps; microseconds drop to ms).
const fetchedA1 = Date.parse("2026-08-12T01:27:00.000Z")
const a1Snapshot = new UsageSnapshot({
  profile: defaultName,
  fetchedAt: fetchedA1,
  source: "api",
  fiveHour: new UsageWindow({ utilization: 15, resetsAt: Date.parse("2026-08-12T03:40:00.059Z") }),
  sevenDay: new UsageWindow({ utilization: 67, resetsAt: Date.parse("2026-08-12T22:00:01.059Z") }),
  caps: [
    new ModelCap({ label: "Sonnet", utilization: 12, resetsAt: null }),
    new ModelCap({ label: "Fable", utilization: 63, resetsAt: Date.parse("2026-08-12T22:00:00.059Z") })
  ],
  extraUsage: new ExtraUsage({ enabled: true, usedCents: 1561, limitCents: 5000 }),
  tier: "default_claude_max_20x"
})

const profile = (overrides: Partial<StatusReport.ProfileInput> = {}): StatusReport.ProfileInput => ({
  name: defaultName,
  connection: "connected",
  snapshot: a1Snapshot,
  subscriptionType: "max",
  slope5h: "flat",
  slope7d: "flat",
  error: null,
  limits: Credits.limitsFor(a1Snapshot.tier),
  ...overrides
})

const report = (profiles: ReadonlyArray<StatusReport.ProfileInput>, generatedAt = fetchedA1) =>
  StatusReport.make({ generatedAt, activeProfile: defaultName, profiles })

const firstProfile = (doc: StatusReport.StatusReport) => {
  const first = doc.profiles[0]
  if (first === undefined) throw new Error("no profile in the report")
  return first
}

describe("StatusReport.make", () => {
  it("the API.md A.1 body becomes the full B.2 document, byte for byte", () => {
    const expected = {
      generatedAt: "2026-08-12T01:27:00.000Z",
      activeProfile: "default",
      profiles: [
        {
          name: "default",
          connection: "connected",
          fetchedAt: "2026-08-12T01:27:00.000Z",
          subscription: { type: "max", tier: "default_claude_max_20x" },
          windows: {
            fiveHour: {
              utilization: 15,
              headroom: 85,
              state: "normal",
              slope: "flat",
              resetsAt: "2026-08-12T03:40:00.059Z",
              resetsIn: "2h 13m",
              // 2h 47m of 5h gone: an even burn would be at 55.7 %.
              pace: { delta: -40.7, runsOutAt: null },
              limitIn: null
            },
            sevenDay: {
              utilization: 67,
              headroom: 33,
              state: "caution",
              slope: "flat",
              resetsAt: "2026-08-12T22:00:01.059Z",
              resetsIn: "20h 33m",
              pace: { delta: -20.8, runsOutAt: null },
              limitIn: null,
              // 33% of 83,333,300 credits = 27,499,989 = 2.499999 quotas of 11,000,000, unrounded.
              quotasLeft: 2.499999
            }
          },
          caps: [
            { label: "Sonnet", utilization: 12, headroom: 88, state: "normal", resetsAt: null },
            { label: "Fable", utilization: 63, headroom: 37, state: "caution", resetsAt: "2026-08-12T22:00:00.059Z" }
          ],
          extraUsage: { enabled: true, usedCents: 1561, limitCents: 5000, percent: 31.22 },
          binding: "fiveHour",
          menuTitle: "85%",
          error: null
        }
      ]
    }
    assert.strictEqual(JSON.stringify(report([profile()])), JSON.stringify(expected))
  })

  it("the API.md B.2 example document (quotasLeft unrounded)", () => {
    const generatedAt = Date.parse("2026-11-22T16:00:00.000Z")
    const snapshot = new UsageSnapshot({
      ...a1Snapshot,
      fetchedAt: generatedAt,
      fiveHour: new UsageWindow({ utilization: 17, resetsAt: Date.parse("2026-11-22T18:13:00.000Z") }),
      sevenDay: new UsageWindow({ utilization: 35, resetsAt: Date.parse("2026-11-25T09:00:00.000Z") }),
      caps: [new ModelCap({ label: "Fable", utilization: 63, resetsAt: Date.parse("2026-11-29T09:00:00.000Z") })]
    })
    const json = JSON.stringify(report([profile({ snapshot })], generatedAt))
    const expected = "{\"generatedAt\":\"2026-11-22T16:00:00.000Z\",\"activeProfile\":\"default\",\"profiles\":[{" +
      "\"name\":\"default\",\"connection\":\"connected\",\"fetchedAt\":\"2026-11-22T16:00:00.000Z\"," +
      "\"subscription\":{\"type\":\"max\",\"tier\":\"default_claude_max_20x\"}," +
      "\"windows\":{\"fiveHour\":{\"utilization\":17,\"headroom\":83,\"state\":\"normal\",\"slope\":\"flat\"," +
      "\"resetsAt\":\"2026-11-22T18:13:00.000Z\",\"resetsIn\":\"2h 13m\",\"pace\":{\"delta\":-38.7,\"runsOutAt\":null},\"limitIn\":null}," +
      "\"sevenDay\":{\"utilization\":35,\"headroom\":65,\"state\":\"normal\",\"slope\":\"flat\"," +
      "\"resetsAt\":\"2026-11-25T09:00:00.000Z\",\"resetsIn\":\"2d 17h\",\"pace\":{\"delta\":-26.3,\"runsOutAt\":null},\"limitIn\":null,\"quotasLeft\":4.924240454545455}}," +
      "\"caps\":[{\"label\":\"Fable\",\"utilization\":63,\"headroom\":37,\"state\":\"caution\",\"resetsAt\":\"2026-11-29T09:00:00.000Z\"}]," +
      "\"extraUsage\":{\"enabled\":true,\"usedCents\":1561,\"limitCents\":5000,\"percent\":31.22}," +
      "\"binding\":\"fiveHour\",\"menuTitle\":\"83%\",\"error\":null}]}"
    assert.strictEqual(json, expected)
  })

  it("keys come in API.md B.2 order at every level", () => {
    const doc = report([profile()])
    const entry = firstProfile(doc)
    assert.deepStrictEqual(Object.keys(doc), ["generatedAt", "activeProfile", "profiles"])
    assert.deepStrictEqual(Object.keys(entry), [
      "name", "connection", "fetchedAt", "subscription", "windows", "caps", "extraUsage", "binding", "menuTitle", "error"
    ])
    assert.deepStrictEqual(Object.keys(entry.windows.fiveHour ?? {}), [
      "utilization", "headroom", "state", "slope", "resetsAt", "resetsIn", "pace", "limitIn"
    ])
    assert.deepStrictEqual(Object.keys(entry.windows.sevenDay ?? {}), [
      "utilization", "headroom", "state", "slope", "resetsAt", "resetsIn", "pace", "limitIn", "quotasLeft"
    ])
    assert.deepStrictEqual(Object.keys(entry.caps[0] ?? {}), ["label", "utilization", "headroom", "state", "resetsAt"])
    assert.deepStrictEqual(Object.keys(entry.extraUsage ?? {}), ["enabled", "usedCents", "limitCents", "percent"])
  })

  it("the document round-trips through its Schema with keys unchanged", () => {
    const doc = report([profile(), profile({ name: work, snapshot: null, connection: "no_credentials" })])
    const encoded = Schema.encodeSync(StatusReport.StatusReport)(doc)
    assert.strictEqual(JSON.stringify(encoded), JSON.stringify(doc))
    const decoded = Schema.decodeUnknownSync(StatusReport.StatusReport)(JSON.parse(JSON.stringify(doc)))
    assert.strictEqual(JSON.stringify(decoded), JSON.stringify(doc))
  })

  it("windows the API did not send are null; no extra usage is null", () => {
    const snapshot = new UsageSnapshot({ ...a1Snapshot, fiveHour: null, sevenDay: null, caps: [], extraUsage: null })
    const entry = firstProfile(report([profile({ snapshot })]))
    assert.deepStrictEqual(entry.windows, { fiveHour: null, sevenDay: null })
    assert.deepStrictEqual(entry.caps, [])
    assert.isNull(entry.extraUsage)
    assert.strictEqual(entry.menuTitle, "—")
  })

  it("a fast 5h burn carries its limit and its run-out time before the reset (API.md B.2)", () => {
    const resetsAt = fetchedA1 + 3 * 3_600_000
    // 2 of 5 hours gone (40 %), 80 % used, burning 0.5 %/min: 20 % left lasts 40 minutes.
    const snapshot = new UsageSnapshot({ ...a1Snapshot, fiveHour: new UsageWindow({ utilization: 80, resetsAt }) })
    const entry = firstProfile(report([profile({ snapshot, slope5h: "rising", rate5h: 0.5 })]))
    const window = entry.windows.fiveHour!
    assert.strictEqual(window.limitIn, "40m")
    assert.closeTo(window.pace!.delta, 40, 0.05)
    // The average rate (40 %/h) reaches 100 % after 2.5 h: 30 minutes from now, 2.5 h before the reset.
    assert.strictEqual(window.pace!.runsOutAt, new Date(fetchedA1 + 30 * 60_000).toISOString())
    assert.isBelow(Date.parse(window.pace!.runsOutAt!), Date.parse(window.resetsAt!))
  })

  it("a window with unknown utilization stays, with null numbers and state disconnected", () => {
    const resetsAt = fetchedA1 + 47 * 60_000
    const snapshot = new UsageSnapshot({ ...a1Snapshot, fiveHour: new UsageWindow({ utilization: null, resetsAt }) })
    const entry = firstProfile(report([profile({ snapshot, slope5h: "rising" })]))
    assert.strictEqual(
      JSON.stringify(entry.windows.fiveHour),
      JSON.stringify({
        utilization: null,
        headroom: null,
        state: "disconnected",
        slope: "rising",
        resetsAt: "2026-08-12T02:14:00.000Z",
        resetsIn: "47m",
        pace: null,
        limitIn: null
      })
    )
    assert.strictEqual(entry.binding, "sevenDay")
    assert.strictEqual(entry.menuTitle, "7d 33%")
  })

  it("an unknown 7-day utilization has no quotasLeft", () => {
    const snapshot = new UsageSnapshot({ ...a1Snapshot, sevenDay: new UsageWindow({ utilization: null, resetsAt: null }) })
    const sevenDay = firstProfile(report([profile({ snapshot })])).windows.sevenDay
    assert.isNull(sevenDay?.quotasLeft)
    assert.strictEqual(sevenDay?.state, "disconnected")
    assert.isNull(sevenDay?.resetsIn)
  })

  it("an unknown tier gives quotasLeft null while percentages keep working", () => {
    const snapshot = new UsageSnapshot({ ...a1Snapshot, tier: "default_claude_team" })
    const entry = firstProfile(report([profile({ snapshot, limits: Credits.limitsFor(snapshot.tier) })]))
    assert.isNull(entry.windows.sevenDay?.quotasLeft)
    assert.strictEqual(entry.windows.sevenDay?.headroom, 33)
    assert.deepStrictEqual(entry.subscription, { type: "max", tier: "default_claude_team" })
  })

  it("custom limits give quotasLeft for an unknown tier", () => {
    const limits = Option.some(new Credits.CreditLimits({ fiveHour: 1_000, sevenDay: 10_000 }))
    const entry = firstProfile(report([profile({ limits })]))
    // 33% of 10,000 = 3,300 credits = 3.3 quotas of 1,000.
    assert.closeTo(entry.windows.sevenDay?.quotasLeft ?? Number.NaN, 3.3, 1e-9)
  })

  it("the 7-day window binds when it leaves less than one 5h quota", () => {
    const snapshot = new UsageSnapshot({ ...a1Snapshot, sevenDay: new UsageWindow({ utilization: 88, resetsAt: null }) })
    const entry = firstProfile(report([profile({ snapshot, slope7d: "rising" })]))
    assert.strictEqual(entry.binding, "sevenDay")
    assert.strictEqual(entry.menuTitle, "7d 12% ↗")
    assert.isBelow(entry.windows.sevenDay?.quotasLeft ?? Number.NaN, 1)
  })

  it("past resets count down to 0m; over-limit usage has negative headroom and state exhausted", () => {
    const snapshot = new UsageSnapshot({
      ...a1Snapshot,
      fiveHour: new UsageWindow({ utilization: 104, resetsAt: fetchedA1 - 1 })
    })
    const fiveHour = firstProfile(report([profile({ snapshot })])).windows.fiveHour
    assert.strictEqual(fiveHour?.headroom, -4)
    assert.strictEqual(fiveHour?.state, "exhausted")
    assert.strictEqual(fiveHour?.resetsIn, "0m")
  })

  it("countdowns are measured from generatedAt, not fetchedAt", () => {
    const entry = firstProfile(report([profile()], fetchedA1 + 13 * 60_000))
    assert.strictEqual(entry.windows.fiveHour?.resetsIn, "2h 0m")
    assert.strictEqual(entry.fetchedAt, "2026-08-12T01:27:00.000Z")
  })

  it("no credentials: no data, a title of —, and the error", () => {
    const error = { code: "no_credentials", message: "No Claude credentials found — run `claude` to log in" }
    const entry = firstProfile(
      report([profile({ connection: "no_credentials", snapshot: null, subscriptionType: null, error, limits: Option.none() })])
    )
    assert.strictEqual(
      JSON.stringify(entry),
      JSON.stringify({
        name: "default",
        connection: "no_credentials",
        fetchedAt: null,
        subscription: { type: null, tier: null },
        windows: { fiveHour: null, sevenDay: null },
        caps: [],
        extraUsage: null,
        binding: "fiveHour",
        menuTitle: "—",
        error
      })
    )
  })

  it("stored data stays in the document while disconnected; only the title turns to —", () => {
    const entry = firstProfile(report([profile({ connection: "disconnected" })]))
    assert.strictEqual(entry.windows.fiveHour?.utilization, 15)
    assert.strictEqual(entry.menuTitle, "—")
    const limited = firstProfile(report([profile({ connection: "rate_limited" })]))
    assert.strictEqual(limited.menuTitle, "85%")
  })

  it("several profiles keep their order and the active profile", () => {
    const doc = StatusReport.make({
      generatedAt: fetchedA1,
      activeProfile: work,
      profiles: [profile(), profile({ name: work, connection: "token_expired" })]
    })
    assert.strictEqual(doc.activeProfile, "work")
    assert.deepStrictEqual(doc.profiles.map((p) => [p.name, p.connection]), [["default", "connected"], ["work", "token_expired"]])
  })
})

describe("extraUsagePercent in the report", () => {
  const cents = (usedCents: number | null, limitCents: number | null) =>
    extraUsagePercent(new ExtraUsage({ enabled: true, usedCents, limitCents }))

  it("is computed from cents, never from the API's utilization", () => {
    assert.strictEqual(cents(1561, 5000), 31.22)
    assert.strictEqual(cents(0, 5000), 0)
    assert.strictEqual(cents(6000, 5000), 120)
  })

  it("is null when either amount is unknown or the limit is zero", () => {
    assert.isNull(cents(null, 5000))
    assert.isNull(cents(1561, null))
    assert.isNull(cents(1561, 0))
  })

  it("an enabled extra usage without a limit reports percent null", () => {
    const snapshot = new UsageSnapshot({
      ...a1Snapshot,
      extraUsage: new ExtraUsage({ enabled: true, usedCents: 200, limitCents: null })
    })
    assert.deepStrictEqual(firstProfile(report([profile({ snapshot })])).extraUsage, {
      enabled: true,
      usedCents: 200,
      limitCents: null,
      percent: null
    })
  })
})
