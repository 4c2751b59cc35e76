import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { getPreference, preferenceFields, setPreference, setPreferences } from "../../src/programs/preferenceEdits.js"
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

  it.effect("a settings form: every key with its allowed values; valid fields saved, each refused one with its message", () =>
    Effect.gen(function*() {
      const fields = yield* preferenceFields
      const poll = fields.find((field) => field.key === "pollIntervalSeconds")
      assert.deepStrictEqual(poll, { ...poll!, type: "integer", value: "180", allowed: "60–1800" })
      assert.isNull(fields.find((field) => field.key === "customCredits5h")?.value)
      const rejected = yield* Effect.flip(setPreferences({ warningThreshold: "30", pollIntervalSeconds: "5", retentionDays: "x" }))
      if (rejected._tag !== "SettingsRejected") return assert.fail(`expected SettingsRejected, got ${rejected._tag}`)
      assert.strictEqual(rejected.message, "2 settings not saved")
      assert.deepStrictEqual(Object.keys(rejected.fields).sort(), ["pollIntervalSeconds", "retentionDays"])
      assert.deepStrictEqual(yield* getPreference("warningThreshold"), { key: "warningThreshold", value: 30 })
      const saved = yield* setPreferences({ pollIntervalSeconds: "300" })
      assert.strictEqual(saved.find((field) => field.key === "pollIntervalSeconds")?.value, "300")
    }).pipe(Effect.provide(MemoryPreferencesStore.layer())))
})
