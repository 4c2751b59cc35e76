import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Redacted, Stream } from "effect"
import * as Preferences from "../../src/domain/Preferences.js"
import { defaultProfile } from "../../src/domain/Profile.js"
import * as Thresholds from "../../src/domain/Thresholds.js"
import { CredentialStore } from "../../src/services/CredentialStore.js"
import { Notifier } from "../../src/services/Notifier.js"
import { PreferencesStore } from "../../src/services/PreferencesStore.js"
import { ProfileEntry, ProfileStore } from "../../src/services/ProfileStore.js"
import { UsageHistory } from "../../src/services/UsageHistory.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as MemoryCredentialStore from "../../src/testing/MemoryCredentialStore.js"
import * as MemoryNotifier from "../../src/testing/MemoryNotifier.js"
import * as MemoryPreferencesStore from "../../src/testing/MemoryPreferencesStore.js"
import * as MemoryProfileStore from "../../src/testing/MemoryProfileStore.js"
import * as MemoryUsageHistory from "../../src/testing/MemoryUsageHistory.js"

const work = Fixtures.profile("work")
const value = (secret: Redacted.Redacted<string>) => Redacted.value(secret)

describe("MemoryCredentialStore", () => {
  const layer = MemoryCredentialStore.layer([
    { profile: work, source: "vault", credentials: Fixtures.credentials({ accessToken: "a1" }) },
    { profile: Fixtures.profile("empty"), source: "vault", credentials: null }
  ])

  it.effect("set replaces credentials behind the program's back; writes lists write-backs", () =>
    Effect.gen(function*() {
      const store = yield* CredentialStore
      const control = yield* MemoryCredentialStore.MemoryCredentialStoreControl
      const a1 = yield* store.read(work)
      yield* control.set(work, Fixtures.credentials({ accessToken: "a2" }))
      const result = yield* store.writeBack(work, a1, Fixtures.credentials({ accessToken: "mine" }))
      assert.strictEqual(value(result.accessToken), "a2")
      assert.deepStrictEqual(yield* control.writes, [])
      const won = yield* store.writeBack(work, result, Fixtures.credentials({ accessToken: "a3" }))
      assert.strictEqual(value(won.accessToken), "a3")
      assert.deepStrictEqual((yield* control.writes).map((w) => [w.profile, value(w.credentials.accessToken)]), [[work, "a3"]])
      const stored = yield* control.get(work)
      assert.strictEqual(stored === null ? null : value(stored.accessToken), "a3")
    }).pipe(Effect.provide(layer)))

  it.effect("a profile with null credentials is not found; set(null) removes them", () =>
    Effect.gen(function*() {
      const store = yield* CredentialStore
      const control = yield* MemoryCredentialStore.MemoryCredentialStoreControl
      assert.strictEqual((yield* Effect.flip(store.read(Fixtures.profile("empty"))))._tag, "CredentialsNotFound")
      yield* control.set(work, null)
      assert.strictEqual((yield* Effect.flip(store.read(work)))._tag, "CredentialsNotFound")
      assert.isNull(yield* control.get(work))
    }).pipe(Effect.provide(layer)))

  it.effect("failWrites makes a winning write-back fail and keeps the old credentials", () =>
    Effect.gen(function*() {
      const store = yield* CredentialStore
      const control = yield* MemoryCredentialStore.MemoryCredentialStoreControl
      const before = yield* store.read(work)
      yield* control.failWrites(work, "disk full")
      const error = yield* Effect.flip(store.writeBack(work, before, Fixtures.credentials({ accessToken: "x" })))
      assert.strictEqual(error._tag, "CredentialsWriteFailed")
      assert.include(error.message, "disk full")
      assert.strictEqual(value((yield* store.read(work)).accessToken), "a1")
      yield* control.failWrites(work, null)
      yield* store.writeBack(work, before, Fixtures.credentials({ accessToken: "x" }))
      assert.strictEqual(value((yield* store.read(work)).accessToken), "x")
    }).pipe(Effect.provide(layer)))

  it.effect("sourceOf: seeded source, else claude-code for default and vault for others", () =>
    Effect.gen(function*() {
      const store = yield* CredentialStore
      const control = yield* MemoryCredentialStore.MemoryCredentialStoreControl
      assert.strictEqual(store.sourceOf(defaultProfile), "claude-code")
      assert.strictEqual(store.sourceOf(Fixtures.profile("other")), "vault")
      yield* control.set(Fixtures.profile("other"), Fixtures.credentials(), "claude-code")
      assert.strictEqual(store.sourceOf(Fixtures.profile("other")), "claude-code")
    }).pipe(Effect.provide(layer)))
})

describe("MemoryNotifier", () => {
  it.effect("records notifications in order; reset forgets them", () =>
    Effect.gen(function*() {
      const notifier = yield* Notifier
      const control = yield* MemoryNotifier.MemoryNotifierControl
      const alert = Thresholds.Alert.ApiUnreachable({ profile: work })
      yield* notifier.notify({ title: "one", body: "b1", alert })
      yield* notifier.notify({ title: "two", body: "b2", alert })
      assert.deepStrictEqual((yield* control.sent).map((n) => n.title), ["one", "two"])
      yield* control.reset
      assert.deepStrictEqual(yield* control.sent, [])
    }).pipe(Effect.provide(MemoryNotifier.layer)))
})

