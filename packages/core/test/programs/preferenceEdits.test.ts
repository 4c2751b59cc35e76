import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { getPreference, setPreference } from "../../src/programs/preferenceEdits.js"
import * as MemoryPreferencesStore from "../../src/testing/MemoryPreferencesStore.js"

describe("preference edits", () => {
  it.effect("set validates and saves; get reads it back; unset returns the default", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* setPreference("pollIntervalSeconds", "300"), { key: "pollIntervalSeconds", value: 300 })
      assert.deepStrictEqual(yield* getPreference("pollIntervalSeconds"), { key: "pollIntervalSeconds", value: 300 })
      assert.deepStrictEqual(yield* getPreference("customCredits5h"), { key: "customCredits5h", value: undefined })
    }).pipe(Effect.provide(MemoryPreferencesStore.layer())))

  it.effect("an unknown key and a value out of range are usage errors naming the fix", () =>
    Effect.gen(function*() {
      const unknown = yield* Effect.flip(getPreference("pollInterval"))
      assert.strictEqual(unknown._tag, "UsageError")
      assert.include(unknown.message, "known keys: pollIntervalSeconds")
      const range = yield* Effect.flip(setPreference("pollIntervalSeconds", "5"))
      assert.strictEqual(range._tag, "UsageError")
      assert.deepStrictEqual(yield* getPreference("pollIntervalSeconds"), { key: "pollIntervalSeconds", value: 180 })
    }).pipe(Effect.provide(MemoryPreferencesStore.layer())))
})
