// Claude Code credentials, the cc-hdrm vault and safe OAuth token refresh.
import { HttpUsageApi } from "@cchdrm/core"
import type { ApiUrlInvalid } from "@cchdrm/core/services/ApiEndpoint"
import type { ConfigFileError } from "@cchdrm/core/services/ConfigFileError"
import type { CredentialStore } from "@cchdrm/core/services/CredentialStore"
import type { TokenRefresher } from "@cchdrm/core/services/TokenRefresher"
import type { UsageApi } from "@cchdrm/core/services/UsageApi"
import type { Vault } from "@cchdrm/core/services/Vault"
import type * as HttpClient from "@effect/platform/HttpClient"
import { Layer } from "effect"
import type { ConfigError } from "effect"
import * as ClaudeCodeCredentialStore from "./ClaudeCodeCredentialStore.js"
import * as HttpTokenRefresher from "./HttpTokenRefresher.js"
import { layerProfiles, type Options } from "./layerProfiles.js"

export * as AtomicFile from "./AtomicFile.js"
export * as ClaudeCodeCredentialStore from "./ClaudeCodeCredentialStore.js"
export * as ClaudeCodeFile from "./ClaudeCodeFile.js"
export * as FileCredentialStore from "./FileCredentialStore.js"
export * as FileLock from "./FileLock.js"
export * as FileVault from "./FileVault.js"
export * as HttpTokenRefresher from "./HttpTokenRefresher.js"
export * as KeychainCredentialStore from "./KeychainCredentialStore.js"
export * as KeychainService from "./KeychainService.js"
export * as Redact from "@cchdrm/core/domain/Redact"
export * as RoutingCredentialStore from "./RoutingCredentialStore.js"
export * as SecurityTool from "./SecurityTool.js"
export * as VaultFile from "./VaultFile.js"
export { layerProfiles, layerVault } from "./layerProfiles.js"
export type { Options as ProfilesOptions } from "./layerProfiles.js"
export { redactSecrets } from "@cchdrm/core/domain/Redact"
/** The vault service is core's (`@cchdrm/core` `Vault`); re-exported for apps that compose this package. */
export { AddedFrom, Vault } from "@cchdrm/core/services/Vault"
export type { VaultEntry } from "@cchdrm/core/services/Vault"

/**
 * Claude Code's login only (the macOS Keychain first unless `CCHDRM_KEYCHAIN=off`, then
 * `$CLAUDE_CONFIG_DIR/.credentials.json`), refreshed against `$CCHDRM_TOKEN_URL`; the app provides
 * the `HttpClient`. Apps with vault profiles use {@link layerProfiles}.
 */
export const layerClaudeCode = Layer.merge(ClaudeCodeCredentialStore.layerConfig, HttpTokenRefresher.layerConfig)

/**
 * The Anthropic side of an app: the usage API at `CCHDRM_API_URL` and the credentials of every
 * profile (see {@link layerProfiles}) refreshed at `CCHDRM_TOKEN_URL`. The app provides the
 * `HttpClient`; a URL that is neither https nor http on loopback fails the build with `ApiUrlInvalid`.
 */
export const layerAnthropic = (options: Options): Layer.Layer<
  UsageApi | CredentialStore | TokenRefresher | Vault,
  ApiUrlInvalid | ConfigError.ConfigError | ConfigFileError,
  HttpClient.HttpClient
> => Layer.merge(HttpUsageApi.layerConfig, layerProfiles(options))
