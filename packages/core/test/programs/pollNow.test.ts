// The one-shot programs of every frontend on the memory layers: poll now, the status line's
// fallback, and guard's verdict.
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Layer, Option, Stream, TestClock } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import { guard } from "../../src/programs/guard.js"
import { landedPolls, pollNow, selectProfiles } from "../../src/programs/pollNow.js"
import * as MonitorState from "../../src/programs/MonitorState.js"
import * as ProfileState from "../../src/programs/ProfileState.js"
import * as Preferences from "../../src/domain/Preferences.js"
import { statusLineNow } from "../../src/programs/statusLineNow.js"
import { ApiUnreachable } from "../../src/services/UsageApi.js"
import { UsageHistory } from "../../src/services/UsageHistory.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import { ScriptedUsageApiControl } from "../../src/testing/ScriptedUsageApi.js"
import * as MemoryStatusLineCache from "../../src/testing/MemoryStatusLineCache.js"
import * as TestEnv from "./TestEnv.js"

const work = ProfileName.make("work")
const env = (options: TestEnv.Options = {}) => Layer.merge(TestEnv.layer(options), MemoryStatusLineCache.layer)

describe("pollNow", () => {
  it.effect("landedPolls: one batch per new poll, each cached for the status line", () =>
    Effect.gen(function*() {
      const view = (name: string) =>
        MonitorState.viewOf(TestEnv.entry(name), ProfileState.initial(ProfileName.make(name)), Preferences.defaults, { nextPollAt: null, polling: false })
      const polledAt = (at: number): MonitorState.MonitorState => ({
        profiles: ["default", "work"].map((name) => ({ ...view(name), lastPollAt: at })),
        activeProfile: work,
        preferences: Preferences.defaults,
        error: null
      })
      const states = [polledAt(1_000), polledAt(1_000), polledAt(2_000)]
      const batches = Chunk.toArray(yield* Stream.runCollect(landedPolls(Stream.fromIterable(states))))
      assert.deepStrictEqual(batches.map((batch) => batch.profiles.map((p) => p.name)), [["default", "work"], ["default", "work"]])
      const cache = yield* (yield* MemoryStatusLineCache.MemoryStatusLineCacheControl).current
      assert.strictEqual(cache?.activeProfile, "work")
    }).pipe(Effect.provide(env({ profiles: ["default", "work"] }))))

  it.effect("polls every profile once, stores each poll and leaves each view in the status-line cache", () =>
    Effect.gen(function*() {
      const { input } = yield* pollNow(Option.none())
      assert.deepStrictEqual(input.profiles.map((p) => [p.name, p.connection]), [["default", "connected"], ["work", "connected"]])
      const api = yield* ScriptedUsageApiControl
      assert.deepStrictEqual([yield* api.calls(ProfileName.make("default")), yield* api.calls(work)], [1, 1])
      assert.isTrue(Option.isSome(yield* (yield* UsageHistory).latest(work)))
      const cache = yield* (yield* MemoryStatusLineCache.MemoryStatusLineCacheControl).current
      assert.deepStrictEqual(Object.keys(cache?.views ?? {}).sort(), ["default", "work"])
      assert.strictEqual(cache?.activeProfile, "default")
    }).pipe(Effect.provide(env({ profiles: ["default", "work"] }))))

  it.effect("--profile polls only that profile; an unknown one is ProfileNotFound naming the known ones", () =>
    Effect.gen(function*() {
      const { input } = yield* pollNow(Option.some("work"))
      assert.deepStrictEqual(input.profiles.map((p) => p.name), ["work"])
      assert.strictEqual(yield* (yield* ScriptedUsageApiControl).calls(ProfileName.make("default")), 0)
      const missing = yield* Effect.flip(selectProfiles(Option.some("nope")))
      assert.isTrue(missing._tag === "ProfileNotFound" && missing.known.join() === "default,work")
    }).pipe(Effect.provide(env({ profiles: ["default", "work"] }))))

  it.effect("a failing profile becomes its connection state, not a failure", () =>
    Effect.gen(function*() {
      yield* (yield* ScriptedUsageApiControl).script(work, new ApiUnreachable({ profile: work, reason: "HTTP 502" }))
      const { input } = yield* pollNow(Option.none())
      assert.deepStrictEqual(input.profiles.map((p) => p.connection), ["connected", "disconnected"])
    }).pipe(Effect.provide(env({ profiles: ["default", "work"] }))))
})

describe("statusLineNow", () => {
  it.effect("answers from a fresh stored poll without a request; polls once it is older than the interval", () =>
    Effect.gen(function*() {
      yield* TestClock.adjust(1_000_000)
      yield* (yield* UsageHistory).record(Fixtures.snapshot({ fetchedAt: 1_000_000, fiveHour: 30 }))
      const api = yield* ScriptedUsageApiControl
      const stored = yield* statusLineNow(Option.none(), null)
      assert.strictEqual(yield* api.calls(ProfileName.make("default")), 0)
      assert.include(stored.line, "5h 70%")
      assert.strictEqual(stored.code, 0)
      yield* TestClock.adjust("10 minutes")
      yield* statusLineNow(Option.none(), null)
      assert.strictEqual(yield* api.calls(ProfileName.make("default")), 1)
    }).pipe(Effect.provide(env())))

  it.effect("stores Claude Code's feed when it brings new numbers, and answers with them", () =>
    Effect.gen(function*() {
      yield* TestClock.adjust(1_000_000)
      const feed = JSON.stringify({ rate_limits: { five_hour: { used_percentage: 42, resets_at: 1_000_000 / 1000 + 3600 } } })
      const { line } = yield* statusLineNow(Option.none(), feed)
      assert.include(line, "5h 58%")
      const latest = yield* (yield* UsageHistory).latest(ProfileName.make("default"))
      assert.strictEqual(Option.getOrThrow(latest).source, "statusline")
      assert.strictEqual(yield* (yield* ScriptedUsageApiControl).calls(ProfileName.make("default")), 0)
    }).pipe(Effect.provide(env())))
})

describe("guard", () => {
  it.effect("passes at or above the minimum (0), fails below it (10), from the stored poll", () =>
    Effect.gen(function*() {
      yield* (yield* UsageHistory).record(Fixtures.snapshot({ fetchedAt: 0, fiveHour: 75, sevenDay: 20 }))
      const below = yield* guard({ profile: Option.none(), window: "5h", min: 30 })
      const above = yield* guard({ profile: Option.none(), window: "7d", min: 80 })
      assert.deepStrictEqual([below.headroom, below.code, above.headroom, above.code], [25, 10, 80, 0])
      assert.strictEqual(yield* (yield* ScriptedUsageApiControl).calls(ProfileName.make("default")), 0)
    }).pipe(Effect.provide(env())))

  it.effect("unknown headroom exits with the poll's code, or 5", () =>
    Effect.gen(function*() {
      yield* (yield* ScriptedUsageApiControl).script(ProfileName.make("default"), new ApiUnreachable({ profile: ProfileName.make("default"), reason: "HTTP 502" }))
      const unreachable = yield* guard({ profile: Option.none(), window: "5h", min: 10 })
      assert.deepStrictEqual([unreachable.headroom, unreachable.code], [null, 5])
    }).pipe(Effect.provide(env())))
})
