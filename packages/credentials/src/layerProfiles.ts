// Every profile's credentials and their refresh: what an app composes (SPEC §1.1–1.3).
import type * as HttpClient from "@effect/platform/HttpClient"
import type { ApiUrlInvalid } from "@cchdrm/core/services/ApiEndpoint"
import type { ConfigFileError } from "@cchdrm/core/services/ConfigFileError"
import { CredentialStore } from "@cchdrm/core/services/CredentialStore"
import type { TokenRefresher } from "@cchdrm/core/services/TokenRefresher"
import { Effect, Layer } from "effect"
import type { ConfigError } from "effect"
import * as ClaudeCodeCredentialStore from "./ClaudeCodeCredentialStore.js"
import * as FileVault from "./FileVault.js"
import * as HttpTokenRefresher from "./HttpTokenRefresher.js"
import * as RoutingCredentialStore from "./RoutingCredentialStore.js"
import { Vault } from "@cchdrm/core/services/Vault"

/** Where the vault lives. */
export interface Options {
  /**
   * cc-hdrm's data dir, as storage's `DataPaths` resolves it (`CCHDRM_DATA_DIR` or the platform's),
   * so the vault always sits beside `usage.db`; the vault is `<dataDir>/vault/credentials.json`.
   */
  readonly dataDir: string
}

/**
 * `CredentialStore` for every profile — `default` from Claude Code's login (the macOS Keychain
 * first unless `CCHDRM_KEYCHAIN=off`, then `$CLAUDE_CONFIG_DIR/.credentials.json`), every other
 * profile from the vault — plus the `Vault` that `cchdrm profiles` manages and the `TokenRefresher`
 * for `$CCHDRM_TOKEN_URL`. Fails to build with `ConfigFileError` when the vault directory cannot be
 * created, and with `ApiUrlInvalid` when `CCHDRM_TOKEN_URL` is neither https nor http on loopback.
 * Call it once per app and reuse the value (layers are memoised by reference).
 */
export const layerProfiles = (
  options: Options
): Layer.Layer<CredentialStore | TokenRefresher | Vault, ApiUrlInvalid | ConfigError.ConfigError | ConfigFileError, HttpClient.HttpClient> =>
  Layer.unwrapEffect(
    Effect.gen(function*() {
      const claudeCode = yield* Effect.flatMap(ClaudeCodeCredentialStore.optionsConfig(), ClaudeCodeCredentialStore.make)
      const { store, vault } = yield* FileVault.make({ dataDir: options.dataDir, claudeCode })
      return Layer.mergeAll(
        Layer.succeed(CredentialStore, RoutingCredentialStore.make({ claudeCode, vault: store })),
        Layer.succeed(Vault, vault),
        HttpTokenRefresher.layerConfig
      )
    })
  )

/**
 * The `Vault` alone, for apps that edit or list profiles without polling (no HTTP, no token URL).
 * Fails to build with `ConfigFileError` when the vault directory cannot be created.
 */
export const layerVault = (options: Options): Layer.Layer<Vault, ConfigError.ConfigError | ConfigFileError> =>
  Layer.effect(
    Vault,
    Effect.gen(function*() {
      const claudeCode = yield* Effect.flatMap(ClaudeCodeCredentialStore.optionsConfig(), ClaudeCodeCredentialStore.make)
      return (yield* FileVault.make({ dataDir: options.dataDir, claudeCode })).vault
    })
  )
