// The ProfileStore contract: the watched profiles and the active one (SPEC §1.7).
import { assert, layer } from "@effect/vitest"
import { Effect } from "effect"
import type { Layer } from "effect"
import { defaultProfile, ProfileName } from "../../domain/Profile.js"
import { ProfileEntry, ProfileStore } from "../../services/ProfileStore.js"

const p = (name: string) => ProfileName.make(`contract-${name}`)
const vault = (name: string) => new ProfileEntry({ name: p(name), source: "vault" })

/**
 * Runs the ProfileStore contract against `impl`, which must start with only `default`. Tests
 * share the layer and run in order; the first ones check the fresh store.
 */
export const ProfileStoreContract = (name: string, impl: Layer.Layer<ProfileStore, unknown>) =>
  layer(impl)(`ProfileStore contract: ${name}`, (it) => {
    const names = Effect.flatMap(ProfileStore, (store) => Effect.map(store.list, (list) => list.map((entry) => entry.name)))

    it.effect("a fresh store lists only default, Claude Code's login", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        const list = yield* store.list
        assert.deepStrictEqual(list.map((entry) => [entry.name, entry.source]), [[defaultProfile, "claude-code"]])
      }))

    it.effect("a fresh store's active profile is default", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        assert.strictEqual(yield* store.active, defaultProfile)
      }))

    it.effect("add lists the profile after default, with its source", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        yield* store.add(vault("added"))
        const list = yield* store.list
        assert.strictEqual(list[0]?.name, defaultProfile)
        const added = list.find((entry) => entry.name === p("added"))
        assert.strictEqual(added?.source, "vault")
      }))

    it.effect("add of an existing name fails with ProfileExists and changes nothing", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        yield* store.add(vault("twice"))
        const before = yield* names
        const error = yield* Effect.flip(store.add(new ProfileEntry({ name: p("twice"), source: "claude-code" })))
        assert.strictEqual(error._tag, "ProfileExists")
        assert.include(error.message, p("twice"))
        assert.deepStrictEqual(yield* names, before)
        const entry = (yield* store.list).find((e) => e.name === p("twice"))
        assert.strictEqual(entry?.source, "vault")
        assert.strictEqual((yield* Effect.flip(store.add(new ProfileEntry({ name: defaultProfile, source: "vault" }))))._tag, "ProfileExists")
      }))

    it.effect("rename moves a profile to a new name, keeping its source", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        yield* store.add(vault("old-name"))
        yield* store.rename(p("old-name"), p("new-name"))
        const list = yield* store.list
        assert.isUndefined(list.find((entry) => entry.name === p("old-name")))
        assert.strictEqual(list.find((entry) => entry.name === p("new-name"))?.source, "vault")
      }))

    it.effect("rename of an unknown profile fails with ProfileNotFound listing the known ones", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        const error = yield* Effect.flip(store.rename(p("ghost"), p("ghost-2")))
        assert.strictEqual(error._tag, "ProfileNotFound")
        if (error._tag === "ProfileNotFound") {
          assert.strictEqual(error.profile, p("ghost"))
          assert.include([...error.known], defaultProfile)
        }
        assert.notInclude(yield* names, p("ghost-2"))
      }))

    it.effect("rename onto an existing name fails with ProfileExists and keeps both", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        yield* store.add(vault("keep-a"))
        yield* store.add(vault("keep-b"))
        const error = yield* Effect.flip(store.rename(p("keep-a"), p("keep-b")))
        assert.strictEqual(error._tag, "ProfileExists")
        assert.includeMembers([...(yield* names)], [p("keep-a"), p("keep-b")])
      }))

    it.effect("remove deletes a profile; removing it again fails with ProfileNotFound", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        yield* store.add(vault("removed"))
        yield* store.remove(p("removed"))
        assert.notInclude(yield* names, p("removed"))
        const error = yield* Effect.flip(store.remove(p("removed")))
        assert.strictEqual(error._tag, "ProfileNotFound")
        assert.include(error.message, p("removed"))
      }))

    it.effect("setActive makes a known profile active", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        yield* store.add(vault("active"))
        yield* store.setActive(p("active"))
        assert.strictEqual(yield* store.active, p("active"))
        yield* store.setActive(defaultProfile)
        assert.strictEqual(yield* store.active, defaultProfile)
      }))

    it.effect("setActive of an unknown profile fails with ProfileNotFound and keeps the active one", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        const before = yield* store.active
        const error = yield* Effect.flip(store.setActive(p("nobody")))
        assert.strictEqual(error._tag, "ProfileNotFound")
        assert.strictEqual(yield* store.active, before)
      }))

    it.effect("default stays first however many profiles are added", () =>
      Effect.gen(function*() {
        const store = yield* ProfileStore
        yield* store.add(vault("aaa"))
        yield* store.add(vault("000"))
        assert.strictEqual((yield* names)[0], defaultProfile)
      }))
  })
