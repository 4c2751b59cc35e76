// Claude Code credentials, the cc-hdrm vault and safe OAuth token refresh.
import { Layer } from "effect"
import * as FileCredentialStore from "./FileCredentialStore.js"
import * as HttpTokenRefresher from "./HttpTokenRefresher.js"

export * as AtomicFile from "./AtomicFile.js"
export * as ClaudeCodeFile from "./ClaudeCodeFile.js"
export * as FileCredentialStore from "./FileCredentialStore.js"
export * as FileLock from "./FileLock.js"
export * as HttpTokenRefresher from "./HttpTokenRefresher.js"
export * as KeychainService from "./KeychainService.js"
export * as Redact from "./Redact.js"
export { redactSecrets } from "./Redact.js"

/**
 * Claude Code's login from `$CLAUDE_CONFIG_DIR/.credentials.json`, refreshed against
 * `$CCHDRM_TOKEN_URL`; the app provides the `HttpClient`.
 */
export const layerClaudeCode = Layer.merge(FileCredentialStore.layerConfig, HttpTokenRefresher.layerConfig)
