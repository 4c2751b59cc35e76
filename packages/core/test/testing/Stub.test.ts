import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Option, Stream } from "effect"
import { PreferencesStore } from "../../src/services/PreferencesStore.js"
import { UsageApi } from "../../src/services/UsageApi.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as Stub from "../../src/testing/Stub.js"
import * as Preferences from "../../src/domain/Preferences.js"

const dieMessage = <A, E>(exit: Exit.Exit<A, E>): string | null => {
  if (Exit.isSuccess(exit)) return null
  return Option.match(Cause.dieOption(exit.cause), {
    onNone: () => null,
    onSome: (defect) => defect instanceof Error ? defect.message : String(defect)
  })
}

const context = { profile: Fixtures.profile("work"), tier: null }
const token = Fixtures.credentials().accessToken

describe("Stub", () => {
  it.effect("listed members are used as given", () =>
    Effect.gen(function*() {
      const snapshot = Fixtures.snapshot({ profile: "work" })
      const api = Stub.make(UsageApi, { fetchUsage: () => Effect.succeed(snapshot) })
      assert.strictEqual(yield* api.fetchUsage(token, context), snapshot)
    }))

  it.effect("an unlisted method dies naming the service and method", () =>
    Effect.gen(function*() {
      const api = Stub.make(UsageApi, {})
      const exit = yield* Effect.exit(api.fetchProfile(token, context))
      assert.strictEqual(dieMessage(exit), "UsageApi.fetchProfile was not stubbed")
    }))

  it.effect("an unlisted Effect member dies when run", () =>
    Effect.gen(function*() {
      const store = Stub.make(PreferencesStore, { set: () => Effect.succeed(Preferences.defaults) })
      assert.strictEqual(dieMessage(yield* Effect.exit(store.get)), "PreferencesStore.get was not stubbed")
      const viaGen = Effect.gen(function*() {
        return yield* store.get
      })
      assert.strictEqual(dieMessage(yield* Effect.exit(viaGen)), "PreferencesStore.get was not stubbed")
    }))

  it.effect("an unlisted Stream member dies when consumed", () =>
    Effect.gen(function*() {
      const store = Stub.make(PreferencesStore, {})
      const exit = yield* Effect.exit(Stream.runCollect(store.changes))
      assert.strictEqual(dieMessage(exit), "PreferencesStore.changes was not stubbed")
    }))

  it.effect("destructuring an unlisted member is harmless until it is used", () =>
    Effect.gen(function*() {
      const snapshot = Fixtures.snapshot()
      const { fetchProfile, fetchUsage } = Stub.make(UsageApi, { fetchUsage: () => Effect.succeed(snapshot) })
      assert.strictEqual(typeof fetchProfile, "function")
      assert.strictEqual(yield* fetchUsage(token, context), snapshot)
    }))

  it.effect("layer provides the stub as the service", () =>
    Effect.gen(function*() {
      const api = yield* UsageApi
      assert.strictEqual(dieMessage(yield* Effect.exit(api.fetchUsage(token, context))), "UsageApi.fetchUsage was not stubbed")
    }).pipe(Effect.provide(Stub.layer(UsageApi, {}))))

  it("is not mistaken for a promise", () => {
    const api = Stub.make(UsageApi, {}) as unknown as Record<string, unknown>
    assert.isUndefined(api["then"])
  })
})
