import { mkdir, readdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { CredentialStoreContract } from "@cchdrm/core/testing/contracts"
import type { SeedEntry } from "@cchdrm/core/testing/contracts"
import { defaultProfile, ProfileName } from "@cchdrm/core/domain/Profile"
import { CredentialStore } from "@cchdrm/core/services/CredentialStore"
import type { Credentials } from "@cchdrm/core/services/CredentialStore"
import { Effect, Layer, Redacted } from "effect"
import * as ClaudeCodeFile from "../src/ClaudeCodeFile.js"
import * as FileCredentialStore from "../src/FileCredentialStore.js"
import * as FileLock from "../src/FileLock.js"
import * as FileVault from "../src/FileVault.js"
import * as RoutingCredentialStore from "../src/RoutingCredentialStore.js"
import * as VaultFile from "../src/VaultFile.js"
import * as Fixtures from "./support/Fixtures.js"
import { asUnprivileged } from "./support/Privileges.js"
import * as TempDir from "./support/TempDir.js"

const asFile = (credentials: Credentials) =>
  ClaudeCodeFile.render({ root: { mcpOAuth: { kept: true } }, oauth: {}, credentials }, credentials)

/** A Claude Code config dir holding `login`, and a data dir whose vault holds `vault`. */
const world = (login: Credentials | undefined, vault: ReadonlyArray<SeedEntry>) =>
  Effect.gen(function*() {
    const configDir = yield* TempDir.make
    const dataDir = yield* TempDir.make
    if (login !== undefined) yield* TempDir.put(ClaudeCodeFile.pathIn(configDir), asFile(login))
    if (vault.length > 0) {
      yield* Effect.promise(() => mkdir(VaultFile.directoryIn(dataDir), { mode: 0o700 }))
      const document = vault.reduce(
        (doc, entry) => VaultFile.withEntry(doc, entry.profile, { claudeAiOauth: ClaudeCodeFile.mergeOAuth({ keptField: 1 }, entry.credentials), note: "kept" }),
        VaultFile.empty
      )
      yield* TempDir.put(VaultFile.pathIn(dataDir), VaultFile.render(document))
    }
    const claudeCode = yield* FileCredentialStore.make({ configDir })
    const built = yield* FileVault.make({ dataDir, claudeCode, lockWait: "300 millis" })
    return { configDir, dataDir, claudeCode, path: VaultFile.pathIn(dataDir), ...built }
  })

const routed = (entries: ReadonlyArray<SeedEntry>) =>
  Layer.scoped(
    CredentialStore,
    Effect.gen(function*() {
      const login = entries.find((entry) => entry.profile === defaultProfile)?.credentials
      const { claudeCode, store } = yield* world(login, entries.filter((entry) => entry.profile !== defaultProfile))
      return RoutingCredentialStore.make({ claudeCode, vault: store })
    })
  )

CredentialStoreContract("vault file + Claude Code file, routed", routed)

const work = ProfileName.make("work")
const stored = (path: string) => Effect.map(TempDir.text(path), (text) => JSON.parse(text))

describe("FileVault", () => {
  it.scoped("adds a snapshot of Claude Code's login into a 0600 file in a 0700 directory", () =>
    Effect.gen(function*() {
      const login = Fixtures.credentials()
      const { dataDir, path, store, vault } = yield* world(login, [])
      const entry = yield* vault.addFromClaudeCode(work)
      assert.strictEqual(entry.profile, work)
      assert.strictEqual(entry.addedFrom, "claude-code")
      assert.strictEqual(Redacted.value((yield* store.read(work)).accessToken), Redacted.value(login.accessToken))
      assert.strictEqual(yield* TempDir.modeOf(path), 0o600)
      assert.strictEqual(yield* TempDir.modeOf(VaultFile.directoryIn(dataDir)), 0o700)
      assert.deepStrictEqual(yield* Effect.promise(() => readdir(VaultFile.directoryIn(dataDir))), ["credentials.json"])
      assert.strictEqual(store.sourceOf(work), "vault")
    }))

  it.scoped("never stores `default`: it is Claude Code's login", () =>
    Effect.gen(function*() {
      const { dataDir, vault } = yield* world(Fixtures.credentials(), [])
      const error = yield* Effect.flip(vault.addFromClaudeCode(defaultProfile))
      assert.strictEqual(error._tag, "ProfileExists")
      assert.strictEqual((yield* Effect.flip(vault.rename(work, defaultProfile)))._tag, "ProfileExists")
      assert.deepStrictEqual(yield* Effect.promise(() => readdir(VaultFile.directoryIn(dataDir))), [])
    }))

  it.scoped("imports a pasted credentials file, keeping only its login, and re-adding replaces it", () =>
    Effect.gen(function*() {
      const { configDir, path, store, vault } = yield* world(undefined, [])
      const pasted = join(configDir, "pasted.json")
      const oauth = Fixtures.oauth({ futureField: "x" })
      yield* TempDir.put(pasted, `\uFEFF${JSON.stringify(Fixtures.document(oauth))}`)
      const entry = yield* vault.addFromFile(work, pasted)
      assert.strictEqual(entry.addedFrom, "file")
      assert.strictEqual(entry.subscriptionType, "max")
      assert.strictEqual(Redacted.value((yield* store.read(work)).accessToken), oauth.accessToken)
      const file = yield* stored(path)
      assert.strictEqual(file.profiles.work.claudeAiOauth.futureField, "x")
      assert.isUndefined(file.profiles.work.mcpOAuth)
      assert.notInclude(yield* TempDir.text(path), "gho_mcp-secret")

      const again = Fixtures.oauth()
      yield* TempDir.put(pasted, JSON.stringify({ claudeAiOauth: again }))
      yield* vault.addFromFile(work, pasted)
      assert.strictEqual(Redacted.value((yield* store.read(work)).accessToken), again.accessToken)
    }))

  it.scoped("lists, renames and removes profiles", () =>
    Effect.gen(function*() {
      const { store, vault } = yield* world(Fixtures.credentials(), [])
      yield* vault.addFromClaudeCode(work)
      yield* vault.addFromClaudeCode(ProfileName.make("alt"))
      assert.deepStrictEqual((yield* vault.list).map((entry) => entry.profile), ["alt", "work"])
      yield* vault.rename(work, ProfileName.make("job"))
      assert.deepStrictEqual((yield* vault.list).map((entry) => entry.profile), ["alt", "job"])
      assert.strictEqual((yield* Effect.flip(store.read(work)))._tag, "CredentialsNotFound")
      assert.strictEqual((yield* Effect.flip(vault.rename(ProfileName.make("alt"), ProfileName.make("job"))))._tag, "ProfileExists")
      yield* vault.remove(ProfileName.make("alt"))
      const missing = yield* Effect.flip(vault.remove(ProfileName.make("alt")))
      assert.strictEqual(missing._tag, "ProfileNotFound")
      assert.include(missing.message, "job")
      assert.deepStrictEqual((yield* vault.list).map((entry) => entry.profile), ["job"])
    }))

  it.scoped("write-back keeps the entry's other keys and the other profiles byte-for-byte equivalent", () =>
    Effect.gen(function*() {
      const seedOf = (name: string) => ({ profile: ProfileName.make(name), source: "vault" as const, credentials: Fixtures.credentials() })
      const { path, store } = yield* world(undefined, [seedOf("work"), seedOf("other")])
      const before = yield* stored(path)
      const previous = yield* store.read(work)
      const next = Fixtures.credentials({ expiresAt: 9_000 })
      assert.strictEqual(yield* store.writeBack(work, previous, next), next)
      const after = yield* stored(path)
      assert.deepStrictEqual(after.profiles.other, before.profiles.other)
      assert.strictEqual(after.profiles.work.note, "kept")
      assert.strictEqual(after.profiles.work.claudeAiOauth.keptField, 1)
      assert.strictEqual(after.profiles.work.claudeAiOauth.expiresAt, 9_000)
      assert.strictEqual(yield* TempDir.modeOf(path), 0o600)
    }))

  it.live("gives up on a held lock after the bounded wait with one line, file untouched", () =>
    Effect.gen(function*() {
      const { path, store, vault } = yield* world(undefined, [{ profile: work, source: "vault", credentials: Fixtures.credentials() }])
      yield* Effect.promise(() => writeFile(FileLock.lockPathOf(path), "4242@elsewhere\n"))
      const before = yield* TempDir.bytes(path)
      const previous = yield* store.read(work)
      const error = yield* Effect.flip(store.writeBack(work, previous, Fixtures.credentials()))
      assert.strictEqual(error._tag, "CredentialsWriteFailed")
      assert.match(error.message, /another process holds .*credentials\.json\.lock — try again; remove the lock file/)
      assert.notInclude(error.message, "\n")
      const manage = yield* Effect.flip(vault.remove(work))
      assert.strictEqual(manage._tag, "ConfigFileError")
      assert.deepStrictEqual(yield* TempDir.bytes(path), before)
    }).pipe(Effect.scoped))

  it.scoped("fails to build with ConfigFileError when the data dir is unusable", () =>
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      const dataDir = join(dir, "file-not-dir")
      yield* TempDir.put(dataDir, "x")
      const claudeCode = yield* FileCredentialStore.make({ configDir: dir })
      const error = yield* Effect.flip(FileVault.make({ dataDir, claudeCode }))
      assert.strictEqual(error._tag, "ConfigFileError")
      assert.match(error.message, /vault directory cannot be created \(ENOTDIR\) — check that CCHDRM_DATA_DIR/)
    }))
})

