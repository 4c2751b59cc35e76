// The Keychain store against a fake `security` first on PATH (the real tool exists only on macOS).
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { CredentialStoreContract } from "@cchdrm/core/testing/contracts"
import type { SeedEntry } from "@cchdrm/core/testing/contracts"
import { defaultProfile } from "@cchdrm/core/domain/Profile"
import type { ProfileName } from "@cchdrm/core/domain/Profile"
import { CredentialsNotFound, CredentialStore } from "@cchdrm/core/services/CredentialStore"
import type { Credentials, ReadError } from "@cchdrm/core/services/CredentialStore"
import { ConfigProvider, Effect, Layer, Redacted } from "effect"
import * as ClaudeCodeCredentialStore from "../src/ClaudeCodeCredentialStore.js"
import * as ClaudeCodeFile from "../src/ClaudeCodeFile.js"
import * as KeychainCredentialStore from "../src/KeychainCredentialStore.js"
import * as KeychainService from "../src/KeychainService.js"
import * as FakeSecurity from "./support/FakeSecurity.js"
import * as Fixtures from "./support/Fixtures.js"
import * as TempDir from "./support/TempDir.js"

const service = "Claude Code-credentials"
const account = "ada"
const asItem = (credentials: Credentials) =>
  ClaudeCodeFile.render({ root: { mcpOAuth: { kept: true } }, oauth: {}, credentials }, credentials)

// Every contract profile is its own Keychain item (service suffixed by the profile), so the
// whole contract, compare-and-swap included, goes through the fake tool.
const keychainOnly = (entries: ReadonlyArray<SeedEntry>) =>
  Layer.scoped(
    CredentialStore,
    Effect.gen(function*() {
      const fake = yield* FakeSecurity.install
      const lockDir = yield* TempDir.make
      const serviceOf = (profile: string) => profile === defaultProfile ? service : `${service}-${profile}`
      for (const entry of entries) yield* fake.put(serviceOf(entry.profile), account, asItem(entry.credentials))
      const sources = new Map(entries.map((entry) => [entry.profile, entry.source]))
      const sourceOf = (profile: ProfileName) => sources.get(profile) ?? (profile === defaultProfile ? "claude-code" : "vault")
      // The Keychain holds Claude Code's login only; a missing contract profile is reported as the
      // contract's own source, as the routing store will.
      const asSeeded = (profile: ProfileName) => (effect: Effect.Effect<Credentials, ReadError>) =>
        Effect.catchTag(effect, "CredentialsNotFound", (error) =>
          Effect.fail(new CredentialsNotFound({ profile, searched: error.searched, source: sourceOf(profile) })))
      const storeOf = (profile: ProfileName) =>
        KeychainCredentialStore.make({ service: serviceOf(profile), account, profile, lockPath: join(lockDir, profile) })
      yield* Effect.addFinalizer(() =>
        Effect.gen(function*() {
          // The contract's tokens are `…-access` / `…-refresh`: none may ever have been an argument.
          assert.deepStrictEqual(yield* fake.violations, [])
          assert.isAbove((yield* fake.argvs).length, 10)
        }).pipe(Effect.orDie)
      )
      return CredentialStore.of({
        read: (profile) => Effect.flatMap(storeOf(profile), (store) => store.read(profile)).pipe(asSeeded(profile)),
        sourceOf,
        writeBack: (profile, previous, next) => Effect.flatMap(storeOf(profile), (store) => store.writeBack(profile, previous, next))
      })
    })
  )

CredentialStoreContract("Keychain (fake security on PATH)", keychainOnly)

const setup = Effect.gen(function*() {
  const fake = yield* FakeSecurity.install
  const configDir = yield* TempDir.make
  const store = yield* KeychainCredentialStore.make({ service, account, lockPath: ClaudeCodeFile.pathIn(configDir) })
  return { fake, configDir, store }
})

