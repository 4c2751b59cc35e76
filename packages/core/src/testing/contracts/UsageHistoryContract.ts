// The UsageHistory contract: what every history implementation (memory, SQLite, …) must do (SPEC §2, §4).
import { assert, layer } from "@effect/vitest"
import { Effect, Option } from "effect"
import type { Layer } from "effect"
import * as Credits from "../../domain/Credits.js"
import { ProfileName } from "../../domain/Profile.js"
import * as Rollup from "../../domain/Rollup.js"
import { UsageHistory } from "../../services/UsageHistory.js"
import * as Fixtures from "../Fixtures.js"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
/** A day-aligned instant, so every bucket size divides it. */
const t0 = Date.UTC(2026, 0, 10)
const p = (name: string) => ProfileName.make(`contract-${name}`)

/** A poll of `profile` at `at` with the given 5h utilization and 5h reset time. */
const poll = (profile: ProfileName, at: number, fiveHour: number, resetsAt: number | null = t0 + 5 * hour) =>
  Fixtures.snapshot({
    profile,
    fetchedAt: at,
    fiveHour: { utilization: fiveHour, resetsAt },
    sevenDay: { utilization: 30, resetsAt: t0 + 6 * day },
    tier: "default_claude_max_5x"
  })

/**
 * Runs the UsageHistory contract against `impl`, which must start empty. Tests share the layer,
 * so each uses its own profile.
 */
