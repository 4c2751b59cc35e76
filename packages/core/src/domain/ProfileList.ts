// `profiles list`: every profile with its source, the active one, and what the vault knows of it.
import type { CredentialSource } from "../services/CredentialStore.js"
import * as Format from "./Format.js"
import { isoOrNull as iso } from "./IsoTime.js"

/** What a credential vault tells about a stored profile — never a token. */
export interface Stored {
  readonly addedFrom: "claude-code" | "file" | null
  /** Epoch ms, `null` when unknown. */
  readonly addedAt: number | null
  readonly expiresAt: number | null
  readonly subscriptionType: string | null
  readonly rateLimitTier: string | null
}

/** One profile as `profiles list --json` prints it. */
export interface Listed {
  readonly name: string
  readonly source: CredentialSource
  readonly active: boolean
  /** Whether the vault holds tokens for it (always false for Claude Code's login). */
  readonly stored: boolean
  readonly addedFrom: "claude-code" | "file" | null
  readonly addedAt: string | null
  readonly expiresAt: string | null
  readonly subscriptionType: string | null
  readonly tier: string | null
}

/** A profile to list: its entry, whether it is active, and its vault entry if it has one. */
export interface Row {
  readonly name: string
  readonly source: CredentialSource
  readonly active: boolean
  readonly stored: Stored | undefined
}


/** The JSON form of a row. */
export const listed = (row: Row): Listed => ({
  name: row.name,
  source: row.source,
  active: row.active,
  stored: row.stored !== undefined,
  addedFrom: row.stored?.addedFrom ?? null,
  addedAt: iso(row.stored?.addedAt ?? null),
  expiresAt: iso(row.stored?.expiresAt ?? null),
  subscriptionType: row.stored?.subscriptionType ?? null,
  tier: row.stored?.rateLimitTier ?? null
})

/** `token expires in 7h 59m`, `token expired` or `expiry unknown`. */
export const tokenExpiry = (expiresAt: number | null, now: number): string =>
  expiresAt === null ? "expiry unknown" : expiresAt > now ? `token expires in ${Format.countdown(expiresAt, now)}` : "token expired"

const describe = (row: Row, now: number): string => {
  if (row.source === "claude-code") return "Claude Code's login"
  const stored = row.stored
  if (stored === undefined) return `no stored tokens — add them with 'cchdrm profiles add ${row.name} --token-file FILE'`
  const plan = [stored.subscriptionType, stored.rateLimitTier].filter((part) => part !== null).join(" · ")
  const from = stored.addedFrom === "file" ? "from a file" : stored.addedFrom === "claude-code" ? "from Claude Code" : null
  return [plan === "" ? "tier unknown" : plan, tokenExpiry(stored.expiresAt, now), from === null ? null : `added ${from}`]
    .filter((part) => part !== null).join(", ")
}

/** One aligned line per profile: `*` marks the active one, then name, source and details. */
export const lines = (rows: ReadonlyArray<Row>, now: number): ReadonlyArray<string> => {
  const width = Math.max(...rows.map((row) => row.name.length))
  return rows.map((row) => `${row.active ? "*" : " "} ${row.name.padEnd(width)}  ${row.source.padEnd(11)}  ${describe(row, now)}`)
}

/**
 * What `profiles add --from-claude-code` adds to its report: the copy holds Claude Code's current
 * refresh token, which cc-hdrm never spends (see pollProfile's token rules).
 */
export const sharedLoginText = (profile: string): string =>
  `Profile '${profile}' shares Claude Code's current login: cc-hdrm never refreshes it (that would log Claude Code out); ` +
  `it takes Claude Code's newer tokens until the two differ — log in to another account in Claude Code, then add it again to make it its own.`

/** What `profiles add` reports: `Added profile 'work' (default_claude_pro, token expires in 8h 0m)`. */
export const addedText = (profile: string, stored: Stored, replaced: boolean, now: number): string =>
  `${replaced ? "Replaced the tokens of" : "Added"} profile '${profile}' (${stored.rateLimitTier ?? stored.subscriptionType ?? "tier unknown"}, ${
    tokenExpiry(stored.expiresAt, now)
  })`
