// Claude Code credentials, the cc-hdrm vault and safe OAuth token refresh.
export * as KeychainService from "./KeychainService.js"
export * as Redact from "./Redact.js"
export { redactSecrets } from "./Redact.js"