export const UsageHistoryContract = (name: string, impl: Layer.Layer<UsageHistory, unknown>) =>
  layer(impl)(`UsageHistory contract: ${name}`, (it) => {
    it.effect("latest is None for a profile without history", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        assert.isTrue(Option.isNone(yield* history.latest(p("none"))))
      }))

    it.effect("latest returns the newest snapshot, whatever the recording order", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("latest")
        yield* history.record(poll(profile, t0 + 2 * minute, 20))
        yield* history.record(poll(profile, t0 + 4 * minute, 22))
        yield* history.record(poll(profile, t0 + 3 * minute, 21))
        const latest = Option.getOrThrow(yield* history.latest(profile))
        assert.strictEqual(latest.fetchedAt, t0 + 4 * minute)
        assert.strictEqual(latest.fiveHour?.utilization, 22)
      }))

    it.effect("a snapshot round-trips with its windows, caps, extra usage, source and tier", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const snapshot = Fixtures.snapshot({
          profile: p("roundtrip"),
          fetchedAt: t0,
          source: "statusline",
          fiveHour: { utilization: 12.5, resetsAt: t0 + 2 * hour },
          sevenDay: { utilization: 33.5, resetsAt: null },
          caps: [{ label: "Opus", utilization: 61, resetsAt: t0 + 3 * day }],
          extraUsage: { enabled: true, usedCents: 1234, limitCents: 5000 },
          tier: "default_claude_pro"
        })
        yield* history.record(snapshot)
        assert.deepStrictEqual(Option.getOrThrow(yield* history.latest(p("roundtrip"))), snapshot)
      }))

    it.effect("a window the API did not send stays null", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const snapshot = Fixtures.snapshot({ profile: p("nulls"), fetchedAt: t0, sevenDay: null, tier: null })
        yield* history.record(snapshot)
        const stored = Option.getOrThrow(yield* history.latest(p("nulls")))
        assert.isNull(stored.sevenDay)
        assert.isNull(stored.tier)
        assert.strictEqual(stored.fiveHour?.utilization, snapshot.fiveHour?.utilization)
      }))

    it.effect("recording the same profile and timestamp again keeps one row and no reset", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("idempotent")
        yield* history.record(poll(profile, t0, 40))
        const moved = poll(profile, t0 + 5 * minute, 5, t0 + 10 * hour)
        const first = yield* history.record(moved)
        const again = yield* history.record(moved)
        assert.isTrue(Option.isSome(first.reset))
        assert.isTrue(Option.isNone(again.reset))
        assert.strictEqual((yield* history.polls(profile, 0, t0 + day)).length, 2)
        assert.strictEqual((yield* history.resets(profile, 0, t0 + day)).length, 1)
      }))

    it.effect("polls returns [from, to), oldest first, of that profile only", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("range")
        for (const offset of [3, 0, 1, 2]) yield* history.record(poll(profile, t0 + offset * minute, 10 + offset))
        yield* history.record(poll(p("range-other"), t0 + minute, 99))
        const polls = yield* history.polls(profile, t0 + minute, t0 + 3 * minute)
        assert.deepStrictEqual(polls.map((s) => s.fetchedAt), [t0 + minute, t0 + 2 * minute])
        assert.deepStrictEqual(polls.map((s) => s.fiveHour?.utilization), [11, 12])
        assert.strictEqual((yield* history.polls(profile, 0, t0 + day)).length, 4)
      }))

    it.effect("the first poll of a profile is never a reset", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const recorded = yield* history.record(poll(p("first"), t0, 0, t0 + 5 * hour))
        assert.isTrue(Option.isNone(recorded.reset))
      }))

    it.effect("a 5h resets_at move of more than 60 s is a reset, with the peak, 7d and credits", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("reset")
        yield* history.record(poll(profile, t0 - 2 * hour, 60))
        yield* history.record(poll(profile, t0 - hour, 80))
        yield* history.record(poll(profile, t0 - 5 * minute, 70))
        const recorded = yield* history.record(poll(profile, t0, 2, t0 + 5 * hour + 61_000))
        const event = Option.getOrThrow(recorded.reset)
        assert.strictEqual(event.profile, profile)
        assert.strictEqual(event.at, t0)
        assert.strictEqual(event.peak5h, 80)
        assert.strictEqual(event.sevenDayUtilization, 30)
        assert.strictEqual(event.tier, "default_claude_max_5x")
        const limits = Option.getOrThrow(Credits.limitsFor("default_claude_max_5x"))
        const expected = Credits.breakdown(80, 30, limits)
        assert.closeTo(event.unusedCredits ?? NaN, expected.unusedCredits, 1e-6)
        assert.closeTo(event.usedCredits ?? NaN, expected.usedCredits, 1e-6)
        const stored = yield* history.resets(profile, 0, t0 + day)
        assert.deepStrictEqual(stored.map((e) => e.at), [t0])
      }))

    it.effect("a resets_at jitter of up to 60 s is not a reset", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("jitter")
        yield* history.record(poll(profile, t0, 50, t0 + 5 * hour))
        const a = yield* history.record(poll(profile, t0 + 3 * minute, 51, t0 + 5 * hour + 60_000))
        const b = yield* history.record(poll(profile, t0 + 6 * minute, 52, t0 + 5 * hour + 1_000))
        assert.isTrue(Option.isNone(a.reset))
        assert.isTrue(Option.isNone(b.reset))
        assert.strictEqual((yield* history.resets(profile, 0, t0 + day)).length, 0)
      }))

    it.effect("without resets_at, a drop of at least 50 points is a reset", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("drop")
        yield* history.record(poll(profile, t0, 70, null))
        const small = yield* history.record(poll(profile, t0 + 3 * minute, 21, null))
        assert.isTrue(Option.isNone(small.reset))
        yield* history.record(poll(profile, t0 + 6 * minute, 71, null))
        const big = yield* history.record(poll(profile, t0 + 9 * minute, 21, null))
        assert.strictEqual(Option.getOrThrow(big.reset).at, t0 + 9 * minute)
      }))

    it.effect("at most one reset event per profile per 4 hours", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("cooldown")
        const resetsAt = [t0 + hour, t0 + 2 * hour, t0 + 3 * hour, t0 + 6 * hour]
        yield* history.record(poll(profile, t0 - 10 * minute, 50, t0))
        const first = yield* history.record(poll(profile, t0, 1, resetsAt[0]))
        const soon = yield* history.record(poll(profile, t0 + hour, 1, resetsAt[1]))
        const almost = yield* history.record(poll(profile, t0 + 4 * hour - 1, 1, resetsAt[2]))
        const later = yield* history.record(poll(profile, t0 + 4 * hour, 1, resetsAt[3]))
        assert.isTrue(Option.isSome(first.reset))
        assert.isTrue(Option.isNone(soon.reset))
        assert.isTrue(Option.isNone(almost.reset))
        assert.isTrue(Option.isSome(later.reset))
        const events = yield* history.resets(profile, 0, t0 + day)
        assert.deepStrictEqual(events.map((e) => e.at), [t0, t0 + 4 * hour])
      }))

    it.effect("resets returns [from, to), oldest first", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("reset-range")
        yield* history.record(poll(profile, t0, 50, t0 + hour))
        yield* history.record(poll(profile, t0 + hour, 1, t0 + 6 * hour))
        yield* history.record(poll(profile, t0 + 6 * hour, 1, t0 + 11 * hour))
        assert.deepStrictEqual((yield* history.resets(profile, t0, t0 + day)).map((e) => e.at), [t0 + hour, t0 + 6 * hour])
        assert.deepStrictEqual((yield* history.resets(profile, t0 + hour + 1, t0 + 6 * hour)).map((e) => e.at), [])
        assert.deepStrictEqual((yield* history.resets(profile, t0 + hour, t0 + hour + 1)).map((e) => e.at), [t0 + hour])
        assert.strictEqual((yield* history.resets(p("reset-range-other"), 0, t0 + day)).length, 0)
      }))

    it.effect("series returns the last 24 h as raw points, oldest first, with explicit gaps", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("series-raw")
        const to = t0 + day
        for (const at of [to - 3 * hour, to - 3 * hour + 3 * minute, to - 3 * hour + 6 * minute, to - hour]) {
          yield* history.record(poll(profile, at, 10))
        }
        const series = yield* history.series(profile, { from: to - day, to, gapThreshold: 15 * minute })
        assert.strictEqual(series.profile, profile)
        assert.deepStrictEqual([series.from, series.to], [to - day, to])
        assert.deepStrictEqual(series.points.map((point) => point.at), [to - 3 * hour, to - 3 * hour + 3 * minute, to - 3 * hour + 6 * minute, to - hour])
        assert.isTrue(series.points.every((point) => point.resolution === "raw" && point.fiveHour === 10 && point.sevenDay === 30))
        assert.deepStrictEqual(series.gaps.map((gap) => [gap.from, gap.to]), [
          [to - day, to - 3 * hour],
          [to - 3 * hour + 6 * minute, to - hour],
          [to - hour, to]
        ])
      }))

    it.effect("a gap exactly as long as the threshold is no gap", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("series-threshold")
        const from = t0
        for (const at of [from, from + 15 * minute, from + 30 * minute]) yield* history.record(poll(profile, at, 10))
        const series = yield* history.series(profile, { from, to: from + 30 * minute, gapThreshold: 15 * minute })
        assert.strictEqual(series.points.length, 2)
        assert.deepStrictEqual(series.gaps, [])
      }))

    it.effect("series of a profile without data is one gap over the whole range", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const series = yield* history.series(p("series-empty"), { from: t0, to: t0 + day, gapThreshold: 15 * minute })
        assert.deepStrictEqual(series.points, [])
        assert.deepStrictEqual(series.gaps.map((gap) => [gap.from, gap.to]), [[t0, t0 + day]])
        assert.deepStrictEqual([series.resets, series.outages], [[], []])
      }))

    it.effect("series carries the resets and outages of the range", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("series-events")
        yield* history.record(poll(profile, t0, 50, t0 + hour))
        yield* history.record(poll(profile, t0 + hour, 1, t0 + 6 * hour))
        yield* history.openOutage(profile, t0 + 2 * hour, "HTTP 502")
        yield* history.closeOutage(profile, t0 + 3 * hour)
        const series = yield* history.series(profile, { from: t0, to: t0 + 12 * hour, gapThreshold: 15 * minute })
        assert.deepStrictEqual(series.resets.map((e) => e.at), [t0 + hour])
        assert.deepStrictEqual(series.outages.map((o) => [o.startedAt, o.endedAt, o.reason]), [[t0 + 2 * hour, t0 + 3 * hour, "HTTP 502"]])
        const later = yield* history.series(profile, { from: t0 + 4 * hour, to: t0 + 12 * hour, gapThreshold: 15 * minute })
        assert.deepStrictEqual([later.resets, later.outages], [[], []])
      }))

    it.effect("after maintain, data older than 24 h comes back as rollup points", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("series-rollup")
        const to = t0 + 10 * day
        const bucket = to - 3 * day
        for (const [at, value] of [[bucket, 20], [bucket + minute, 40], [bucket + 2 * minute, 30]] as const) {
          yield* history.record(poll(profile, at, value))
        }
        yield* history.record(poll(profile, to - hour, 55))
        yield* history.maintain({ now: to, retentionDays: 365 })
        const series = yield* history.series(profile, { from: to - 7 * day, to, gapThreshold: Rollup.gapThresholdFor(180, "5min") })
        assert.deepStrictEqual(series.points.map((point) => [point.at, point.resolution]), [[bucket, "5min"], [to - hour, "raw"]])
        const rolled = series.points[0]!
        assert.closeTo(rolled.fiveHour ?? NaN, 30, 1e-9)
        assert.deepStrictEqual([rolled.fiveHourPeak, rolled.fiveHourMin], [40, 20])
        assert.strictEqual(series.points[1]!.fiveHour, 55)
        assert.isTrue(series.gaps.some((gap) => gap.from === bucket && gap.to === to - hour))
      }))

    it.effect("openOutage is a no-op while one is open; closeOutage closes it once", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("outage")
        const range = { from: t0, to: t0 + day, gapThreshold: 15 * minute }
        const outages = Effect.map(history.series(profile, range), (s) => s.outages.map((o) => [o.startedAt, o.endedAt, o.reason]))
        yield* history.closeOutage(profile, t0)
        assert.deepStrictEqual(yield* outages, [])
        yield* history.openOutage(profile, t0 + hour, "HTTP 503")
        yield* history.openOutage(profile, t0 + 2 * hour, "timed out after 10s")
        assert.deepStrictEqual(yield* outages, [[t0 + hour, null, "HTTP 503"]])
        yield* history.closeOutage(profile, t0 + 3 * hour)
        yield* history.closeOutage(profile, t0 + 4 * hour)
        assert.deepStrictEqual(yield* outages, [[t0 + hour, t0 + 3 * hour, "HTTP 503"]])
        yield* history.openOutage(profile, t0 + 5 * hour, "connection refused")
        assert.deepStrictEqual(yield* outages, [[t0 + hour, t0 + 3 * hour, "HTTP 503"], [t0 + 5 * hour, null, "connection refused"]])
        assert.deepStrictEqual((yield* history.series(p("outage-other"), range)).outages, [])
      }))

    it.effect("profiles lists the profiles that have history", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        yield* history.record(poll(p("listed-a"), t0, 10))
        yield* history.record(poll(p("listed-b"), t0, 10))
        const profiles = yield* history.profiles
        assert.includeMembers([...profiles], [p("listed-a"), p("listed-b")])
        assert.notInclude([...profiles], p("never-recorded"))
      }))

    it.effect("maintain prunes polls and resets past retention and keeps the rest", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("retention")
        const now = t0 + 100 * day
        const cutoff = now - 30 * day
        yield* history.record(poll(profile, cutoff - 2 * hour, 60, cutoff))
        yield* history.record(poll(profile, cutoff - hour, 1, cutoff + 4 * hour))
        yield* history.record(poll(profile, cutoff + hour, 20, cutoff + 4 * hour))
        yield* history.record(poll(profile, now - hour, 30, now + 4 * hour))
        yield* history.maintain({ now, retentionDays: 30 })
        yield* history.maintain({ now, retentionDays: 30 })
        assert.deepStrictEqual((yield* history.polls(profile, now - 24 * hour, now)).map((s) => s.fetchedAt), [now - hour])
        const old = yield* history.polls(profile, 0, cutoff)
        assert.deepStrictEqual(old, [])
        assert.deepStrictEqual(yield* history.resets(profile, 0, cutoff), [])
        assert.strictEqual(Option.getOrThrow(yield* history.latest(profile)).fetchedAt, now - hour)
      }))

    it.effect("clear deletes all history", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const profile = p("clear")
        yield* history.record(poll(profile, t0, 50, t0 + hour))
        yield* history.record(poll(profile, t0 + hour, 1, t0 + 6 * hour))
        yield* history.openOutage(profile, t0 + 2 * hour, "HTTP 500")
        yield* history.clear
        assert.isTrue(Option.isNone(yield* history.latest(profile)))
        assert.notInclude([...(yield* history.profiles)], profile)
        const series = yield* history.series(profile, { from: t0, to: t0 + day, gapThreshold: 15 * minute })
        assert.deepStrictEqual([series.points, series.resets, series.outages], [[], [], []])
        yield* history.record(poll(profile, t0 + 2 * hour, 5))
        assert.strictEqual(Option.getOrThrow(yield* history.latest(profile)).fetchedAt, t0 + 2 * hour)
      }))

    it.effect("clearProfile deletes one profile's history and leaves the others intact", () =>
      Effect.gen(function*() {
        const history = yield* UsageHistory
        const gone = p("clear-one")
        const kept = p("clear-kept")
        for (const profile of [gone, kept]) {
          yield* history.record(poll(profile, t0, 50, t0 + hour))
          yield* history.record(poll(profile, t0 + hour, 1, t0 + 6 * hour))
          yield* history.openOutage(profile, t0 + 2 * hour, "HTTP 500")
        }
        const before = yield* history.series(kept, { from: t0, to: t0 + day, gapThreshold: 15 * minute })
        yield* history.clearProfile(gone)
        assert.isTrue(Option.isNone(yield* history.latest(gone)))
        assert.notInclude([...(yield* history.profiles)], gone)
        const cleared = yield* history.series(gone, { from: t0, to: t0 + day, gapThreshold: 15 * minute })
        assert.deepStrictEqual([cleared.points, cleared.resets, cleared.outages], [[], [], []])
        assert.include([...(yield* history.profiles)], kept)
        const after = yield* history.series(kept, { from: t0, to: t0 + day, gapThreshold: 15 * minute })
        assert.deepStrictEqual(
          [after.points.length, after.resets.length, after.outages.length],
          [before.points.length, before.resets.length, before.outages.length]
        )
        assert.isAbove(after.points.length, 0)
        assert.isAbove(after.resets.length, 0)
      }))
  })
