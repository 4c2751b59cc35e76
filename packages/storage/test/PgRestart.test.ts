// The team database restarting under a running writer loses no poll: polls taken while it is
// down are held and written once it is back. Its own cluster, since it stops the server.
import { Monitor, Preferences, Profile, UsageHistory } from "@cchdrm/core"
import {
  Fixtures,
  MemoryCredentialStore,
  MemoryNotifier,
  MemoryPreferencesStore,
  MemoryProfileStore,
  MemoryUsageHistory,
  ScriptedTokenRefresher,
  ScriptedUsageApi
} from "@cchdrm/core/testing"
import { ProfileEntry } from "@cchdrm/core/services/ProfileStore"
import { Postgres } from "@cchdrm/testkit"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Effect, Layer, Option, Redacted, SubscriptionRef, TestClock } from "effect"
import * as Storage from "../src/index.js"

const minute = 60_000
const t0 = Date.UTC(2026, 0, 10)
const profile = Profile.ProfileName.make("default")
const poll = (index: number) => Fixtures.snapshot({ profile, fetchedAt: t0 + index * minute, fiveHour: { utilization: index, resetsAt: t0 + 5 * 60 * minute } })

let cluster: Postgres.PostgresCluster | undefined
beforeAll(async () => {
  cluster = await Postgres.startPostgres()
}, 60_000)
afterAll(() => cluster?.stop())

describe("the team database restarting under a writer", () => {
  it.live("holds the polls taken while it is down and writes them once it is back", () =>
    Effect.gen(function*() {
      const server = cluster!
      const url = Redacted.make(yield* Effect.promise(() => server.createDatabase("restart")))
      const layer = Storage.HistoryDatabase.layer({ databaseFile: "unused.db", shared: Option.some({ url, member: "w@x" }) })
      yield* Effect.scoped(Effect.gen(function*() {
        const history = yield* UsageHistory.UsageHistory
        yield* history.record(poll(0))
        yield* Effect.promise(() => server.stopServer())
        const down1 = yield* Effect.flip(history.record(poll(1)))
        const down2 = yield* Effect.flip(history.record(poll(2)))
        assert.match(down1.message, /Cannot reach the team database at 127\.0\.0\.1:\d+ .*1 poll is held/)
        assert.match(down2.message, /2 polls are held and written once it is back/)
        assert.notInclude(down2.message, Postgres.password)
        yield* Effect.promise(() => server.startServer())
        yield* history.record(poll(3))
        const stored = yield* history.polls(profile, t0, t0 + 10 * minute)
        assert.deepStrictEqual(stored.map((snapshot) => snapshot.fiveHour?.utilization), [0, 1, 2, 3])
      }).pipe(Effect.provide(layer)))
    }), { timeout: 120_000 })

  it.scoped("a running monitor (what `watch` runs) keeps polling through a restart, shows the error, and loses no poll", () =>
    Effect.gen(function*() {
      const server = cluster!
      const url = Redacted.make(yield* Effect.promise(() => server.createDatabase("monitor")))
      const history = Storage.HistoryDatabase.layer({ databaseFile: "unused.db", shared: Option.some({ url, member: "m@x" }) })
      const world = Layer.mergeAll(
        MemoryCredentialStore.layer([{ profile, source: "claude-code", credentials: Fixtures.credentials() }]),
        ScriptedTokenRefresher.layer,
        ScriptedUsageApi.layer,
        MemoryNotifier.layer,
        MemoryPreferencesStore.layer(new Preferences.Preferences({})),
        MemoryProfileStore.layer([new ProfileEntry({ name: profile, source: "claude-code" })])
      )
      const realWait = Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
      // Real I/O finishes in real time while the test clock stands still: wait for the poll to land.
      const polledAt = (monitor: Monitor.Monitor["Type"], at: number) =>
        Effect.gen(function*() {
          for (let tries = 0; tries < 150; tries++) {
            const state = yield* SubscriptionRef.get(monitor.state)
            const view = state.profiles.find((p) => p.name === profile)
            if (view !== undefined && view.lastPollAt === at && !view.polling) return view
            yield* realWait
          }
          return yield* Effect.dieMessage(`no poll at ${at}`)
        })
      yield* Effect.gen(function*() {
        const monitor = yield* Monitor.make
        const interval = Preferences.defaults.pollIntervalSeconds * 1_000
        yield* TestClock.adjust(0)
        yield* polledAt(monitor, 0)
        yield* Effect.promise(() => server.stopServer())
        yield* TestClock.adjust(interval)
        const down = yield* polledAt(monitor, interval)
        assert.match(down.error?.message ?? "", /Cannot reach the team database.*1 poll is held/)
        yield* Effect.promise(() => server.startServer())
        yield* TestClock.adjust(interval)
        const back = yield* polledAt(monitor, 2 * interval)
        assert.isNull(back.error)
        const stored = yield* (yield* UsageHistory.UsageHistory).polls(profile, 0, 3 * interval)
        assert.deepStrictEqual(stored.map((snapshot) => snapshot.fetchedAt), [0, interval, 2 * interval])
      }).pipe(Effect.provide(Layer.merge(history, world)))
    }), { timeout: 120_000 })

  it.effect("holds at most `capacity` polls, dropping the oldest", () =>
    Effect.gen(function*() {
      const memory = yield* MemoryUsageHistory.make()
      let up = false
      const flaky = UsageHistory.UsageHistory.of({
        ...memory,
        record: (snapshot) =>
          up ? memory.record(snapshot) : Effect.fail(new UsageHistory.HistoryError({ operation: "record", problem: "down." }))
      })
      const held = Storage.HeldPolls.hold(flaky, 2)
      for (const index of [0, 1, 2]) yield* Effect.flip(held.record(poll(index)))
      up = true
      yield* held.record(poll(3))
      const stored = yield* memory.polls(profile, t0, t0 + 10 * minute)
      assert.deepStrictEqual(stored.map((snapshot) => snapshot.fiveHour?.utilization), [1, 2, 3])
    }))
})
