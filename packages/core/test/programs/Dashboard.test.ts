import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as Preferences from "../../src/domain/Preferences.js"
import { ProfileName } from "../../src/domain/Profile.js"
import * as Dashboard from "../../src/programs/Dashboard.js"
import * as MonitorState from "../../src/programs/MonitorState.js"
import * as ProfileState from "../../src/programs/ProfileState.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as TestEnv from "./TestEnv.js"

const minute = 60_000
const hour = 60 * minute
const now = 10 * hour
const utc = { locale: "en-US", timeZone: "UTC" }

type Options = Fixtures.SnapshotOptions & {
  readonly connection?: ProfileState.ProfileState["connection"]
  readonly failures?: number
  readonly lastPollAt?: number | null
}

const view = (
  name: string,
  options: Options = {},
  schedule: { readonly nextPollAt: number | null; readonly polling: boolean } = { nextPollAt: now + 150_000, polling: false }
) =>
  MonitorState.viewOf(
    TestEnv.entry(name),
    {
      ...ProfileState.initial(ProfileName.make(name)),
      connection: options.connection ?? "connected",
      failures: options.failures ?? 0,
      lastPollAt: options.lastPollAt === undefined ? now - 12_000 : options.lastPollAt,
      snapshot: Fixtures.snapshot({ profile: name, fetchedAt: now - 12_000, ...options })
    },
    Preferences.defaults,
    schedule
  )

const monitor = (profiles: ReadonlyArray<MonitorState.ProfileView>, activeProfile = "default"): MonitorState.MonitorState => ({
  profiles,
  activeProfile: ProfileName.make(activeProfile),
  preferences: Preferences.defaults,
  error: null
})

describe("Dashboard", () => {
  it("shows the active profile's gauges, caps, extra usage, quotas and freshness", () => {
    const dashboard = Dashboard.make(
      monitor([
        view("default", {
          fiveHour: { utilization: 17, resetsAt: now + 2 * hour + 13 * minute },
          sevenDay: { utilization: 35, resetsAt: now + 3 * 24 * hour },
          caps: [{ label: "Fable", utilization: 63, resetsAt: null }],
          extraUsage: { enabled: true, usedCents: 1561, limitCents: 5000 },
          tier: "default_claude_max_20x"
        })
      ]),
      now,
      utc
    )
    assert.strictEqual(dashboard.plan, "Max 20x")
    assert.strictEqual(dashboard.title, "83%")
    assert.strictEqual(dashboard.fiveHour?.percent, "83%")
    assert.strictEqual(dashboard.fiveHour?.resetsIn, "resets in 2h 13m")
    assert.strictEqual(dashboard.sevenDay?.percent, "65%")
    assert.strictEqual(dashboard.quotasLeft, "4 × 5h left")
    assert.deepStrictEqual(dashboard.caps.map((cap) => [cap.label, cap.percent, cap.state]), [["Fable", "37%", "caution"]])
    assert.deepStrictEqual(dashboard.extraUsage, { text: "Extra usage $15.61 of $50.00 (31%)", percent: 31.22 })
    assert.deepStrictEqual(dashboard.status, {
      freshness: "Updated 12s ago",
      level: "fresh",
      message: null,
      schedule: "Next poll in 2m",
      backingOff: false
    })
  })

  it("lists every profile with its numbers, state symbol and the active one marked", () => {
    const dashboard = Dashboard.make(
      monitor([view("default", { fiveHour: 17 }), view("work", { fiveHour: 97, sevenDay: 50 })], "work"),
      now
    )
    assert.strictEqual(dashboard.profile, "work")
    assert.deepStrictEqual(
      dashboard.profiles.map((row) => [row.name, row.active, row.fiveHour, row.sevenDay, row.symbol, row.title]),
      [["default", false, "83%", "60%", "●", "83%"], ["work", true, "3%", "50%", "✖", "3%"]]
    )
    assert.strictEqual(dashboard.profiles[1]!.freshness, "12s ago")
    assert.deepStrictEqual(dashboard.profiles.map((row) => row.stateLabel), ["normal", "critical"])
  })

  it("keeps the numbers while rate limited and says from when, with the backoff schedule", () => {
    const dashboard = Dashboard.make(monitor([view("default", { fiveHour: 17, connection: "rate_limited", failures: 1 })]), now)
    assert.strictEqual(dashboard.fiveHour?.percent, "83%")
    assert.strictEqual(dashboard.status.message, "Rate limited — showing data from 12s ago")
    assert.strictEqual(dashboard.status.schedule, "Retrying in 2m")
    assert.isTrue(dashboard.status.backingOff)
  })

  it("shows no numbers when disconnected, only the problem and its fix", () => {
    const dashboard = Dashboard.make(monitor([view("default", { connection: "token_expired" })]), now)
    assert.strictEqual(dashboard.title, "—")
    assert.isNull(dashboard.fiveHour)
    assert.strictEqual(dashboard.status.message, "Token expired — run `claude` to log in again")
    assert.strictEqual(dashboard.profiles[0]!.fiveHour, "—")
    assert.strictEqual(dashboard.profiles[0]!.stateLabel, "token expired")
  })

  it("a profile before its first cycle is waiting, not disconnected", () => {
    const dashboard = Dashboard.make(monitor([view("default", { fiveHour: 17 }), view("work", { connection: "disconnected", lastPollAt: null })]), now)
    assert.deepStrictEqual(dashboard.profiles.map((row) => row.stateLabel), ["normal", "waiting"])
  })

  it("counts down to the later reset when both windows are exhausted", () => {
    const dashboard = Dashboard.make(
      monitor([view("default", { fiveHour: { utilization: 100, resetsAt: now + 3 * hour }, sevenDay: { utilization: 100, resetsAt: now + 20 * minute } })]),
      now
    )
    assert.strictEqual(dashboard.fiveHour?.state, "exhausted")
    assert.strictEqual(dashboard.sevenDay?.state, "exhausted")
    assert.match(dashboard.title, /↻/)
  })

  it("reports no problem before the first poll of a profile has run", () => {
    const dashboard = Dashboard.make(monitor([view("default", { connection: "disconnected", lastPollAt: null }, { nextPollAt: null, polling: true })]), now)
    assert.isNull(dashboard.status.message)
    assert.strictEqual(dashboard.status.schedule, "Polling…")
    const polled = Dashboard.make(monitor([view("default", { connection: "disconnected" })]), now)
    assert.strictEqual(polled.status.message, "Unable to reach Claude API — will retry")
  })

  it("says it is starting before any profile is known", () => {
    const dashboard = Dashboard.make(monitor([]), now)
    assert.strictEqual(dashboard.title, "—")
    assert.strictEqual(dashboard.status.schedule, "Polling…")
    assert.deepStrictEqual(dashboard.profiles, [])
  })

  it("is a Schema: what crosses a bridge decodes back to the same view", () => {
    const dashboard = Dashboard.make(monitor([view("default", { caps: [{ label: "Fable", utilization: 10 }] })]), now)
    const wire = JSON.parse(JSON.stringify(Schema.encodeSync(Dashboard.DashboardView)(dashboard)))
    assert.deepStrictEqual(Schema.decodeUnknownSync(Dashboard.DashboardView)(wire), dashboard)
  })
})
