// The layer an app composes: every profile routed to its store, refreshed over real HTTP (testkit).
import { join } from "node:path"
import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { defaultProfile, ProfileName } from "@cchdrm/core/domain/Profile"
import { CredentialStore } from "@cchdrm/core/services/CredentialStore"
import { TokenRefresher } from "@cchdrm/core/services/TokenRefresher"
import { ConfigProvider, Effect, Layer, Redacted } from "effect"
import { ClaudeCodeFile, layerProfiles, Vault, VaultFile } from "../src/index.js"
import * as FakeServer from "./support/FakeServer.js"
import * as TempDir from "./support/TempDir.js"

const work = ProfileName.make("work")

describe("layerProfiles", () => {
  it.scoped("serves default from Claude Code's file and vault profiles from the vault, writing back where each came from", () =>
    Effect.gen(function*() {
      const fake = yield* FakeServer.start()
      const login = fake.addAccount()
      const configDir = yield* TempDir.make
      const dataDir = yield* TempDir.make
      const path = ClaudeCodeFile.pathIn(configDir)
      yield* TempDir.put(path, JSON.stringify({ ...login.credentials(), mcpOAuth: { x: 1 } }))
      const env = ConfigProvider.fromMap(new Map([
        ["CLAUDE_CONFIG_DIR", configDir],
        ["CCHDRM_TOKEN_URL", fake.tokenUrl],
        ["CCHDRM_KEYCHAIN", "off"]
      ]))
      const live = layerProfiles({ dataDir }).pipe(Layer.provide(FetchHttpClient.layer), Layer.provide(Layer.setConfigProvider(env)))

      yield* Effect.gen(function*() {
        const store = yield* CredentialStore
        const vault = yield* Vault
        const refresher = yield* TokenRefresher
        assert.strictEqual(store.sourceOf(defaultProfile), "claude-code")
        assert.strictEqual(store.sourceOf(work), "vault")
        const missing = yield* Effect.flip(store.read(work))
        assert.strictEqual(missing._tag, "CredentialsNotFound")
        assert.include(missing.message, "re-import it with 'cchdrm profiles add work'")

        yield* vault.addFromClaudeCode(work)
        const loginFile = yield* TempDir.bytes(path)
        const previous = yield* store.read(work)
        assert.strictEqual(Redacted.value(previous.accessToken), login.accessToken)
        const next = yield* refresher.refresh(work, store.sourceOf(work), previous)
        yield* store.writeBack(work, previous, next)
        const vaultFile = JSON.parse(yield* TempDir.text(VaultFile.pathIn(dataDir)))
        assert.strictEqual(vaultFile.profiles.work.claudeAiOauth.accessToken, Redacted.value(next.accessToken))
        assert.deepStrictEqual(yield* TempDir.bytes(path), loginFile, "Claude Code's file is not the vault profile's store")

        // A refused refresh of a vault profile tells the user to re-import it (SPEC §1.3).
        login.revokeRefreshToken()
        const expired = yield* Effect.flip(refresher.refresh(work, store.sourceOf(work), yield* store.read(work)))
        assert.strictEqual(expired._tag, "TokenExpired")
        assert.match(expired.message, /run 'claude' to log in, then re-import it with 'cchdrm profiles add work --from-claude-code'$/)
      }).pipe(Effect.provide(live))
    }))

  it.scoped("fails to build with ConfigFileError when the data dir is unusable", () =>
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      yield* TempDir.put(join(dir, "data"), "not a directory")
      const env = ConfigProvider.fromMap(new Map([["CLAUDE_CONFIG_DIR", dir]]))
      const live = layerProfiles({ dataDir: join(dir, "data") }).pipe(Layer.provide(FetchHttpClient.layer), Layer.provide(Layer.setConfigProvider(env)))
      const error = yield* Effect.flip(Effect.provide(Effect.void, live))
      assert.strictEqual(error._tag, "ConfigFileError")
      assert.include(error.message, join(dir, "data", "vault"))
    }))
})
