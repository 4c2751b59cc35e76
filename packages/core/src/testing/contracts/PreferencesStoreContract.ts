// The PreferencesStore contract: defaults, validated writes and the change stream (SPEC §6).
import { assert, layer } from "@effect/vitest"
import { Deferred, Effect, Fiber, Option, Stream } from "effect"
import type { Layer } from "effect"
import * as Preferences from "../../domain/Preferences.js"
import { PreferencesStore } from "../../services/PreferencesStore.js"

/**
 * Runs the PreferencesStore contract against `impl`, which must start with no preferences set.
 * Tests share the layer and run in order; the first one checks the fresh store. The real clock
 * is used, so a store that watches a file may rely on timers.
 */
export const PreferencesStoreContract = (name: string, impl: Layer.Layer<PreferencesStore, unknown>) =>
  layer(impl, { excludeTestServices: true })(`PreferencesStore contract: ${name}`, (it) => {
    it.effect("a fresh store holds the defaults", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        assert.deepStrictEqual(Preferences.encode(yield* store.get), Preferences.encode(Preferences.defaults))
      }))

    it.effect("set saves a valid integer and returns the new preferences", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        const returned = yield* store.set("pollIntervalSeconds", "300")
        assert.strictEqual(returned.pollIntervalSeconds, 300)
        assert.strictEqual((yield* store.get).pollIntervalSeconds, 300)
      }))

    it.effect("set saves booleans and optional keys, leaving other keys alone", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        const before = yield* store.get
        yield* store.set("apiStatusAlerts", "false")
        yield* store.set("customCredits5h", "1000000")
        const after = yield* store.get
        assert.isFalse(after.apiStatusAlerts)
        assert.strictEqual(after.customCredits5h, 1_000_000)
        assert.strictEqual(after.warningThreshold, before.warningThreshold)
        assert.strictEqual(after.pollIntervalSeconds, before.pollIntervalSeconds)
      }))

    it.effect("set rejects an out-of-range value with a message naming the key, and keeps the old value", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        const before = (yield* store.get).retentionDays
        const error = yield* Effect.flip(store.set("retentionDays", "5"))
        assert.strictEqual(error._tag, "PreferencesInvalid")
        assert.include(error.message, "retentionDays")
        assert.include(error.message, "30")
        assert.strictEqual((yield* store.get).retentionDays, before)
      }))

    it.effect("set rejects a value of the wrong type", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        const error = yield* Effect.flip(store.set("launchAtLogin", "sometimes"))
        assert.strictEqual(error._tag, "PreferencesInvalid")
        assert.include(error.message, "launchAtLogin")
      }))

    it.effect("set rejects an unknown key, listing the known ones", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        const error = yield* Effect.flip(store.set("pollInterval", "300"))
        assert.strictEqual(error._tag, "PreferencesInvalid")
        assert.include(error.message, "pollInterval")
        assert.include(error.message, "pollIntervalSeconds")
      }))

    it.effect("set rejects a critical threshold at or above the warning threshold", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        const warning = (yield* store.get).warningThreshold
        const error = yield* Effect.flip(store.set("criticalThreshold", String(warning)))
        assert.include(error.message, "criticalThreshold")
        assert.isBelow((yield* store.get).criticalThreshold, warning)
      }))

    it.effect("set to unset returns a key to its default", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        yield* store.set("concurrency", "8")
        assert.strictEqual((yield* store.get).concurrency, 8)
        const reset = yield* store.set("concurrency", "unset")
        assert.strictEqual(reset.concurrency, Preferences.defaults.concurrency)
        yield* store.set("webhookUrl", "https://hooks.example.com/x")
        yield* store.set("webhookUrl", "unset")
        assert.isUndefined((yield* store.get).webhookUrl)
      }))

    it.effect("changes starts with the current preferences", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        const current = yield* store.get
        const first = yield* Stream.runHead(store.changes)
        assert.deepStrictEqual(Preferences.encode(Option.getOrThrow(first)), Preferences.encode(current))
      }))

    it.effect("changes emits each change after the current preferences", () =>
      Effect.gen(function*() {
        const store = yield* PreferencesStore
        const subscribed = yield* Deferred.make<void>()
        const fiber = yield* store.changes.pipe(
          Stream.tap(() => Deferred.succeed(subscribed, undefined)),
          Stream.filter((prefs) => prefs.warningThreshold === 30),
          Stream.runHead,
          Effect.fork
        )
        yield* Deferred.await(subscribed)
        yield* store.set("warningThreshold", "30")
        const seen = yield* Fiber.join(fiber).pipe(Effect.timeout("5 seconds"))
        assert.strictEqual(Option.getOrThrow(seen).warningThreshold, 30)
      }))
  })
