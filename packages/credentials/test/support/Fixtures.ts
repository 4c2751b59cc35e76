// Credentials files as Claude Code writes them (API.md A.4), with fresh tokens per call.
import { Tokens } from "@cchdrm/testkit"
import { Credentials } from "@cchdrm/core/services/CredentialStore"
import { Redacted } from "effect"

/** A `claudeAiOauth` object in Claude Code's shape. */
export const oauth = (overrides: Record<string, unknown> = {}) => ({
  accessToken: Tokens.accessToken(),
  refreshToken: Tokens.refreshToken(),
  expiresAt: 1_770_849_725_205,
  scopes: ["user:inference", "user:profile"],
  subscriptionType: "max",
  rateLimitTier: "default_claude_max_20x",
  ...overrides
})

/** A whole file: `claudeAiOauth` plus keys Claude Code keeps beside it. */
export const document = (claudeAiOauth: Record<string, unknown> = oauth()) => ({
  claudeAiOauth,
  mcpOAuth: { "github|abc123": { serverName: "github", accessToken: "gho_mcp-secret", expiresAt: 0 } },
  organizationUuid: "org-1"
})

/** Credentials with fresh tokens. */
export const credentials = (overrides: Partial<{ accessToken: string; refreshToken: string | null; expiresAt: number | null }> = {}) => {
  const refreshToken = overrides.refreshToken === undefined ? Tokens.refreshToken() : overrides.refreshToken
  return new Credentials({
    accessToken: Redacted.make(overrides.accessToken ?? Tokens.accessToken()),
    refreshToken: refreshToken === null ? null : Redacted.make(refreshToken),
    expiresAt: overrides.expiresAt === undefined ? 1_000 : overrides.expiresAt,
    scopes: ["user:inference", "user:profile"],
    subscriptionType: "max",
    rateLimitTier: "default_claude_max_20x"
  })
}