describe("MemoryPreferencesStore", () => {
  it.effect("starts from the given preferences; replace is seen by get and changes", () =>
    Effect.gen(function*() {
      const store = yield* PreferencesStore
      const control = yield* MemoryPreferencesStore.MemoryPreferencesStoreControl
      assert.strictEqual((yield* store.get).pollIntervalSeconds, 600)
      yield* control.replace(new Preferences.Preferences({ pollIntervalSeconds: 60 }))
      const head = yield* Stream.runHead(store.changes)
      assert.strictEqual(Option.getOrThrow(head).pollIntervalSeconds, 60)
    }).pipe(Effect.provide(MemoryPreferencesStore.layer(new Preferences.Preferences({ pollIntervalSeconds: 600 })))))
})

describe("MemoryProfileStore", () => {
  const entries = [new ProfileEntry({ name: work, source: "vault" })]

  it.effect("default is added first when the entries lack it", () =>
    Effect.gen(function*() {
      const store = yield* ProfileStore
      assert.deepStrictEqual((yield* store.list).map((e) => e.name), [defaultProfile, work])
    }).pipe(Effect.provide(MemoryProfileStore.layer(entries))))

  it.effect("renaming or removing the active profile moves active along or back to default", () =>
    Effect.gen(function*() {
      const store = yield* ProfileStore
      const control = yield* MemoryProfileStore.MemoryProfileStoreControl
      assert.strictEqual(yield* store.active, work)
      yield* store.rename(work, Fixtures.profile("job"))
      assert.strictEqual(yield* store.active, Fixtures.profile("job"))
      yield* store.remove(Fixtures.profile("job"))
      assert.strictEqual(yield* store.active, defaultProfile)
      assert.isNull(yield* control.storedActive)
    }).pipe(Effect.provide(MemoryProfileStore.layer(entries, work))))

  it.effect("default can be neither removed nor renamed", () =>
    Effect.gen(function*() {
      const store = yield* ProfileStore
      assert.strictEqual((yield* Effect.flip(store.remove(defaultProfile)))._tag, "ProfileNotFound")
      assert.strictEqual((yield* Effect.flip(store.rename(defaultProfile, Fixtures.profile("x"))))._tag, "ProfileNotFound")
      assert.strictEqual((yield* store.list)[0]?.name, defaultProfile)
    }).pipe(Effect.provide(MemoryProfileStore.layer())))
})

describe("MemoryUsageHistory", () => {
  it.effect("custom credit limits price resets of an unknown tier", () =>
    Effect.gen(function*() {
      const history = yield* UsageHistory
      yield* history.record(Fixtures.snapshot({ profile: "work", fetchedAt: 0, fiveHour: { utilization: 80, resetsAt: 1_000_000 }, tier: null }))
      const recorded = yield* history.record(Fixtures.snapshot({ profile: "work", fetchedAt: 60_000, fiveHour: { utilization: 0, resetsAt: 20_000_000 }, tier: null }))
      const event = Option.getOrThrow(recorded.reset)
      assert.strictEqual(event.usedCredits, 800)
    }).pipe(Effect.provide(MemoryUsageHistory.layer({ custom: { customCredits5h: 1_000, customCredits7d: 10_000 } }))))
})

describe("Fixtures", () => {
  it("snapshots in one 5-hour grid cell share resetsAt; the next cell is a reset", () => {
    const hour = 3_600_000
    const a = Fixtures.snapshot({ fetchedAt: hour })
    const b = Fixtures.snapshot({ fetchedAt: 4 * hour })
    const c = Fixtures.snapshot({ fetchedAt: 5 * hour })
    assert.strictEqual(a.fiveHour?.resetsAt, 5 * hour)
    assert.strictEqual(b.fiveHour?.resetsAt, 5 * hour)
    assert.strictEqual(c.fiveHour?.resetsAt, 10 * hour)
    assert.deepStrictEqual([a.fiveHour?.utilization, a.sevenDay?.utilization, a.tier], [25, 40, Fixtures.defaultTier])
  })

  it("windows accept a number, a partial window or null", () => {
    const s = Fixtures.snapshot({ profile: "p", fiveHour: 90, sevenDay: null, extraUsage: { usedCents: 5 } })
    assert.strictEqual(s.profile, "p")
    assert.strictEqual(s.fiveHour?.utilization, 90)
    assert.isNull(s.sevenDay)
    assert.deepStrictEqual([s.extraUsage?.enabled, s.extraUsage?.usedCents, s.extraUsage?.limitCents], [true, 5, null])
  })

  it("credentials wrap tokens in Redacted and default far in the future", () => {
    const c = Fixtures.credentials({ accessToken: "secret", refreshToken: null })
    assert.strictEqual(Redacted.value(c.accessToken), "secret")
    assert.notInclude(String(c.accessToken), "secret")
    assert.isNull(c.refreshToken)
    assert.strictEqual(c.expiresAt, Fixtures.farFuture)
  })
})
