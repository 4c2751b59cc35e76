import { lstat, mkdir, readdir, symlink, unlink, utimes, writeFile } from "node:fs/promises"
import { homedir } from "node:os"
import { dirname, join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { ProfileName } from "@cchdrm/core/domain/Profile"
import { CredentialStore } from "@cchdrm/core/services/CredentialStore"
import { ConfigProvider, Effect, Fiber, Layer, Option, Redacted } from "effect"
import * as ClaudeCodeFile from "../src/ClaudeCodeFile.js"
import * as FileCredentialStore from "../src/FileCredentialStore.js"
import * as FileLock from "../src/FileLock.js"
import * as Fixtures from "./support/Fixtures.js"
import { asUnprivileged } from "./support/Privileges.js"
import * as TempDir from "./support/TempDir.js"

const profile = ProfileName.make("default")

/** A temp config dir holding `content` as its credentials file, and the store over it. */
const setup = (content: string | Uint8Array | undefined, mode = 0o600) =>
  Effect.gen(function*() {
    const dir = yield* TempDir.make
    const path = ClaudeCodeFile.pathIn(dir)
    if (content !== undefined) yield* TempDir.put(path, content, mode)
    const store = yield* FileCredentialStore.make({ configDir: dir })
    return { dir, path, store }
  })

const stored = (path: string) => Effect.map(TempDir.text(path), (text) => JSON.parse(text))

describe("FileCredentialStore", () => {
  it.scoped("reads the credentials afresh each time and names its source", () =>
    Effect.gen(function*() {
      const first = Fixtures.oauth()
      const { path, store } = yield* setup(JSON.stringify(Fixtures.document(first)))
      assert.strictEqual(Redacted.value((yield* store.read(profile)).accessToken), first.accessToken)
      const second = Fixtures.oauth()
      yield* TempDir.put(path, JSON.stringify(Fixtures.document(second)))
      assert.strictEqual(Redacted.value((yield* store.read(profile)).accessToken), second.accessToken)
      assert.strictEqual(store.sourceOf(profile), "claude-code")
    }))

  it.scoped("holds only its own profile's login; others are CredentialsNotFound and nothing is written", () =>
    Effect.gen(function*() {
      const { dir, path } = yield* setup(JSON.stringify(Fixtures.document()))
      const before = yield* TempDir.bytes(path)
      const work = ProfileName.make("work")
      const store = yield* FileCredentialStore.make({ configDir: dir, profile: work })
      yield* store.read(work)
      const previous = yield* store.read(work)
      for (const error of [yield* Effect.flip(store.read(profile)), yield* Effect.flip(store.writeBack(profile, previous, Fixtures.credentials()))]) {
        assert.strictEqual(error._tag, "CredentialsNotFound")
        assert.strictEqual(error.profile, profile)
      }
      assert.deepStrictEqual(yield* TempDir.bytes(path), before)
    }))

  it.scoped("writes back atomically with mode 0600, keeping every other key", () =>
    Effect.gen(function*() {
      const document = Fixtures.document(Fixtures.oauth({ futureField: "kept" }))
      const { dir, path, store } = yield* setup(JSON.stringify(document), 0o644)
      const previous = yield* store.read(profile)
      const next = Fixtures.credentials({ expiresAt: 9_000 })
      const result = yield* store.writeBack(profile, previous, next)
      assert.strictEqual(result, next)
      const written = yield* stored(path)
      assert.deepStrictEqual(written.mcpOAuth, document.mcpOAuth)
      assert.strictEqual(written.organizationUuid, "org-1")
      assert.strictEqual(written.claudeAiOauth.futureField, "kept")
      assert.strictEqual(written.claudeAiOauth.accessToken, Redacted.value(next.accessToken))
      assert.strictEqual(written.claudeAiOauth.refreshToken, Redacted.value(next.refreshToken!))
      assert.strictEqual(written.claudeAiOauth.expiresAt, 9_000)
      assert.strictEqual(written.claudeAiOauth.subscriptionType, "max")
      assert.strictEqual(yield* TempDir.modeOf(path), 0o600)
      // No temp file and no lock file left behind.
      assert.deepStrictEqual(yield* Effect.promise(() => readdir(dir)), [".credentials.json"])
      assert.strictEqual(Redacted.value((yield* store.read(profile)).accessToken), Redacted.value(next.accessToken))
    }))

  it.scoped("keeps newer stored tokens untouched when another program refreshed meanwhile", () =>
    Effect.gen(function*() {
      const { path, store } = yield* setup(JSON.stringify(Fixtures.document()))
      const previous = yield* store.read(profile)
      const claudeCode = Fixtures.oauth()
      yield* TempDir.put(path, JSON.stringify(Fixtures.document(claudeCode)))
      const before = yield* TempDir.bytes(path)
      const result = yield* store.writeBack(profile, previous, Fixtures.credentials())
      assert.strictEqual(Redacted.value(result.accessToken), claudeCode.accessToken)
      assert.strictEqual(Redacted.value(result.refreshToken!), claudeCode.refreshToken)
      assert.deepStrictEqual(yield* TempDir.bytes(path), before)
    }))

  // Live: the loser polls the lock on the real clock.
  it.live("lets exactly one of two concurrent write-backs win; the other gets the winner's tokens", () =>
    Effect.gen(function*() {
      const { path, store } = yield* setup(JSON.stringify(Fixtures.document()))
      const previous = yield* store.read(profile)
      const [a, b] = [Fixtures.credentials(), Fixtures.credentials()]
      const results = yield* Effect.all([store.writeBack(profile, previous, a), store.writeBack(profile, previous, b)], {
        concurrency: 2
      })
      const winner = Redacted.value((yield* store.read(profile)).accessToken)
      assert.include([Redacted.value(a.accessToken), Redacted.value(b.accessToken)], winner)
      assert.deepStrictEqual(results.map((credentials) => Redacted.value(credentials.accessToken)), [winner, winner])
      assert.strictEqual((yield* stored(path)).organizationUuid, "org-1")
    }).pipe(Effect.scoped))

  it.live("waits while another process holds the lock, then writes", () =>
    Effect.gen(function*() {
      const { path, store } = yield* setup(JSON.stringify(Fixtures.document()))
      const lock = FileLock.lockPathOf(path)
      yield* Effect.promise(() => writeFile(lock, "4242@elsewhere\n"))
      const previous = yield* store.read(profile)
      const next = Fixtures.credentials()
      const fiber = yield* Effect.fork(store.writeBack(profile, previous, next))
      yield* Effect.sleep("300 millis")
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      assert.strictEqual((yield* stored(path)).claudeAiOauth.accessToken, Redacted.value(previous.accessToken))
      yield* Effect.promise(() => unlink(lock))
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result, next)
      assert.strictEqual((yield* stored(path)).claudeAiOauth.accessToken, Redacted.value(next.accessToken))
    }).pipe(Effect.scoped))

  it.live("gives up on a held lock after the bounded wait: one-line CredentialsWriteFailed, file untouched", () =>
    Effect.gen(function*() {
      const { dir, path } = yield* setup(JSON.stringify(Fixtures.document()))
      const store = yield* FileCredentialStore.make({ configDir: dir, lockWait: "400 millis" })
      const lock = FileLock.lockPathOf(path)
      yield* Effect.promise(() => writeFile(lock, "4242@elsewhere\n"))
      const before = yield* TempDir.bytes(path)
      const previous = yield* store.read(profile)
      const error = yield* Effect.flip(store.writeBack(profile, previous, Fixtures.credentials())).pipe(Effect.timeout("5 seconds"))
      assert.strictEqual(error._tag, "CredentialsWriteFailed")
      assert.strictEqual(error.message, `Could not save refreshed credentials of profile 'default' to ${path}: another process holds ${lock} — try again; remove the lock file if no cc-hdrm or claude is running`)
      assert.deepStrictEqual(yield* TempDir.bytes(path), before)
      // The other holder's lock is still there: giving up never removes a live lock.
      assert.strictEqual(yield* TempDir.text(lock), "4242@elsewhere\n")
    }).pipe(Effect.scoped))

  it.live("takes over a lock older than 10 seconds", () =>
    Effect.gen(function*() {
      const { path, store } = yield* setup(JSON.stringify(Fixtures.document()))
      const lock = FileLock.lockPathOf(path)
      yield* Effect.promise(async () => {
        await writeFile(lock, "4242@crashed\n")
        const old = new Date(Date.now() - 20_000)
        await utimes(lock, old, old)
      })
      const next = Fixtures.credentials()
      const result = yield* store.writeBack(profile, yield* store.read(profile), next).pipe(Effect.timeout("3 seconds"))
      assert.strictEqual(result, next)
    }).pipe(Effect.scoped))

  const unchangedByteForByte: ReadonlyArray<readonly [string, string | Uint8Array]> = [
    ["an empty file", ""],
    ["HTML", "<html><head><title>502 Bad Gateway</title></head></html>\n"],
    ["a JSON array", JSON.stringify([Fixtures.document()])],
    ["claudeAiOauth with wrong types", JSON.stringify({ claudeAiOauth: { accessToken: ["sk-ant-oat01-x"], expiresAt: "never" }, mcpOAuth: {} })],
    ["binary garbage", new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x01])]
  ]

  for (const [name, content] of unchangedByteForByte) {
    it.scoped(`fails on ${name} with CredentialsInvalid and never modifies the file`, () =>
      Effect.gen(function*() {
        const { path, store } = yield* setup(content, 0o644)
        const before = yield* TempDir.bytes(path)
        const readError = yield* Effect.flip(store.read(profile))
        assert.strictEqual(readError._tag, "CredentialsInvalid")
        const writeError = yield* Effect.flip(store.writeBack(profile, Fixtures.credentials(), Fixtures.credentials()))
        assert.strictEqual(writeError._tag, "CredentialsInvalid")
        assert.deepStrictEqual(yield* TempDir.bytes(path), before)
        assert.strictEqual(yield* TempDir.modeOf(path), 0o644)
        assert.deepStrictEqual(yield* Effect.promise(() => readdir(dirname(path))), [".credentials.json"])
      }))
  }

  it.scoped("fails on a directory in the file's place and leaves it alone", () =>
    Effect.gen(function*() {
      const { path, store } = yield* setup(undefined)
      yield* Effect.promise(() => mkdir(path))
      const error = yield* Effect.flip(store.writeBack(profile, Fixtures.credentials(), Fixtures.credentials()))
      assert.strictEqual(error._tag, "CredentialsInvalid")
      assert.deepStrictEqual(yield* Effect.promise(() => readdir(path)), [])
    }))

  it.scoped("fails on an unreadable file with a chmod fix and never modifies it", () =>
    Effect.gen(function*() {
      const { path, store } = yield* setup(JSON.stringify(Fixtures.document()), 0o000)
      const before = yield* TempDir.bytes(path)
      const error = yield* Effect.flip(asUnprivileged(store.read(profile)))
      assert.strictEqual(error._tag, "CredentialsInvalid")
      if (error._tag === "CredentialsInvalid") assert.include(error.problem, `chmod 600 ${path}`)
      yield* Effect.flip(asUnprivileged(store.writeBack(profile, Fixtures.credentials(), Fixtures.credentials())))
      assert.deepStrictEqual(yield* TempDir.bytes(path), before)
      assert.strictEqual(yield* TempDir.modeOf(path), 0o000)
    }))

  it.scoped("reports a lock it cannot create as CredentialsWriteFailed, file untouched", () =>
    Effect.gen(function*() {
      // Readable, but the directory is not writable for this user: no lock, so no write.
      const { path, store } = yield* setup(JSON.stringify(Fixtures.document()), 0o644)
      const before = yield* TempDir.bytes(path)
      const previous = yield* store.read(profile)
      const error = yield* Effect.flip(asUnprivileged(store.writeBack(profile, previous, Fixtures.credentials())))
      assert.strictEqual(error._tag, "CredentialsWriteFailed")
      assert.notInclude(error.message, "\n")
      assert.deepStrictEqual(yield* TempDir.bytes(path), before)
    }))

  it.scoped("reports a missing file or config dir on write-back as CredentialsNotFound, creating nothing", () =>
    Effect.gen(function*() {
      const { dir, store } = yield* setup(undefined)
      const error = yield* Effect.flip(store.writeBack(profile, Fixtures.credentials(), Fixtures.credentials()))
      assert.strictEqual(error._tag, "CredentialsNotFound")
      assert.deepStrictEqual(yield* Effect.promise(() => readdir(dir)), [])
      const absent = yield* FileCredentialStore.make({ configDir: join(dir, "absent") })
      const missingDir = yield* Effect.flip(absent.writeBack(profile, Fixtures.credentials(), Fixtures.credentials()))
      assert.strictEqual(missingDir._tag, "CredentialsNotFound")
    }))

  it.scoped("writes through a symlinked credentials file to its target, keeping the link", () =>
    Effect.gen(function*() {
      const { dir, path, store } = yield* setup(undefined)
      const target = join(dir, "dotfiles-credentials.json")
      yield* TempDir.put(target, JSON.stringify(Fixtures.document()))
      yield* Effect.promise(() => symlink(target, path))
      const next = Fixtures.credentials()
      yield* store.writeBack(profile, yield* store.read(profile), next)
      assert.isTrue((yield* Effect.promise(() => lstat(path))).isSymbolicLink())
      assert.strictEqual((yield* stored(target)).claudeAiOauth.accessToken, Redacted.value(next.accessToken))
      assert.strictEqual(yield* TempDir.modeOf(target), 0o600)
    }))
})

