import { Usage, UsageHistory } from "@cchdrm/core"
import * as Profile from "@cchdrm/core/domain/Profile"
import { assert, describe, it, layer } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect, Layer, Option } from "effect"
import * as Storage from "../src/index.js"
import { tempFile } from "./TempDatabase.js"

const hour = 3_600_000
const day = 24 * hour
const t0 = Date.UTC(2026, 10, 1)

const snapshot = (profile: string, fetchedAt: number, fiveHour: number, resetsAt: number, sevenDay = 40) =>
  new Usage.UsageSnapshot({
    profile: Profile.ProfileName.make(profile),
    fetchedAt,
    source: "api",
    fiveHour: new Usage.UsageWindow({ utilization: fiveHour, resetsAt }),
    sevenDay: new Usage.UsageWindow({ utilization: sevenDay, resetsAt: t0 + 7 * day }),
    caps: [new Usage.ModelCap({ label: "Opus", utilization: 12, resetsAt: null })],
    extraUsage: new Usage.ExtraUsage({ enabled: true, usedCents: 150, limitCents: null }),
    tier: "default_claude_max_20x"
  })

const TempHistory = Layer.unwrapScoped(Effect.map(tempFile, (filename) => Storage.layerSqlite({ filename })))

layer(TempHistory)("SqlUsageHistory", (it) => {
  it.effect("round-trips a snapshot, including null windows and extra usage", () =>
    Effect.gen(function*() {
      const history = yield* UsageHistory.UsageHistory
      const full = snapshot("roundtrip", t0, 17, t0 + 2 * hour)
      const sparse = new Usage.UsageSnapshot({ ...full, fetchedAt: t0 + 1, fiveHour: null, extraUsage: null, caps: [], tier: null })
      yield* history.record(full)
      yield* history.record(sparse)
      const polls = yield* history.polls(full.profile, t0, t0 + 2)
      assert.deepStrictEqual(polls, [full, sparse])
      assert.deepStrictEqual(Option.getOrThrow(yield* history.latest(full.profile)), sparse)
      assert.isTrue(Option.isNone(yield* history.latest(Profile.ProfileName.make("nobody"))))
    }))

  it.effect("recording the same profile and time twice keeps one row", () =>
    Effect.gen(function*() {
      const history = yield* UsageHistory.UsageHistory
      const poll = snapshot("idem", t0, 10, t0 + 2 * hour)
      yield* history.record(poll)
      yield* history.record(new Usage.UsageSnapshot({ ...poll, tier: "other" }))
      const polls = yield* history.polls(poll.profile, 0, t0 + day)
      assert.strictEqual(polls.length, 1)
      assert.strictEqual(polls[0]?.tier, "default_claude_max_20x")
    }))

  it.effect("detects a reset on insert, once, with the peak of the 5 hours before", () =>
    Effect.gen(function*() {
      const history = yield* UsageHistory.UsageHistory
      const name = "reset"
      yield* history.record(snapshot(name, t0, 30, t0 + 3 * hour))
      yield* history.record(snapshot(name, t0 + hour, 80, t0 + 3 * hour))
      const first = yield* history.record(snapshot(name, t0 + 2 * hour, 70, t0 + 3 * hour))
      assert.isTrue(Option.isNone(first.reset))
      const reset = yield* history.record(snapshot(name, t0 + 3 * hour + 60_000, 2, t0 + 8 * hour))
      const event = Option.getOrThrow(reset.reset)
      assert.strictEqual(event.at, t0 + 3 * hour + 60_000)
      assert.strictEqual(event.peak5h, 80)
      assert.strictEqual(event.sevenDayUtilization, 40)
      // Replaying the same poll records nothing new.
      const again = yield* history.record(snapshot(name, t0 + 3 * hour + 60_000, 2, t0 + 8 * hour))
      assert.isTrue(Option.isNone(again.reset))
      const resets = yield* history.resets(Profile.ProfileName.make(name), 0, t0 + day)
      assert.deepStrictEqual(resets, [event])
    }))

  it.effect("opens one outage at a time and closes it", () =>
    Effect.gen(function*() {
      const history = yield* UsageHistory.UsageHistory
      const name = Profile.ProfileName.make("outage")
      yield* history.record(snapshot(name, t0, 10, t0 + 2 * hour))
      yield* history.openOutage(name, t0 + 1_000, "timeout")
      yield* history.openOutage(name, t0 + 2_000, "timeout again")
      yield* history.closeOutage(name, t0 + 5_000)
      const series = yield* history.series(name, { from: t0, to: t0 + hour, gapThreshold: 15 * 60_000 })
      assert.deepStrictEqual(series.outages.map((o) => [o.startedAt, o.endedAt, o.reason]), [[t0 + 1_000, t0 + 5_000, "timeout"]])
      assert.include(yield* history.profiles, name)
    }))

  it.effect("maintain rolls old polls into buckets idempotently and series reports gaps", () =>
    Effect.gen(function*() {
      const history = yield* UsageHistory.UsageHistory
      const name = Profile.ProfileName.make("rollup")
      // Polls every 5 minutes for 2 hours, then nothing for 3 hours, then one more.
      for (let i = 0; i < 24; i++) yield* history.record(snapshot(name, t0 + i * 300_000, i, t0 + 4 * hour))
      yield* history.record(snapshot(name, t0 + 5 * hour, 50, t0 + 4 * hour + 30_000))
      const now = t0 + 3 * day
      yield* history.maintain({ now, retentionDays: 365 })
      const once = yield* history.series(name, { from: t0, to: now, gapThreshold: 15 * 60_000 })
      yield* history.maintain({ now, retentionDays: 365 })
      const twice = yield* history.series(name, { from: t0, to: now, gapThreshold: 15 * 60_000 })
      assert.deepStrictEqual(twice, once)
      assert.strictEqual((yield* history.polls(name, 0, now)).length, 0)
      assert.isTrue(once.points.every((p) => p.resolution === "5min"))
      assert.strictEqual(once.points.length, 25)
      assert.strictEqual(once.points[23]?.fiveHourPeak, 23)
      assert.deepStrictEqual(once.gaps.map((g) => [g.from, g.to]), [[t0 + 23 * 300_000, t0 + 5 * hour], [t0 + 5 * hour, now]])
      // Past the 30-day retention nothing is left.
      yield* history.maintain({ now: t0 + 40 * day, retentionDays: 30 })
      const pruned = yield* history.series(name, { from: 0, to: t0 + 40 * day, gapThreshold: 15 * 60_000 })
      assert.strictEqual(pruned.points.length, 0)
    }))

  it.effect("promotes 5-minute buckets to hourly and daily as they age", () =>
    Effect.gen(function*() {
      const history = yield* UsageHistory.UsageHistory
      const name = Profile.ProfileName.make("aging")
      for (let i = 0; i < 12; i++) yield* history.record(snapshot(name, t0 + i * 300_000, 10 + i, t0 + 4 * hour))
      yield* history.maintain({ now: t0 + 2 * day, retentionDays: 365 })
      yield* history.maintain({ now: t0 + 10 * day, retentionDays: 365 })
      const hourly = yield* history.series(name, { from: 0, to: t0 + 10 * day, gapThreshold: 15 * 60_000 })
      assert.deepStrictEqual(hourly.points.map((p) => [p.resolution, p.fiveHourMin, p.fiveHourPeak]), [["hourly", 10, 21]])
      assert.strictEqual(hourly.points[0]?.fiveHour, 15.5)
      yield* history.maintain({ now: t0 + 40 * day, retentionDays: 365 })
      const daily = yield* history.series(name, { from: 0, to: t0 + 40 * day, gapThreshold: 15 * 60_000 })
      assert.deepStrictEqual(daily.points.map((p) => [p.resolution, p.at, p.fiveHour]), [["daily", t0, 15.5]])
    }))

  it.effect("series refuses a damaged row with a HistoryError instead of drawing a wrong point", () =>
    Effect.gen(function*() {
      const history = yield* UsageHistory.UsageHistory
      const sql = yield* SqlClient.SqlClient
      const name = Profile.ProfileName.make("damaged")
      for (let i = 0; i < 4; i++) yield* history.record(snapshot(name, t0 + i * 300_000, i, t0 + 4 * hour))
      yield* history.maintain({ now: t0 + 2 * day, retentionDays: 365 })
      yield* history.record(snapshot(name, t0 + 2 * day, 9, t0 + 2 * day + hour))
      const range = { from: 0, to: t0 + 3 * day, gapThreshold: 15 * 60_000 }
      assert.deepStrictEqual((yield* history.series(name, range)).points.map((p) => [p.resolution, p.fiveHourPeak]), [["5min", 0], ["5min", 1], ["5min", 2], ["5min", 3], ["raw", 9]])

      yield* sql`UPDATE usage_polls SET five_hour_util = 'lots' WHERE profile_id = ${name}`
      assert.strictEqual((yield* Effect.flip(history.series(name, range)))._tag, "HistoryError")
      yield* sql`UPDATE usage_polls SET five_hour_util = 9 WHERE profile_id = ${name}`
      yield* sql`UPDATE usage_rollups SET resolution = 'weekly' WHERE profile_id = ${name}`
      assert.strictEqual((yield* Effect.flip(history.series(name, range)))._tag, "HistoryError")
    }))

  it.effect("resets refuses a damaged reset row with a HistoryError", () =>
    Effect.gen(function*() {
      const history = yield* UsageHistory.UsageHistory
      const sql = yield* SqlClient.SqlClient
      const name = Profile.ProfileName.make("damaged-reset")
      yield* history.record(snapshot(name, t0, 30, t0 + 3 * hour))
      yield* history.record(snapshot(name, t0 + 3 * hour + 60_000, 2, t0 + 8 * hour))
      assert.strictEqual((yield* history.resets(name, 0, t0 + day)).length, 1)
      yield* sql`UPDATE reset_events SET peak_5h = 'high' WHERE profile_id = ${name}`
      assert.strictEqual((yield* Effect.flip(history.resets(name, 0, t0 + day)))._tag, "HistoryError")
    }))
})

describe("SqlUsageHistory.clear", () => {
  it.scoped("deletes all history", () =>
    Effect.gen(function*() {
      const filename = yield* tempFile
      const history = yield* Effect.provide(UsageHistory.UsageHistory, yield* Layer.build(Storage.layerSqlite({ filename })))
      yield* history.record(snapshot("gone", t0, 1, t0 + hour))
      yield* history.clear
      assert.deepStrictEqual(yield* history.profiles, [])
    }))
})
