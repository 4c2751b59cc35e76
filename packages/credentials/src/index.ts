// Claude Code credentials, the cc-hdrm vault and safe OAuth token refresh.
import { Layer } from "effect"
import * as ClaudeCodeCredentialStore from "./ClaudeCodeCredentialStore.js"
import * as HttpTokenRefresher from "./HttpTokenRefresher.js"

export * as AtomicFile from "./AtomicFile.js"
export * as ClaudeCodeCredentialStore from "./ClaudeCodeCredentialStore.js"
export * as ClaudeCodeFile from "./ClaudeCodeFile.js"
export * as FileCredentialStore from "./FileCredentialStore.js"
export * as FileLock from "./FileLock.js"
export * as FileVault from "./FileVault.js"
export * as HttpTokenRefresher from "./HttpTokenRefresher.js"
export * as KeychainCredentialStore from "./KeychainCredentialStore.js"
export * as KeychainService from "./KeychainService.js"
export * as Redact from "./Redact.js"
export * as RoutingCredentialStore from "./RoutingCredentialStore.js"
export * as SecurityTool from "./SecurityTool.js"
export * as VaultFile from "./VaultFile.js"
export { layerProfiles } from "./layerProfiles.js"
export type { Options as ProfilesOptions } from "./layerProfiles.js"
export { redactSecrets } from "./Redact.js"
export { AddedFrom, Vault } from "./Vault.js"
export type { VaultEntry } from "./Vault.js"

/**
 * Claude Code's login only (the macOS Keychain first unless `CCHDRM_KEYCHAIN=off`, then
 * `$CLAUDE_CONFIG_DIR/.credentials.json`), refreshed against `$CCHDRM_TOKEN_URL`; the app provides
 * the `HttpClient`. Apps with vault profiles use {@link layerProfiles}.
 */
export const layerClaudeCode = Layer.merge(ClaudeCodeCredentialStore.layerConfig, HttpTokenRefresher.layerConfig)
