// history clear's program on the memory history: one profile's clear leaves the others intact.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import { clearHistory, clearTarget } from "../../src/programs/clearHistory.js"
import { UsageHistory } from "../../src/services/UsageHistory.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as MemoryUsageHistory from "../../src/testing/MemoryUsageHistory.js"

const seeded = Effect.gen(function*() {
  const history = yield* UsageHistory
  for (const profile of ["default", "work"]) yield* history.record(Fixtures.snapshot({ profile, fetchedAt: 1_000 }))
  return history
})

describe("clearHistory", () => {
  it.effect("one profile: that profile's history goes, the others stay", () =>
    Effect.gen(function*() {
      const history = yield* seeded
      const target = yield* clearTarget(Option.some("work"))
      assert.strictEqual(target.description, "the usage history of profile 'work'")
      yield* clearHistory(target)
      assert.deepStrictEqual(yield* history.profiles, [ProfileName.make("default")])
    }).pipe(Effect.provide(MemoryUsageHistory.layer())))

  it.effect("no profile: all history goes", () =>
    Effect.gen(function*() {
      const history = yield* seeded
      const target = yield* clearTarget(Option.none())
      assert.strictEqual(target.description, "all usage history")
      yield* clearHistory(target)
      assert.deepStrictEqual(yield* history.profiles, [])
    }).pipe(Effect.provide(MemoryUsageHistory.layer())))

  it.effect("a profile without history is a UsageError naming the profiles that have some", () =>
    Effect.gen(function*() {
      yield* seeded
      const error = yield* Effect.flip(clearTarget(Option.some("nope")))
      assert.strictEqual(error.message, "no history of profile 'nope' — profiles with history: default, work")
    }).pipe(Effect.provide(MemoryUsageHistory.layer())))
})
