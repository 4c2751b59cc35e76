// The macOS Keychain service under which Claude Code keeps its login (API.md A.4).
import { createHash } from "node:crypto"

/** The service of Claude Code's default login. */
export const defaultServiceName = "Claude Code-credentials"

/** The 8-hex suffix of a config directory: the start of the SHA-256 of its path. */
export const suffixOf = (configDir: string): string =>
  createHash("sha256").update(configDir.normalize("NFC")).digest("hex").slice(0, 8)

/**
 * The service for a `CLAUDE_CONFIG_DIR` value. Claude Code decides by whether the variable is set,
 * not by where it points: unset or empty is the default item, and any other value — even
 * `~/.claude` itself — gets `Claude Code-credentials-<suffix>`. The hash covers the value exactly as
 * set (NFC, like Claude Code's own lookup), not a resolved path, so `/a/.claude-work` and
 * `/a/.claude-work/` name different items, as they do for Claude Code.
 */
export const serviceNameFor = (claudeConfigDir: string | undefined): string =>
  claudeConfigDir === undefined || claudeConfigDir === ""
    ? defaultServiceName
    : `${defaultServiceName}-${suffixOf(claudeConfigDir)}`

/** The service for an environment (reads only `CLAUDE_CONFIG_DIR`). */
export const serviceName = (env: Readonly<Record<string, string | undefined>>): string =>
  serviceNameFor(env["CLAUDE_CONFIG_DIR"])
