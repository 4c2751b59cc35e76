// The undo paths of `profiles add|remove|rename`: a profile lives in two places (config.json and
// the vault), and when the second step fails the first is undone, so no edit is left half done.
// The e2e tests drive the happy paths through the binary; a write that fails between the two steps
// cannot be provoked from outside a process running as root, so these inject it into doubles.
import { ConfigFileError, Profile, ProfileStore } from "@cchdrm/core"
import { MemoryProfileStore } from "@cchdrm/core/testing"
import { Vault } from "@cchdrm/credentials"
import type { VaultEntry } from "@cchdrm/credentials"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Ref } from "effect"
import { addProfile, removeProfile, renameProfile } from "../src/programs/profileEdits.js"

const work = Profile.ProfileName.make("work")
const home = Profile.ProfileName.make("home")
const workEntry = new ProfileStore.ProfileEntry({ name: work, source: "vault" })

type Step = "add" | "remove" | "rename"
const broken = (step: Step) => new ConfigFileError.ConfigFileError({ path: "/config/config.json", problem: `${step} failed (injected)` })

const vaultEntry = (profile: Profile.ProfileName): VaultEntry => ({
  profile,
  addedFrom: "file",
  addedAt: 1,
  expiresAt: null,
  subscriptionType: "max",
  rateLimitTier: null
})

// A vault in memory whose `failing` step fails after the config step succeeded.
const memoryVault = (profiles: ReadonlyArray<Profile.ProfileName>, failing: Step | null) =>
  Effect.gen(function*() {
    const stored = yield* Ref.make<ReadonlyArray<Profile.ProfileName>>(profiles)
    const step = (name: Step, change: (names: ReadonlyArray<Profile.ProfileName>) => ReadonlyArray<Profile.ProfileName>) =>
      failing === name ? Effect.fail(broken(name)) : Ref.update(stored, change)
    const add = (profile: Profile.ProfileName) =>
      Effect.as(step("add", (names) => [...names.filter((name) => name !== profile), profile]), vaultEntry(profile))
    const service = Vault.of({
      addFromClaudeCode: add,
      addFromFile: (profile) => add(profile),
      remove: (profile) => step("remove", (names) => names.filter((name) => name !== profile)),
      rename: (from, to) => step("rename", (names) => names.map((name) => name === from ? to : name)),
      list: Effect.map(Ref.get(stored), (names) => names.map(vaultEntry))
    })
    return { service, stored: Ref.get(stored) }
  })

// The memory ProfileStore, except that its `failing` step fails.
const profileStore = (entries: ReadonlyArray<ProfileStore.ProfileEntry>, active: Profile.ProfileName | null, failing: Step | null) =>
  Effect.map(MemoryProfileStore.make([MemoryProfileStore.defaultEntry, ...entries], active), ({ service }) =>
    ProfileStore.ProfileStore.of({
      ...service,
      add: (entry) => failing === "add" ? Effect.fail(broken("add")) : service.add(entry),
      remove: (name) => failing === "remove" ? Effect.fail(broken("remove")) : service.remove(name),
      rename: (from, to) => failing === "rename" ? Effect.fail(broken("rename")) : service.rename(from, to)
    }))

// Runs `edit` on a config listing `entries` and a vault holding `vaulted`; returns what it ended
// with, and what both places hold afterwards.
const edit = <A, E>(
  program: Effect.Effect<A, E, ProfileStore.ProfileStore | Vault>,
  setup: {
    readonly entries: ReadonlyArray<ProfileStore.ProfileEntry>
    readonly active?: Profile.ProfileName
    readonly vaulted: ReadonlyArray<Profile.ProfileName>
    readonly configFails?: Step
    readonly vaultFails?: Step
  }
) =>
  Effect.gen(function*() {
    const store = yield* profileStore(setup.entries, setup.active ?? null, setup.configFails ?? null)
    const vault = yield* memoryVault(setup.vaulted, setup.vaultFails ?? null)
    const outcome = yield* Effect.either(program).pipe(
      Effect.provide(Layer.merge(Layer.succeed(ProfileStore.ProfileStore, store), Layer.succeed(Vault, vault.service)))
    )
    return {
      outcome,
      listed: (yield* store.list).map((entry): string => entry.name),
      active: yield* store.active,
      vaulted: (yield* vault.stored).map((name): string => name)
    }
  })

describe("profile edits undo their first step when the second fails", () => {
  it.effect("add: the config cannot list the profile, so its tokens leave the vault again", () =>
    Effect.gen(function*() {
      const after = yield* edit(addProfile(work, { _tag: "File", path: "/tmp/work.json" }), {
        entries: [],
        vaulted: [],
        configFails: "add"
      })
      assert.isTrue(after.outcome._tag === "Left" && after.outcome.left._tag === "ConfigFileError")
      assert.deepStrictEqual(after.listed, ["default"])
      assert.deepStrictEqual(after.vaulted, [])
    }))

  it.effect("add: the happy path lists the profile and keeps its tokens (the doubles do fail only when told)", () =>
    Effect.gen(function*() {
      const after = yield* edit(addProfile(work, { _tag: "File", path: "/tmp/work.json" }), { entries: [], vaulted: [] })
      assert.strictEqual(after.outcome._tag, "Right")
      assert.deepStrictEqual(after.listed, ["default", "work"])
      assert.deepStrictEqual(after.vaulted, ["work"])
    }))

  it.effect("remove: the vault keeps the tokens, so the config lists the profile again, still active", () =>
    Effect.gen(function*() {
      const after = yield* edit(removeProfile(work), {
        entries: [workEntry],
        active: work,
        vaulted: [work],
        vaultFails: "remove"
      })
      assert.isTrue(after.outcome._tag === "Left" && after.outcome.left._tag === "ConfigFileError")
      assert.deepStrictEqual(after.listed, ["default", "work"])
      assert.strictEqual(after.active, work)
      assert.deepStrictEqual(after.vaulted, ["work"])
    }))

  it.effect("remove: a config that cannot drop the profile leaves the vault untouched", () =>
    Effect.gen(function*() {
      const after = yield* edit(removeProfile(work), { entries: [workEntry], vaulted: [work], configFails: "remove" })
      assert.isTrue(after.outcome._tag === "Left" && after.outcome.left._tag === "ConfigFileError")
      assert.deepStrictEqual(after.listed, ["default", "work"])
      assert.deepStrictEqual(after.vaulted, ["work"])
    }))

  it.effect("rename: the vault cannot move the tokens, so the config entry gets its old name back, still active", () =>
    Effect.gen(function*() {
      const after = yield* edit(renameProfile(work, home), {
        entries: [workEntry],
        active: work,
        vaulted: [work],
        vaultFails: "rename"
      })
      assert.isTrue(after.outcome._tag === "Left" && after.outcome.left._tag === "ConfigFileError")
      assert.deepStrictEqual(after.listed, ["default", "work"])
      assert.strictEqual(after.active, work)
      assert.deepStrictEqual(after.vaulted, ["work"])
    }))

  it.effect("rename: both steps done when nothing fails", () =>
    Effect.gen(function*() {
      const after = yield* edit(renameProfile(work, home), { entries: [workEntry], active: work, vaulted: [work] })
      assert.strictEqual(after.outcome._tag, "Right")
      assert.deepStrictEqual(after.listed, ["default", "home"])
      assert.strictEqual(after.active, home)
      assert.deepStrictEqual(after.vaulted, ["home"])
    }))
})
