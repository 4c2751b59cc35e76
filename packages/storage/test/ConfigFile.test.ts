// config.json behind the PreferencesStore and ProfileStore: validation, never rewriting an invalid
// file, unknown keys, atomic writes, the lock, and changes made by other programs (SPEC §6, API.md B.6).
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { PreferencesStore, Profile, ProfileStore } from "@cchdrm/core"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Option, Stream } from "effect"
import * as ConfigFile from "../src/ConfigFile.js"
import * as ConfigFileStores from "../src/ConfigFileStores.js"
import { tempDir } from "./TempDatabase.js"

const name = Profile.ProfileName.make
const vault = (profile: string) => new ProfileStore.ProfileEntry({ name: name(profile), source: "vault" })

/** Both stores on `config.json` in a new temp directory, written first with `text` when given. */
const stores = (text?: string, options: Partial<ConfigFile.Options> = {}) =>
  Effect.gen(function*() {
    const filename = path.join(yield* tempDir, "config.json")
    if (text !== undefined) yield* Effect.promise(() => fs.writeFile(filename, text))
    const context = yield* Effect.provide(
      Effect.context<PreferencesStore.PreferencesStore | ProfileStore.ProfileStore>(),
      ConfigFileStores.layer({ filename, pollInterval: "200 millis", ...options })
    )
    const prefs = yield* Effect.provide(PreferencesStore.PreferencesStore, context)
    const profiles = yield* Effect.provide(ProfileStore.ProfileStore, context)
    const document = Effect.promise(async () => JSON.parse(await fs.readFile(filename, "utf8")) as Record<string, unknown>)
    return { filename, prefs, profiles, document }
  })

const invalidFiles: ReadonlyArray<readonly [string, string, ReadonlyArray<string>]> = [
  ["not JSON", `{"warningThreshold": 20,`, ["not valid JSON"]],
  ["empty", ``, ["not valid JSON"]],
  ["an array", `[1, 2]`, ["JSON object", "an array"]],
  ["a value out of range", `{"retentionDays": 5, "keepMe": 1}`, ["retentionDays", "5", "30–1825"]],
  ["a value of the wrong type", `{"launchAtLogin": "yes"}`, ["launchAtLogin", "\"yes\"", "true or false"]],
  ["critical at the warning threshold", `{"warningThreshold": 10, "criticalThreshold": 10}`, ["criticalThreshold", "10", "warningThreshold"]],
  ["a bad profile", `{"profiles": [{"name": "has space", "source": "vault"}]}`, ["profiles[0]", "has space", "claude-code"]],
  ["a profile listed twice", `{"profiles": [{"name": "a", "source": "vault"}, {"name": "a", "source": "vault"}]}`, ["'a' twice"]]
]

