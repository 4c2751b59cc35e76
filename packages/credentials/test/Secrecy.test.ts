// Every error this package produces, for inputs full of tokens, must show none of them (SPEC §7).
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Responses } from "@cchdrm/testkit"
import { ProfileName } from "@cchdrm/core/domain/Profile"
import { Effect, Either, Redacted } from "effect"
import * as ClaudeCodeFile from "../src/ClaudeCodeFile.js"
import * as FileCredentialStore from "../src/FileCredentialStore.js"
import * as FileLock from "../src/FileLock.js"
import * as FileVault from "../src/FileVault.js"
import * as KeychainCredentialStore from "../src/KeychainCredentialStore.js"
import * as VaultFile from "../src/VaultFile.js"
import * as FakeSecurity from "./support/FakeSecurity.js"
import * as FakeServer from "./support/FakeServer.js"
import * as Fixtures from "./support/Fixtures.js"
import { asUnprivileged } from "./support/Privileges.js"
import * as TempDir from "./support/TempDir.js"

const profile = ProfileName.make("default")

// Any 12 consecutive characters of a token's random part count as a leak.
const leaks = (text: string, tokens: ReadonlyArray<string>): ReadonlyArray<string> =>
  tokens.flatMap((token) => {
    const secret = token.replace(/^sk-ant-[a-z]+\d*-/, "")
    const found: Array<string> = []
    for (let start = 0; start + 12 <= secret.length; start++) {
      if (text.includes(secret.slice(start, start + 12))) found.push(`${token.slice(0, 16)}… at ${start}`)
    }
    return found.slice(0, 1)
  })

const everyRendering = (error: Error): ReadonlyArray<string> => [error.message, String(error), JSON.stringify(error)]

