import { assert, describe, it } from "@effect/vitest"
import { Chunk, type Context, Effect, Fiber, Option, Stream, SubscriptionRef, TestClock } from "effect"
import * as Preferences from "../../src/domain/Preferences.js"
import { ProfileName } from "../../src/domain/Profile.js"
import * as Monitor from "../../src/programs/Monitor.js"
import type { MonitorState, ProfileView } from "../../src/programs/MonitorState.js"
import { ConfigFileError } from "../../src/services/ConfigFileError.js"
import { PreferencesStore } from "../../src/services/PreferencesStore.js"
import { ProfileStore } from "../../src/services/ProfileStore.js"
import { TokenExpired } from "../../src/services/TokenRefresher.js"
import { ApiUnreachable, RateLimited } from "../../src/services/UsageApi.js"
import { UsageHistory } from "../../src/services/UsageHistory.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import { MemoryCredentialStoreControl } from "../../src/testing/MemoryCredentialStore.js"
import { MemoryNotifierControl } from "../../src/testing/MemoryNotifier.js"
import { MemoryPreferencesStoreControl } from "../../src/testing/MemoryPreferencesStore.js"
import { ScriptedTokenRefresherControl } from "../../src/testing/ScriptedTokenRefresher.js"
import { ScriptedUsageApiControl } from "../../src/testing/ScriptedUsageApi.js"
import * as ScriptedUsageApi from "../../src/testing/ScriptedUsageApi.js"
import * as TestEnv from "./TestEnv.js"

const name = (text: string) => ProfileName.make(text)
const main = name("default")

const seconds = (n: number) => TestClock.adjust(n * 1_000)

// Lets forked fibers run up to their next wait without moving the clock.
const settle = TestClock.adjust(0)

const view = (state: MonitorState, profile: string): ProfileView => {
  const found = state.profiles.find((p) => p.name === profile)
  assert.isDefined(found, `profile ${profile} in the monitor state`)
  return found!
}

const current = (monitor: Context.Tag.Service<Monitor.Monitor>) => SubscriptionRef.get(monitor.state)

const unreachable = (profile: string) => new ApiUnreachable({ profile: name(profile), reason: "HTTP 503" })

const startMonitor = Effect.zipLeft(Monitor.make, settle)