describe("config file", () => {
  it.scoped("a missing file holds the defaults and reading it creates nothing", () =>
    Effect.gen(function*() {
      const dir = path.join(yield* tempDir, "not-yet")
      const filename = path.join(dir, "config.json")
      const file = yield* ConfigFile.make({ filename })
      const contents = yield* file.read
      assert.strictEqual(contents.preferences.pollIntervalSeconds, 180)
      assert.deepStrictEqual(contents.profiles.map((entry) => entry.name), ["default"])
      const exists = yield* Effect.promise(() => fs.stat(dir).then(() => true, () => false))
      assert.isFalse(exists)
    }))

  for (const [kind, text, mentions] of invalidFiles) {
    it.scoped(`a file with ${kind} is an error naming the file, and no operation changes a byte of it`, () =>
      Effect.gen(function*() {
        const { filename, prefs, profiles } = yield* stores(text)
        const error = yield* Effect.flip(prefs.get)
        assert.strictEqual(error._tag, "ConfigFileError")
        assert.isTrue(error.message.startsWith(`${filename}: `), error.message)
        assert.notInclude(error.message, "\n")
        for (const mention of mentions) assert.include(error.message, mention)
        assert.strictEqual((yield* Effect.flip(profiles.list))._tag, "ConfigFileError")
        const attempts: ReadonlyArray<Effect.Effect<unknown, { readonly _tag: string; readonly message: string }>> = [
          prefs.set("pollIntervalSeconds", "300"),
          prefs.set("retentionDays", "60"),
          profiles.add(vault("new")),
          profiles.remove(name("a")),
          profiles.rename(name("a"), name("b")),
          profiles.setActive(name("default"))
        ]
        for (const attempt of attempts) {
          const refused = yield* Effect.flip(attempt)
          assert.strictEqual(refused._tag, "ConfigFileError")
          assert.include(refused.message, "nothing was changed")
          assert.strictEqual(yield* Effect.promise(() => fs.readFile(filename, "utf8")), text)
        }
        const dir = yield* Effect.promise(() => fs.readdir(path.dirname(filename)))
        assert.deepStrictEqual(dir, ["config.json"])
      }))
  }

  it.scoped("set writes only its key; keys and profile fields of other programs survive", () =>
    Effect.gen(function*() {
      const { document, prefs, profiles } = yield* stores(JSON.stringify({
        theme: { dark: true },
        retentionDays: 90,
        profiles: [{ name: "work", source: "vault", colour: "blue" }]
      }))
      yield* prefs.set("pollIntervalSeconds", "300")
      yield* profiles.add(vault("home"))
      yield* profiles.rename(name("work"), name("office"))
      assert.deepStrictEqual(yield* document, {
        theme: { dark: true },
        retentionDays: 90,
        pollIntervalSeconds: 300,
        profiles: [{ name: "office", source: "vault", colour: "blue" }, { name: "home", source: "vault" }]
      })
      yield* prefs.set("retentionDays", "unset")
      assert.notProperty(yield* document, "retentionDays")
      assert.strictEqual((yield* prefs.get).retentionDays, 365)
    }))

  it.scoped("a rejected value leaves the file byte for byte as it was", () =>
    Effect.gen(function*() {
      const text = `{ "warningThreshold": 30 }\n`
      const { filename, prefs } = yield* stores(text)
      const error = yield* Effect.flip(prefs.set("warningThreshold", "99"))
      assert.strictEqual(error._tag, "PreferencesInvalid")
      assert.include(error.message, "6–50")
      assert.strictEqual(yield* Effect.promise(() => fs.readFile(filename, "utf8")), text)
    }))

  it.scoped("the active profile follows rename and falls back to default on remove", () =>
    Effect.gen(function*() {
      const { document, profiles } = yield* stores()
      yield* profiles.add(vault("work"))
      yield* profiles.setActive(name("work"))
      yield* profiles.rename(name("work"), name("office"))
      assert.strictEqual(yield* profiles.active, "office")
      assert.strictEqual((yield* document).activeProfile, "office")
      yield* profiles.remove(name("office"))
      assert.strictEqual(yield* profiles.active, "default")
      assert.notProperty(yield* document, "activeProfile")
      const error = yield* Effect.flip(profiles.remove(name("default")))
      assert.strictEqual(error._tag, "ProfileNotFound")
    }))

  it.scoped("an activeProfile naming no profile leaves default active and the file as it is", () =>
    Effect.gen(function*() {
      const text = `{"activeProfile": "gone"}`
      const { filename, profiles } = yield* stores(text)
      assert.strictEqual(yield* profiles.active, "default")
      assert.strictEqual(yield* Effect.promise(() => fs.readFile(filename, "utf8")), text)
    }))

  it.scoped("writes are atomic: no temp or lock file stays, the mode and a symlink are kept", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const real = path.join(dir, "dotfiles", "cc-hdrm.json")
      const filename = path.join(dir, "config.json")
      yield* Effect.promise(async () => {
        await fs.mkdir(path.dirname(real))
        await fs.writeFile(real, `{"launchAtLogin": true}`, { mode: 0o640 })
        await fs.chmod(real, 0o640)
        await fs.symlink(real, filename)
      })
      const file = yield* ConfigFile.make({ filename })
      const prefs = yield* Effect.provide(PreferencesStore.PreferencesStore, ConfigFileStores.layer({ filename }))
      for (let i = 0; i < 20; i++) yield* prefs.set("pollIntervalSeconds", String(60 + i))
      const after = yield* Effect.promise(async () => ({
        link: (await fs.lstat(filename)).isSymbolicLink(),
        mode: (await fs.stat(real)).mode & 0o777,
        dir: (await fs.readdir(dir)).sort(),
        dotfiles: await fs.readdir(path.dirname(real))
      }))
      assert.isTrue(after.link)
      assert.strictEqual(after.mode, 0o640)
      assert.deepStrictEqual(after.dir, ["config.json", "dotfiles"])
      assert.deepStrictEqual(after.dotfiles, ["cc-hdrm.json"])
      const contents = yield* file.read
      assert.strictEqual(contents.preferences.pollIntervalSeconds, 79)
      assert.isTrue(contents.preferences.launchAtLogin)
    }))

  it.scoped("a write into a directory that cannot be created is a one-line error with the fix", () =>
    Effect.gen(function*() {
      // As root permissions do not apply, so use a read-only file system there.
      const dir = process.getuid?.() === 0 ? "/sys/cchdrm-config" : path.join(yield* tempDir, "locked", "sub")
      if (process.getuid?.() !== 0) yield* Effect.promise(() => fs.mkdir(path.dirname(dir)).then(() => fs.chmod(path.dirname(dir), 0o500)))
      const filename = path.join(dir, "config.json")
      const prefs = yield* Effect.provide(PreferencesStore.PreferencesStore, ConfigFileStores.layer({ filename }))
      assert.strictEqual((yield* prefs.get).pollIntervalSeconds, 180)
      const error = yield* Effect.flip(prefs.set("pollIntervalSeconds", "300"))
      assert.strictEqual(error._tag, "ConfigFileError")
      assert.include(error.message, filename)
      assert.include(error.message, "CCHDRM_CONFIG_DIR")
      assert.notInclude(error.message, "\n")
    }))

  it.scoped("a lock held by a live writer makes a write wait, then fail with the fix", () =>
    Effect.gen(function*() {
      const { filename, prefs } = yield* stores("{}", { lockTimeout: "300 millis" })
      yield* Effect.promise(() => fs.writeFile(`${filename}.lock`, "someone else"))
      const error = yield* Effect.flip(prefs.set("concurrency", "2"))
      assert.include(error.message, `${filename}.lock`)
      assert.include(error.message, "delete that file")
      assert.strictEqual(yield* Effect.promise(() => fs.readFile(filename, "utf8")), "{}")
    }))

  it.scoped("a lock left behind by a crashed writer is taken over", () =>
    Effect.gen(function*() {
      const { document, filename, prefs } = yield* stores("{}", { lockTimeout: "300 millis" })
      const lock = `${filename}.lock`
      yield* Effect.promise(async () => {
        await fs.writeFile(lock, "crashed")
        const old = new Date(Date.now() - 60_000)
        await fs.utimes(lock, old, old)
      })
      yield* prefs.set("concurrency", "2")
      assert.strictEqual((yield* document).concurrency, 2)
      assert.isFalse(yield* Effect.promise(() => fs.stat(lock).then(() => true, () => false)))
    }))

  it.live("changes sees another program's write, and our own, and nothing for a profile edit", () =>
    Effect.scoped(Effect.gen(function*() {
      const { filename, prefs, profiles } = yield* stores(`{"warningThreshold": 20}`)
      const seen: Array<number> = []
      const subscribed = yield* Deferred.make<void>()
      const fiber = yield* prefs.changes.pipe(
        Stream.tap((p) => Effect.sync(() => seen.push(p.warningThreshold))),
        Stream.tap(() => Deferred.succeed(subscribed, undefined)),
        Stream.takeUntil((p) => p.warningThreshold === 40),
        Stream.runLast,
        Effect.fork
      )
      yield* Deferred.await(subscribed)
      // Another program edits in place (not atomically), as a text editor might.
      yield* Effect.promise(() => fs.writeFile(filename, `{"warningThreshold": 30, "editor": "vim"}`))
      yield* Effect.gen(function*() {
        while (!seen.includes(30)) yield* Effect.sleep("20 millis")
      }).pipe(Effect.timeout("5 seconds"))
      yield* profiles.add(vault("quiet"))
      yield* prefs.set("warningThreshold", "40")
      const last = yield* Fiber.join(fiber).pipe(Effect.timeout("5 seconds"))
      assert.strictEqual(Option.getOrThrow(last).warningThreshold, 40)
      assert.deepStrictEqual(seen, [20, 30, 40])
    })))

  it.live("changes fails with the file's problem when another program breaks it", () =>
    Effect.scoped(Effect.gen(function*() {
      const { filename, prefs } = yield* stores(`{}`)
      const subscribed = yield* Deferred.make<void>()
      const fiber = yield* prefs.changes.pipe(
        Stream.tap(() => Deferred.succeed(subscribed, undefined)),
        Stream.runDrain,
        Effect.flip,
        Effect.fork
      )
      yield* Deferred.await(subscribed)
      yield* Effect.promise(() => fs.writeFile(filename, `{"concurrency": 99}`))
      const error = yield* Fiber.join(fiber).pipe(Effect.timeout("5 seconds"))
      assert.include(error.message, "concurrency = 99")
      assert.include(error.message, "1–16")
    })))
})