describe("FileVault malformed inputs", () => {
  // Each pasted file gets a one-line CredentialsInvalid naming it and the fix; neither it nor the
  // vault is modified (the vault is not even created).
  const pastedCases: ReadonlyArray<readonly [string, string | undefined, RegExp]> = [
    ["an empty file", "", /the file is empty — paste the whole content of ~\/\.claude\/\.credentials\.json/],
    ["HTML", "<!doctype html><html><body>login</body></html>", /the file is HTML, not JSON — paste/],
    ["a JSON array", JSON.stringify([Fixtures.document()]), /holds a JSON array, not a JSON object — paste/],
    ["claudeAiOauth with wrong types", JSON.stringify({ claudeAiOauth: { accessToken: 42, expiresAt: "soon" } }), /claudeAiOauth\.accessToken has the wrong type or is empty — paste/],
    ["no claudeAiOauth", JSON.stringify({ mcpOAuth: {} }), /it has no claudeAiOauth object — paste/],
    ["a missing file", undefined, /the file does not exist — check the path/]
  ]

  for (const [name, content, problem] of pastedCases) {
    it.scoped(`rejects a pasted file that is ${name}`, () =>
      Effect.gen(function*() {
        const { configDir, dataDir, vault } = yield* world(undefined, [])
        const pasted = join(configDir, "pasted.json")
        if (content !== undefined) yield* TempDir.put(pasted, content)
        const before = content === undefined ? undefined : yield* TempDir.bytes(pasted)
        const error = yield* Effect.flip(vault.addFromFile(work, pasted))
        assert.strictEqual(error._tag, "CredentialsInvalid")
        assert.include(error.message, `profile 'work' in ${pasted} are unusable: `)
        assert.match(error.message, problem)
        assert.notInclude(error.message, "\n")
        if (before !== undefined) assert.deepStrictEqual(yield* TempDir.bytes(pasted), before)
        assert.deepStrictEqual(yield* Effect.promise(() => readdir(VaultFile.directoryIn(dataDir))), [])
      }))
  }

  it.scoped("rejects a directory given as the pasted file", () =>
    Effect.gen(function*() {
      const { configDir, vault } = yield* world(undefined, [])
      const error = yield* Effect.flip(vault.addFromFile(work, configDir))
      assert.match(error.message, /is a directory, not a file — give the path of the file$/)
    }))

  it.scoped("rejects an unreadable pasted file (as an unprivileged user when run as root) with a chmod fix", () =>
    Effect.gen(function*() {
      const { configDir, vault } = yield* world(undefined, [])
      const pasted = join(configDir, "pasted.json")
      yield* TempDir.put(pasted, JSON.stringify(Fixtures.document()), 0o000)
      const before = yield* TempDir.bytes(pasted)
      const error = yield* Effect.flip(asUnprivileged(vault.addFromFile(work, pasted)))
      assert.match(error.message, new RegExp(`permission denied — make it readable by you with 'chmod 600 ${pasted}'$`))
      assert.deepStrictEqual(yield* TempDir.bytes(pasted), before)
      assert.strictEqual(yield* TempDir.modeOf(pasted), 0o000)
    }))

  const vaultCases: ReadonlyArray<readonly [string, string, RegExp]> = [
    ["empty", "", /the file is empty — move it aside/],
    ["HTML", "<html></html>", /the file is HTML, not JSON — move it aside/],
    ["a JSON array", "[]", /holds a JSON array, not a JSON object — move it aside/],
    ["profiles of the wrong type", JSON.stringify({ profiles: [] }), /"profiles" is not an object — move it aside/],
    ["an entry of the wrong type", JSON.stringify({ profiles: { work: "sk-ant-oat01-leak" } }), /the entry of profile 'work' is not an object/]
  ]

  for (const [name, content, problem] of vaultCases) {
    it.scoped(`reports a vault file that is ${name} on every path, never modifying it`, () =>
      Effect.gen(function*() {
        const { path, store, vault } = yield* world(Fixtures.credentials(), [])
        yield* TempDir.put(path, content)
        const before = yield* TempDir.bytes(path)
        const read = yield* Effect.flip(store.read(work))
        assert.strictEqual(read._tag, "CredentialsInvalid")
        assert.match(read.message, problem)
        assert.include(read.message, path)
        const write = yield* Effect.flip(store.writeBack(work, Fixtures.credentials(), Fixtures.credentials()))
        assert.strictEqual(write._tag, "CredentialsInvalid")
        for (const error of [yield* Effect.flip(vault.addFromClaudeCode(work)), yield* Effect.flip(vault.list), yield* Effect.flip(vault.remove(work))]) {
          assert.strictEqual(error._tag, "ConfigFileError")
          assert.match(error.message, problem)
          assert.notInclude(error.message, "\n")
          assert.notInclude(error.message, "sk-ant-")
        }
        assert.deepStrictEqual(yield* TempDir.bytes(path), before)
      }))
  }

  it.scoped("reports a broken vault entry with the re-import fix (SPEC §1.3)", () =>
    Effect.gen(function*() {
      const { path, store } = yield* world(undefined, [])
      yield* TempDir.put(path, JSON.stringify({ profiles: { work: { claudeAiOauth: { accessToken: 7 } } } }))
      const error = yield* Effect.flip(store.read(work))
      assert.strictEqual(error._tag, "CredentialsInvalid")
      assert.include(error.message, `${path} (profile 'work')`)
      assert.match(error.message, /re-import it with 'cchdrm profiles add work --from-claude-code'$/)
    }))
})
