// Profile edits on the memory layers. A profile lives in two places (the profile store and the
// vault); when the second step fails the first is undone, so no edit is left half done. A write that
// fails between the two steps cannot be provoked from outside a process running as root, so these
// inject it into the memory layers.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import * as Profile from "../../src/domain/Profile.js"
import { addProfile, listProfiles, parseName, removeProfile, renameProfile, tokenSource, useProfile } from "../../src/programs/profileEdits.js"
import * as ConfigFileError from "../../src/services/ConfigFileError.js"
import * as ProfileStore from "../../src/services/ProfileStore.js"
import { Vault } from "../../src/services/Vault.js"
import * as MemoryProfileStore from "../../src/testing/MemoryProfileStore.js"
import * as MemoryVault from "../../src/testing/MemoryVault.js"

const work = Profile.ProfileName.make("work")
const home = Profile.ProfileName.make("home")
const workEntry = new ProfileStore.ProfileEntry({ name: work, source: "vault" })

type Step = "add" | "remove" | "rename"
const broken = (step: Step) => new ConfigFileError.ConfigFileError({ path: "/config/config.json", problem: `${step} failed (injected)` })

// The memory vault, except that its `failing` step fails after the config step succeeded.
const memoryVault = (profiles: ReadonlyArray<Profile.ProfileName>, failing: Step | null) =>
  Effect.map(MemoryVault.make(profiles.map((name) => MemoryVault.entry(name))), ({ control, service }) => ({
    service: Vault.of({
      ...service,
      addFromFile: (profile, path) => failing === "add" ? Effect.fail(broken("add")) : service.addFromFile(profile, path),
      addFromClaudeCode: (profile) => failing === "add" ? Effect.fail(broken("add")) : service.addFromClaudeCode(profile),
      remove: (profile) => failing === "remove" ? Effect.fail(broken("remove")) : service.remove(profile),
      rename: (from, to) => failing === "rename" ? Effect.fail(broken("rename")) : service.rename(from, to)
    }),
    stored: control.profiles
  }))

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

const layers = (entries: ReadonlyArray<ProfileStore.ProfileEntry>, vaulted: ReadonlyArray<Profile.ProfileName>) =>
  Layer.merge(MemoryProfileStore.layer([MemoryProfileStore.defaultEntry, ...entries]), MemoryVault.layer(vaulted.map((name) => MemoryVault.entry(name))))

describe("profile edits", () => {
  it.effect("parseName: a valid name passes, anything else is a usage error saying what a name may hold", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* parseName("work.2"), "work.2")
      const bad = yield* Effect.flip(parseName("../etc"))
      assert.strictEqual(bad._tag, "UsageError")
      assert.include(bad.message, "is not a profile name")
    }))

  it.effect("default cannot be removed or renamed, nor replaced by a rename", () =>
    Effect.gen(function*() {
      const removed = yield* Effect.flip(removeProfile(Profile.defaultProfile))
      const renamed = yield* Effect.flip(renameProfile(Profile.defaultProfile, home))
      const replaced = yield* Effect.flip(renameProfile(work, Profile.defaultProfile))
      assert.deepStrictEqual([removed._tag, renamed._tag, replaced._tag], ["UsageError", "UsageError", "UsageError"])
      assert.include(removed.message, "Claude Code's own login")
    }).pipe(Effect.provide(layers([workEntry], [work]))))

  it.effect("add: default is refused; adding a listed vault profile again replaces its tokens", () =>
    Effect.gen(function*() {
      const refused = yield* Effect.flip(addProfile(Profile.defaultProfile, { _tag: "ClaudeCode" }))
      assert.strictEqual(refused._tag, "ProfileExists")
      const again = yield* addProfile(work, { _tag: "ClaudeCode" })
      assert.isTrue(again.replaced)
      assert.strictEqual(again.entry.addedFrom, "claude-code")
    }).pipe(Effect.provide(layers([workEntry], [work]))))

  it.effect("tokenSource: exactly one of Claude Code's login or a token file", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* tokenSource(true, Option.none()), { _tag: "ClaudeCode" })
      assert.deepStrictEqual(yield* tokenSource(false, Option.some("/tmp/work.json")), { _tag: "File", path: "/tmp/work.json" })
      for (const [fromClaudeCode, file] of [[true, Option.some("/tmp/work.json")], [false, Option.none()]] as const) {
        const refused = yield* Effect.flip(tokenSource(fromClaudeCode, file))
        assert.strictEqual(refused._tag, "UsageError")
        assert.include(refused.message, "exactly one of --from-claude-code or --token-file FILE")
      }
    }))

  it.effect("remove: an unknown name fails with the known ones", () =>
    Effect.gen(function*() {
      const unknown = yield* Effect.flip(removeProfile(home))
      assert.isTrue(unknown._tag === "ProfileNotFound" && unknown.known.join() === "default,work")
    }).pipe(Effect.provide(layers([workEntry], [work]))))

  it.effect("remove: tokens left unlisted by an interrupted edit are removed too", () =>
    Effect.gen(function*() {
      const { wasActive } = yield* removeProfile(home)
      assert.isFalse(wasActive)
      assert.deepStrictEqual(yield* (yield* MemoryVault.MemoryVaultControl).profiles, [])
    }).pipe(Effect.provide(layers([], [home]))))

  it.effect("list: each profile with its source, the active one, and its vault entry", () =>
    Effect.gen(function*() {
      yield* useProfile(work)
      const rows = yield* listProfiles()
      assert.deepStrictEqual(rows.map((row) => [row.name, row.source, row.active, row.stored?.addedFrom ?? null]), [
        ["default", "claude-code", false, null],
        ["work", "vault", true, "file"]
      ])
    }).pipe(Effect.provide(layers([workEntry], [work]))))

  it.effect("use: an unknown profile is ProfileNotFound and the active one stays", () =>
    Effect.gen(function*() {
      const failed = yield* Effect.flip(useProfile(home))
      assert.strictEqual(failed._tag, "ProfileNotFound")
      assert.strictEqual(yield* (yield* ProfileStore.ProfileStore).active, Profile.defaultProfile)
    }).pipe(Effect.provide(layers([workEntry], []))))
})