describe("KeychainCredentialStore", () => {
  it.scoped("reads the item with find-generic-password -s -a -w and writes back through security -i, keeping other keys", () =>
    Effect.gen(function*() {
      const { fake, store } = yield* setup
      const oauth = Fixtures.oauth({ futureField: 1 })
      yield* fake.put(service, account, JSON.stringify(Fixtures.document(oauth)))
      const previous = yield* store.read(defaultProfile)
      assert.strictEqual(Redacted.value(previous.accessToken), oauth.accessToken)
      const next = Fixtures.credentials({ expiresAt: 7_000 })
      assert.strictEqual(yield* store.writeBack(defaultProfile, previous, next), next)
      const item = JSON.parse((yield* fake.get(service, account))!)
      assert.strictEqual(item.claudeAiOauth.accessToken, Redacted.value(next.accessToken))
      assert.strictEqual(item.claudeAiOauth.futureField, 1)
      assert.deepStrictEqual(item.mcpOAuth, Fixtures.document().mcpOAuth)
      assert.strictEqual(item.organizationUuid, "org-1")
      const argvs = yield* fake.argvs
      assert.deepStrictEqual(argvs[0], ["find-generic-password", "-s", service, "-a", account, "-w"])
      assert.deepStrictEqual(argvs.filter((argv) => argv[0] !== "find-generic-password"), [["-i"]])
      const tokens = [oauth.accessToken, oauth.refreshToken, Redacted.value(next.accessToken), Redacted.value(next.refreshToken!)]
      assert.isFalse(argvs.flat().some((arg) => tokens.some((token) => arg.includes(token.slice(14)))))
      assert.deepStrictEqual(yield* fake.violations, [])
    }))

  it.scoped("keeps newer tokens in the item when Claude Code refreshed meanwhile", () =>
    Effect.gen(function*() {
      const { fake, store } = yield* setup
      yield* fake.put(service, account, JSON.stringify(Fixtures.document()))
      const previous = yield* store.read(defaultProfile)
      const newer = JSON.stringify(Fixtures.document())
      yield* fake.put(service, account, newer)
      const result = yield* store.writeBack(defaultProfile, previous, Fixtures.credentials())
      assert.strictEqual(Redacted.value(result.accessToken), JSON.parse(newer).claudeAiOauth.accessToken)
      assert.strictEqual(yield* fake.get(service, account), newer)
      assert.isFalse((yield* fake.argvs).some((argv) => argv[0] === "-i"))
    }))

  it.scoped("treats an item holding only other keys as no credentials, and a missing item too", () =>
    Effect.gen(function*() {
      const { fake, store } = yield* setup
      const missing = yield* Effect.flip(store.read(defaultProfile))
      assert.strictEqual(missing._tag, "CredentialsNotFound")
      yield* fake.put(service, account, JSON.stringify({ mcpOAuth: { a: 1 } }))
      const only = yield* Effect.flip(store.read(defaultProfile))
      assert.strictEqual(only._tag, "CredentialsNotFound")
      assert.include(only.message, `Keychain item '${service}'`)
      const write = yield* Effect.flip(store.writeBack(defaultProfile, Fixtures.credentials(), Fixtures.credentials()))
      assert.strictEqual(write._tag, "CredentialsNotFound")
      assert.strictEqual(yield* fake.get(service, account), JSON.stringify({ mcpOAuth: { a: 1 } }))
    }))

  it.scoped("reports a locked keychain as one line naming the item and CCHDRM_KEYCHAIN=off", () =>
    Effect.gen(function*() {
      const { fake, store } = yield* setup
      yield* fake.put(service, account, JSON.stringify(Fixtures.document()))
      yield* fake.failReads(51)
      const error = yield* Effect.flip(store.read(defaultProfile))
      assert.strictEqual(error._tag, "CredentialsInvalid")
      assert.match(error.message, /Keychain item 'Claude Code-credentials' \(account ada\).*exit 51.*CCHDRM_KEYCHAIN=off/)
      assert.notInclude(error.message, "\n")
    }))
})