describe("FileCredentialStore.layerConfig", () => {
  it.scoped("reads CLAUDE_CONFIG_DIR", () =>
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      const oauth = Fixtures.oauth()
      yield* TempDir.put(ClaudeCodeFile.pathIn(dir), JSON.stringify(Fixtures.document(oauth)))
      const credentials = yield* Effect.flatMap(CredentialStore, (store) => store.read(profile)).pipe(
        Effect.provide(FileCredentialStore.layerConfig.pipe(
          Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map([["CLAUDE_CONFIG_DIR", dir]]))))
        ))
      )
      assert.strictEqual(Redacted.value(credentials.accessToken), oauth.accessToken)
    }))

  it.effect("defaults to ~/.claude when CLAUDE_CONFIG_DIR is unset or empty", () =>
    Effect.gen(function*() {
      for (const env of [new Map<string, string>(), new Map([["CLAUDE_CONFIG_DIR", ""]])]) {
        const dir = yield* Effect.withConfigProvider(FileCredentialStore.configDir, ConfigProvider.fromMap(env))
        assert.strictEqual(dir, join(homedir(), ".claude"))
      }
    }))

  it.effect("credentialsPlace names Claude Code's file under CLAUDE_CONFIG_DIR, and the vault", () =>
    Effect.gen(function*() {
      const place = yield* Effect.withConfigProvider(FileCredentialStore.credentialsPlace, ConfigProvider.fromMap(new Map([["CLAUDE_CONFIG_DIR", "/x/claude"]])))
      assert.strictEqual(place("claude-code"), ClaudeCodeFile.pathIn("/x/claude"))
      assert.strictEqual(place("vault"), "the cc-hdrm vault")
    }))
})
