import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { defaultProfile } from "@cchdrm/core/domain/Profile"
import { CredentialStore } from "@cchdrm/core/services/CredentialStore"
import { TokenRefresher } from "@cchdrm/core/services/TokenRefresher"
import { ConfigProvider, Effect, Layer } from "effect"
import { ClaudeCodeFile, layerClaudeCode } from "../src/index.js"
import * as FakeServer from "./support/FakeServer.js"
import * as TempDir from "./support/TempDir.js"

describe("layerClaudeCode", () => {
  it.scoped("reads Claude Code's login, refreshes it and writes the rotated tokens back", () =>
    Effect.gen(function*() {
      const fake = yield* FakeServer.start()
      const account = fake.addAccount()
      const dir = yield* TempDir.make
      const path = ClaudeCodeFile.pathIn(dir)
      const original = account.credentials().claudeAiOauth
      yield* TempDir.put(path, JSON.stringify({ claudeAiOauth: original, mcpOAuth: { x: 1 } }))
      const env = ConfigProvider.fromMap(new Map([["CLAUDE_CONFIG_DIR", dir], ["CCHDRM_TOKEN_URL", fake.tokenUrl]]))
      const live = layerClaudeCode.pipe(Layer.provide(FetchHttpClient.layer), Layer.provide(Layer.setConfigProvider(env)))

      yield* Effect.gen(function*() {
        const store = yield* CredentialStore
        const refresher = yield* TokenRefresher
        const previous = yield* store.read(defaultProfile)
        const next = yield* refresher.refresh(defaultProfile, store.sourceOf(defaultProfile), previous)
        yield* store.writeBack(defaultProfile, previous, next)
      }).pipe(Effect.provide(live))

      const written = JSON.parse(yield* TempDir.text(path))
      assert.notStrictEqual(written.claudeAiOauth.accessToken, original.accessToken)
      assert.strictEqual(written.claudeAiOauth.accessToken, account.accessToken)
      assert.strictEqual(written.claudeAiOauth.refreshToken, account.refreshToken)
      assert.deepStrictEqual(written.mcpOAuth, { x: 1 })
      assert.strictEqual(yield* TempDir.modeOf(path), 0o600)
    }))
})