describe("no token in any message", () => {
  it.scoped("holds for file, store and refresh errors", () =>
    Effect.gen(function*() {
      const messages: Array<string> = []
      const tokens: Array<string> = []
      const oauth = Fixtures.oauth()
      tokens.push(oauth.accessToken, oauth.refreshToken)
      const collect = (error: Error) => void messages.push(...everyRendering(error))

      // Malformed files whose wrong values are the tokens themselves.
      const files = [
        JSON.stringify({ claudeAiOauth: { ...oauth, accessToken: [oauth.accessToken] } }),
        JSON.stringify({ claudeAiOauth: { ...oauth, scopes: oauth.refreshToken } }),
        JSON.stringify({ claudeAiOauth: { ...oauth, expiresAt: oauth.accessToken, refreshToken: 7 } }),
        JSON.stringify({ claudeAiOauth: oauth.accessToken }),
        JSON.stringify(oauth.refreshToken),
        JSON.stringify([oauth]),
        JSON.stringify({ claudeAiOauth: oauth }).slice(0, 90),
        `<html>${oauth.accessToken}</html>`,
        JSON.stringify({ mcpOAuth: { token: oauth.accessToken } })
      ]
      for (const text of files) {
        const parsed = ClaudeCodeFile.parse(text, "/x/.credentials.json", profile)
        assert.isTrue(Either.isLeft(parsed))
        if (Either.isLeft(parsed)) collect(parsed.left)
      }

      // The store on a real directory: malformed, a directory, unreadable, locked out.
      const dir = yield* TempDir.make
      const path = ClaudeCodeFile.pathIn(dir)
      const store = yield* FileCredentialStore.make({ configDir: dir })
      const previous = Fixtures.credentials({ accessToken: oauth.accessToken, refreshToken: oauth.refreshToken })
      for (const text of files) {
        yield* TempDir.put(path, text)
        collect(yield* Effect.flip(store.read(profile)))
        collect(yield* Effect.flip(store.writeBack(profile, previous, previous)))
      }
      yield* TempDir.put(path, JSON.stringify(Fixtures.document(oauth)), 0o000)
      collect(yield* Effect.flip(asUnprivileged(store.read(profile))))
      yield* TempDir.put(path, JSON.stringify(Fixtures.document(oauth)), 0o644)
      collect(yield* Effect.flip(asUnprivileged(store.writeBack(profile, previous, previous))))
      const subdir = `${dir}/sub`
      yield* Effect.promise(() => mkdir(`${subdir}/.credentials.json`, { recursive: true }))
      const dirStore = yield* FileCredentialStore.make({ configDir: subdir })
      collect(yield* Effect.flip(dirStore.read(profile)))

      // Refresh failures whose bodies echo the tokens.
      const fake = yield* FakeServer.start()
      const account = fake.addAccount()
      const credentials = FakeServer.credentialsOf(account)
      const refreshToken = Redacted.value(credentials.refreshToken!)
      tokens.push(account.accessToken, refreshToken)
      const refresher = yield* FakeServer.refresher(fake.tokenUrl)
      const echoing = [
        Responses.json({ error: refreshToken, error_description: refreshToken }, 400),
        Responses.json({ error: `bad ${refreshToken}` }, 401),
        { status: 500, body: `upstream said ${refreshToken}` },
        Responses.json({ access_token: 42, refresh_token: refreshToken }),
        { status: 200, body: `{"access_token": "${account.accessToken}"` },
        Responses.closeConnection()
      ]
      for (const respond of echoing) {
        fake.scriptToken({ respond })
        collect(yield* Effect.flip(refresher.refresh(profile, "claude-code", credentials)))
      }
      yield* Effect.promise(() => fake.close())
      collect(yield* Effect.flip(refresher.refresh(profile, "claude-code", credentials)))

      assert.isNotEmpty(leaks(`x${tokens[0]!.slice(20, 40)}x`, tokens), "the leak check itself finds a slice")
      assert.isAtLeast(messages.length, 3 * (files.length * 3 + 3 + echoing.length + 1))
      assert.deepStrictEqual(messages.flatMap((message) => leaks(message, tokens)), [])
      assert.isTrue(messages.every((message) => !message.includes("sk-ant-o")), "no sk-ant- token prefix left")
    }))

  it.live("holds for Keychain, vault and lock errors", () =>
    Effect.gen(function*() {
      const messages: Array<string> = []
      const oauth = Fixtures.oauth()
      const tokens = [oauth.accessToken, oauth.refreshToken]
      const collect = (error: Error) => void messages.push(...everyRendering(error))
      const malformed = [
        "",
        `<html>${oauth.accessToken}</html>`,
        JSON.stringify([oauth]),
        JSON.stringify({ claudeAiOauth: { ...oauth, accessToken: [oauth.accessToken], expiresAt: oauth.refreshToken } }),
        JSON.stringify({ claudeAiOauth: oauth.accessToken }),
        JSON.stringify({ claudeAiOauth: oauth }).slice(0, 90)
      ]
      const previous = Fixtures.credentials({ accessToken: oauth.accessToken, refreshToken: oauth.refreshToken })

      // The Keychain item, malformed, missing or locked.
      const fake = yield* FakeSecurity.install
      const lockDir = yield* TempDir.make
      const keychain = yield* KeychainCredentialStore.make({ service: "Claude Code-credentials", account: "ada", lockPath: join(lockDir, "x"), lockWait: "100 millis" })
      for (const text of malformed) {
        yield* fake.put("Claude Code-credentials", "ada", text)
        collect(yield* Effect.flip(keychain.read(profile)))
        collect(yield* Effect.flip(keychain.writeBack(profile, previous, previous)))
      }
      yield* fake.failReads(51)
      collect(yield* Effect.flip(keychain.read(profile)))
      yield* fake.failReads(null)
      yield* fake.put("Claude Code-credentials", "ada", JSON.stringify(Fixtures.document(oauth)))
      yield* Effect.promise(() => writeFile(FileLock.lockPathOf(join(lockDir, "x")), "1@held\n"))
      collect(yield* Effect.flip(keychain.writeBack(profile, previous, Fixtures.credentials())))

      // The vault: pasted files, a malformed vault file on every path, a held lock.
      const configDir = yield* TempDir.make
      const dataDir = yield* TempDir.make
      const claudeCode = yield* FileCredentialStore.make({ configDir })
      const { store, vault } = yield* FileVault.make({ dataDir, claudeCode, lockWait: "100 millis" })
      const work = ProfileName.make("work")
      const pasted = join(configDir, "pasted.json")
      for (const text of malformed) {
        yield* TempDir.put(pasted, text)
        collect(yield* Effect.flip(vault.addFromFile(work, pasted)))
      }
      yield* TempDir.put(pasted, JSON.stringify(Fixtures.document(oauth)), 0o000)
      collect(yield* Effect.flip(asUnprivileged(vault.addFromFile(work, pasted))))
      const vaultPath = VaultFile.pathIn(dataDir)
      // A valid vault may hold unknown top-level keys, so only these are broken vault files.
      const brokenVaults = [
        ...malformed.slice(0, 3),
        malformed[5]!,
        JSON.stringify({ profiles: oauth.accessToken }),
        JSON.stringify({ profiles: { work: oauth.accessToken } })
      ]
      for (const text of brokenVaults) {
        yield* TempDir.put(vaultPath, text)
        collect(yield* Effect.flip(store.read(work)))
        collect(yield* Effect.flip(store.writeBack(work, previous, previous)))
        collect(yield* Effect.flip(vault.list))
        collect(yield* Effect.flip(vault.remove(work)))
      }
      yield* TempDir.put(vaultPath, JSON.stringify({ profiles: { work: { claudeAiOauth: { ...oauth, scopes: oauth.refreshToken, expiresAt: oauth.accessToken } } } }))
      collect(yield* Effect.flip(store.read(work)))
      collect(yield* Effect.flip(store.writeBack(work, previous, previous)))
      yield* TempDir.put(vaultPath, JSON.stringify({ profiles: { work: Fixtures.document(oauth) } }))
      yield* Effect.promise(() => writeFile(FileLock.lockPathOf(vaultPath), "1@held\n"))
      collect(yield* Effect.flip(store.writeBack(work, previous, Fixtures.credentials())))
      collect(yield* Effect.flip(vault.rename(work, ProfileName.make("job"))))

      assert.strictEqual(messages.length, 3 * (malformed.length * 2 + 2 + malformed.length + 1 + brokenVaults.length * 4 + 2 + 2))
      assert.isTrue(messages.every((message) => !message.split("\n")[0]!.includes("undefined")))
      assert.deepStrictEqual(messages.flatMap((message) => leaks(message, tokens)), [])
      assert.isTrue(messages.every((message) => !message.includes("sk-ant-o")), "no sk-ant- token prefix left")
      assert.deepStrictEqual(yield* fake.violations, [])
    }).pipe(Effect.scoped))
})