describe("Monitor", () => {
  it.scoped("polls every profile at start and then every interval", () =>
    Effect.gen(function*() {
      const monitor = yield* startMonitor
      yield* seconds(400)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 180, 360])
      assert.deepStrictEqual(yield* TestEnv.requestTimes(name("work")), [0, 180, 360])
      const state = yield* current(monitor)
      assert.deepStrictEqual(state.profiles.map((p) => p.name), ["default", "work"])
      assert.strictEqual(view(state, "work").connection, "connected")
      assert.strictEqual(view(state, "work").lastPollAt, 360_000)
      assert.strictEqual(view(state, "work").nextPollAt, 540_000)
    }).pipe(Effect.provide(TestEnv.layer({ profiles: ["default", "work"] }))))

  it.scoped("a profile hung for 60 s does not delay the others", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* api.setDefault(name("slow"), ScriptedUsageApi.delay("60 seconds", ScriptedUsageApi.fresh))
      const monitor = yield* startMonitor
      yield* seconds(30)
      let state = yield* current(monitor)
      assert.strictEqual(view(state, "default").connection, "connected")
      assert.strictEqual(view(state, "fast").snapshot?.fetchedAt, 0)
      assert.isTrue(view(state, "slow").polling)
      assert.strictEqual(view(state, "slow").snapshot, null)
      yield* seconds(160)
      state = yield* current(monitor)
      assert.strictEqual(view(state, "default").snapshot?.fetchedAt, 180_000)
      assert.strictEqual(view(state, "fast").snapshot?.fetchedAt, 180_000)
      assert.strictEqual(view(state, "slow").snapshot?.fetchedAt, 60_000)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(name("fast")), [0, 180])
      assert.deepStrictEqual(yield* TestEnv.requestTimes(name("slow")), [0, 180])
    }).pipe(Effect.provide(TestEnv.layer({ profiles: ["default", "slow", "fast"] }))))

  it.scoped("a profile that never answers does not stop the others", () =>
    Effect.gen(function*() {
      yield* (yield* ScriptedUsageApiControl).setDefault(name("stuck"), ScriptedUsageApi.hang)
      const monitor = yield* startMonitor
      yield* seconds(600)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 180, 360, 540])
      assert.deepStrictEqual(yield* TestEnv.requestTimes(name("stuck")), [0])
      assert.isTrue(view(yield* current(monitor), "stuck").polling)
    }).pipe(Effect.provide(TestEnv.layer({ profiles: ["default", "stuck"] }))))

  it.scoped("backs off 180, 360, 720 … after consecutive failures, capped at an hour", () =>
    Effect.gen(function*() {
      yield* (yield* ScriptedUsageApiControl).setDefault(main, unreachable("default"))
      const monitor = yield* startMonitor
      yield* seconds(20_000)
      const times = yield* TestEnv.requestTimes(main)
      const waits = times.slice(1).map((t, i) => t - times[i]!)
      assert.deepStrictEqual(waits.slice(0, 7), [180, 360, 720, 1440, 2880, 3600, 3600])
      assert.strictEqual(view(yield* current(monitor), "default").connection, "disconnected")
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("the backoff ends with the first success", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      yield* api.script(main, unreachable("default"), unreachable("default"), unreachable("default"))
      yield* startMonitor
      yield* seconds(2_000)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 180, 540, 1260, 1440, 1620, 1800, 1980])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("Retry-After: 600 floors the next wait", () =>
    Effect.gen(function*() {
      yield* (yield* ScriptedUsageApiControl).script(main, new RateLimited({ profile: main, retryAfterMillis: 600_000 }))
      const monitor = yield* startMonitor
      yield* seconds(1_000)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 600, 780, 960])
      assert.strictEqual(view(yield* current(monitor), "default").connection, "connected")
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("a shorter poll interval cuts the current wait", () =>
    Effect.gen(function*() {
      const prefs = yield* MemoryPreferencesStoreControl
      const monitor = yield* startMonitor
      yield* seconds(30)
      assert.strictEqual(view(yield* current(monitor), "default").nextPollAt, 1_800_000)
      yield* prefs.replace(new Preferences.Preferences({ pollIntervalSeconds: 60 }))
      yield* seconds(100)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 60, 120])
      const state = yield* current(monitor)
      assert.strictEqual(state.preferences.pollIntervalSeconds, 60)
    }).pipe(Effect.provide(TestEnv.layer({ preferences: { pollIntervalSeconds: 1800 } }))))

  it.scoped("a poll interval shortened past the elapsed time polls at once", () =>
    Effect.gen(function*() {
      yield* startMonitor
      yield* seconds(100)
      yield* (yield* MemoryPreferencesStoreControl).replace(new Preferences.Preferences({ pollIntervalSeconds: 60 }))
      yield* settle
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 100])
    }).pipe(Effect.provide(TestEnv.layer({ preferences: { pollIntervalSeconds: 1800 } }))))

  it.scoped("refreshNow polls every profile at once", () =>
    Effect.gen(function*() {
      const monitor = yield* startMonitor
      yield* seconds(50)
      yield* monitor.refreshNow
      yield* settle
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 50])
      assert.deepStrictEqual(yield* TestEnv.requestTimes(name("work")), [0, 50])
      yield* seconds(180)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 50, 230])
    }).pipe(Effect.provide(TestEnv.layer({ profiles: ["default", "work"] }))))

  it.scoped("refresh polls only the profile it names", () =>
    Effect.gen(function*() {
      const monitor = yield* startMonitor
      yield* seconds(50)
      yield* monitor.refresh(name("work"))
      yield* settle
      assert.deepStrictEqual(yield* TestEnv.requestTimes(name("work")), [0, 50])
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0])
      yield* seconds(180)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(name("work")), [0, 50, 230])
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 180])
    }).pipe(Effect.provide(TestEnv.layer({ profiles: ["default", "work"] }))))

  it.scoped("refresh waits for a pending Retry-After", () =>
    Effect.gen(function*() {
      yield* (yield* ScriptedUsageApiControl).script(main, new RateLimited({ profile: main, retryAfterMillis: 600_000 }))
      const monitor = yield* startMonitor
      yield* seconds(100)
      yield* monitor.refresh(main)
      yield* settle
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0])
      yield* seconds(500)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 600])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("setActive changes the active profile in the ProfileStore, and the state follows it", () =>
    Effect.gen(function*() {
      const monitor = yield* startMonitor
      assert.strictEqual((yield* current(monitor)).activeProfile, "default")
      yield* monitor.setActive(name("work"))
      assert.strictEqual(yield* (yield* ProfileStore).active, "work")
      assert.strictEqual((yield* current(monitor)).activeProfile, "work")
      const missing = yield* Effect.flip(monitor.setActive(name("nope")))
      assert.strictEqual(missing._tag, "ProfileNotFound")
      assert.strictEqual((yield* current(monitor)).activeProfile, "work")
    }).pipe(Effect.provide(TestEnv.layer({ profiles: ["default", "work"] }))))

  it.scoped("an active profile changed in the store by another process shows after the next preferences change", () =>
    Effect.gen(function*() {
      const monitor = yield* startMonitor
      yield* (yield* ProfileStore).setActive(name("work"))
      yield* (yield* MemoryPreferencesStoreControl).replace({ ...Preferences.defaults, pollIntervalSeconds: 240 })
      yield* settle
      assert.strictEqual((yield* current(monitor)).activeProfile, "work")
    }).pipe(Effect.provide(TestEnv.layer({ profiles: ["default", "work"] }))))

  it.scoped("never runs more cycles at once than the concurrency preference", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      const names = ["default", "p1", "p2", "p3", "p4", "p5"]
      for (const profile of names) yield* api.setDefault(name(profile), ScriptedUsageApi.delay("10 seconds", ScriptedUsageApi.fresh))
      const monitor = yield* startMonitor
      yield* seconds(5)
      const recorder = yield* TestEnv.Recorder
      assert.strictEqual((yield* recorder.requests).length, 2)
      yield* seconds(30)
      assert.strictEqual((yield* recorder.requests).length, 6)
      assert.strictEqual(yield* recorder.maxInFlight, 2)
      const state = yield* current(monitor)
      assert.isTrue(state.profiles.every((p) => p.connection === "connected"))
    }).pipe(Effect.provide(TestEnv.layer({ profiles: ["default", "p1", "p2", "p3", "p4", "p5"], preferences: { concurrency: 2 } }))))

  it.scoped("with enough concurrency every profile is asked at once", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      const names = ["default", "p1", "p2", "p3", "p4", "p5"]
      for (const profile of names) yield* api.setDefault(name(profile), ScriptedUsageApi.delay("10 seconds", ScriptedUsageApi.fresh))
      yield* startMonitor
      const recorder = yield* TestEnv.Recorder
      assert.strictEqual(yield* recorder.maxInFlight, 6)
    }).pipe(Effect.provide(TestEnv.layer({ profiles: ["default", "p1", "p2", "p3", "p4", "p5"], preferences: { concurrency: 8 } }))))

  it.scoped("picks up added profiles on refreshNow and on the next cycle, and drops removed ones", () =>
    Effect.gen(function*() {
      const monitor = yield* startMonitor
      const profiles = yield* ProfileStore
      yield* profiles.add(TestEnv.entry("late"))
      yield* (yield* MemoryCredentialStoreControl).set(name("late"), Fixtures.credentials(), "vault")
      yield* seconds(10)
      assert.isUndefined((yield* current(monitor)).profiles.find((p) => p.name === "late"))
      yield* monitor.refreshNow
      yield* settle
      assert.strictEqual(view(yield* current(monitor), "late").connection, "connected")
      assert.deepStrictEqual(yield* TestEnv.requestTimes(name("late")), [10])
      yield* profiles.add(TestEnv.entry("later"))
      yield* profiles.remove(name("late"))
      yield* seconds(200)
      const state = yield* current(monitor)
      assert.deepStrictEqual(state.profiles.map((p) => p.name), ["default", "later"])
      const untilRemoved = yield* TestEnv.requestTimes(name("late"))
      yield* seconds(600)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(name("late")), untilRemoved)
      assert.isAtMost(untilRemoved.length, 2)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("an outage opens after two failures and closes on success; warning and critical notify once", () =>
    Effect.gen(function*() {
      const api = yield* ScriptedUsageApiControl
      const used = (utilization: number) => (now: number) => Fixtures.snapshot({ fetchedAt: now, fiveHour: { utilization, resetsAt: null } })
      yield* api.script(main, used(85), unreachable("default"), unreachable("default"), used(96), used(97), used(98))
      const monitor = yield* startMonitor
      yield* seconds(180 + 360)
      assert.isTrue(view(yield* current(monitor), "default").outageOpen)
      yield* seconds(1_080)
      assert.isFalse(view(yield* current(monitor), "default").outageOpen)
      const series = yield* (yield* UsageHistory).series(main, { from: 0, to: 100_000_000, gapThreshold: 1e9 })
      assert.strictEqual(series.outages.length, 1)
      assert.strictEqual(series.outages[0]!.startedAt, 360_000)
      assert.strictEqual(series.outages[0]!.endedAt, 720_000)
      const sent = yield* (yield* MemoryNotifierControl).sent
      assert.deepStrictEqual(sent.map((n) => n.alert._tag), ["Warning", "ApiUnreachable", "ApiBack", "Critical"])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("a refused refresh stays token_expired without new refreshes until the login changes", () =>
    Effect.gen(function*() {
      const refresher = yield* ScriptedTokenRefresherControl
      const store = yield* MemoryCredentialStoreControl
      yield* store.set(main, Fixtures.credentials({ expiresAt: 0 }))
      yield* refresher.setDefault(main, new TokenExpired({ profile: main, source: "claude-code" }))
      const monitor = yield* startMonitor
      yield* seconds(1_000)
      assert.strictEqual(view(yield* current(monitor), "default").connection, "token_expired")
      assert.strictEqual(yield* refresher.calls(main), 1)
      yield* store.set(main, Fixtures.credentials({ accessToken: "fresh-login" }))
      yield* monitor.refreshNow
      yield* settle
      assert.strictEqual(view(yield* current(monitor), "default").connection, "connected")
      assert.strictEqual(yield* refresher.calls(main), 1)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("slope buffers start from the last 15 minutes of history", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(3_600_000)
      const history = yield* UsageHistory
      for (const [minutesAgo, utilization] of [[14, 10], [9, 15], [4, 20], [20, 0]] as const) {
        yield* history.record(Fixtures.snapshot({ fetchedAt: 3_600_000 - minutesAgo * 60_000, fiveHour: { utilization, resetsAt: 5 * 3_600_000 } }))
      }
      yield* (yield* ScriptedUsageApiControl).script(main, ScriptedUsageApi.hang)
      const monitor = yield* startMonitor
      const shown = view(yield* current(monitor), "default")
      assert.strictEqual(shown.slope5h, "rising")
      assert.strictEqual(shown.snapshot?.fiveHour?.utilization, 20)
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("runs history maintenance at start and then at most hourly", () =>
    Effect.gen(function*() {
      yield* startMonitor
      const recorder = yield* TestEnv.Recorder
      assert.deepStrictEqual(yield* recorder.maintained, [0])
      yield* seconds(1_800)
      assert.deepStrictEqual(yield* recorder.maintained, [0])
      yield* seconds(5_400)
      assert.deepStrictEqual(yield* recorder.maintained, [0, 3_600_000, 7_200_000])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("publishes every change to subscribers, with the active profile and preferences", () =>
    Effect.gen(function*() {
      const monitor = yield* Monitor.make
      const fiber = yield* monitor.changes.pipe(
        Stream.filter((state) => state.profiles.some((p) => p.connection === "connected")),
        Stream.take(1),
        Stream.runCollect,
        Effect.fork
      )
      yield* settle
      const [first] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      assert.strictEqual(first!.activeProfile, "default")
      assert.strictEqual(first!.preferences.pollIntervalSeconds, 180)
      assert.isTrue(Option.isSome(Option.fromNullable(view(first!, "default").snapshot)))
    }).pipe(Effect.provide(TestEnv.layer())))

  it.effect("run stops everything when interrupted", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(Monitor.run)
      yield* seconds(200)
      yield* Fiber.interrupt(fiber)
      yield* seconds(1_000)
      assert.deepStrictEqual(yield* TestEnv.requestTimes(main), [0, 180])
    }).pipe(Effect.provide(TestEnv.layer())))

  it.scoped("a broken config file is reported, then followed again once it is fixed", () =>
    Effect.gen(function*() {
      const memory = yield* PreferencesStore
      let subscriptions = 0
      const broken = new ConfigFileError({ path: "/c/config.json", problem: "not JSON — fix it" })
      const flaky = PreferencesStore.of({
        ...memory,
        changes: Stream.suspend(() => (++subscriptions === 1 ? Stream.fail(broken) : memory.changes))
      })
      const monitor = yield* Effect.provideService(startMonitor, PreferencesStore, flaky)
      assert.strictEqual((yield* current(monitor)).error?.code, "ConfigFileError")
      yield* TestClock.adjust(Monitor.preferencesRetry)
      yield* (yield* MemoryPreferencesStoreControl).replace(new Preferences.Preferences({ pollIntervalSeconds: 600 }))
      yield* settle
      const state = yield* current(monitor)
      assert.isNull(state.error)
      assert.strictEqual(state.preferences.pollIntervalSeconds, 600)
      assert.strictEqual(subscriptions, 2)
    }).pipe(Effect.provide(TestEnv.layer())))
})