describe("ClaudeCodeCredentialStore", () => {
  it.scoped("reads the Keychain first, falls back to the file, and writes back where it read", () =>
    Effect.gen(function*() {
      const fake = yield* FakeSecurity.install
      const configDir = yield* TempDir.make
      const path = ClaudeCodeFile.pathIn(configDir)
      const fileOauth = Fixtures.oauth()
      yield* TempDir.put(path, JSON.stringify(Fixtures.document(fileOauth)))
      const store = yield* ClaudeCodeCredentialStore.make({ configDir, keychain: { service, account } })
      const fromFile = yield* store.read(defaultProfile)
      assert.strictEqual(Redacted.value(fromFile.accessToken), fileOauth.accessToken)
      const next = Fixtures.credentials()
      yield* store.writeBack(defaultProfile, fromFile, next)
      assert.strictEqual(JSON.parse(yield* TempDir.text(path)).claudeAiOauth.accessToken, Redacted.value(next.accessToken))
      assert.isUndefined(yield* fake.get(service, account))

      const keychainOauth = Fixtures.oauth()
      yield* fake.put(service, account, JSON.stringify({ claudeAiOauth: keychainOauth }))
      const fromKeychain = yield* store.read(defaultProfile)
      assert.strictEqual(Redacted.value(fromKeychain.accessToken), keychainOauth.accessToken)
      const fileBefore = yield* TempDir.bytes(path)
      const rotated = Fixtures.credentials()
      yield* store.writeBack(defaultProfile, fromKeychain, rotated)
      assert.strictEqual(JSON.parse((yield* fake.get(service, account))!).claudeAiOauth.accessToken, Redacted.value(rotated.accessToken))
      assert.deepStrictEqual(yield* TempDir.bytes(path), fileBefore)
    }))

  it.scoped("names both places when neither holds a login", () =>
    Effect.gen(function*() {
      yield* FakeSecurity.install
      const configDir = yield* TempDir.make
      const store = yield* ClaudeCodeCredentialStore.make({ configDir, keychain: { service, account } })
      const error = yield* Effect.flip(store.read(defaultProfile))
      assert.strictEqual(error._tag, "CredentialsNotFound")
      if (error._tag === "CredentialsNotFound") {
        assert.deepStrictEqual(error.searched, [`Keychain item '${service}' (account ${account})`, ClaudeCodeFile.pathIn(configDir)])
      }
    }))

  it.effect("reads the Keychain item's name from the raw CLAUDE_CONFIG_DIR on macOS only", () =>
    Effect.gen(function*() {
      const optionsIn = (platform: NodeJS.Platform, env: ReadonlyArray<readonly [string, string]>) =>
        Effect.withConfigProvider(ClaudeCodeCredentialStore.optionsConfig(platform), ConfigProvider.fromMap(new Map(env)))
      const custom = yield* optionsIn("darwin", [["CLAUDE_CONFIG_DIR", "/Users/ada/.claude-work"]])
      assert.deepStrictEqual(custom, { configDir: "/Users/ada/.claude-work", keychain: { service: KeychainService.serviceNameFor("/Users/ada/.claude-work") } })
      assert.notStrictEqual(custom.keychain?.service, service)
      assert.strictEqual((yield* optionsIn("darwin", [])).keychain?.service, service)
      assert.isUndefined((yield* optionsIn("darwin", [["CCHDRM_KEYCHAIN", "off"]])).keychain)
      assert.isUndefined((yield* optionsIn("linux", [])).keychain)
    }))

  it("uses the Keychain only on macOS and not with CCHDRM_KEYCHAIN=off", () => {
    assert.isTrue(ClaudeCodeCredentialStore.keychainEnabled("darwin", "on"))
    assert.isFalse(ClaudeCodeCredentialStore.keychainEnabled("darwin", "off"))
    assert.isFalse(ClaudeCodeCredentialStore.keychainEnabled("darwin", " OFF "))
    assert.isFalse(ClaudeCodeCredentialStore.keychainEnabled("linux", "on"))
  })
})
