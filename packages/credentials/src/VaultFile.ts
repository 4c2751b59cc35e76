// The vault file: `{"profiles": {"<name>": {"claudeAiOauth": {…}, "addedFrom", "addedAt"}}}`.
import { join } from "node:path"
import type { ProfileName } from "@cchdrm/core/domain/Profile"
import { Either } from "effect"
import * as ClaudeCodeFile from "./ClaudeCodeFile.js"
import type { AddedFrom, VaultEntry } from "@cchdrm/core/services/Vault"

/** The vault's own directory inside the data dir, mode 0700 (the data dir also holds `usage.db`). */
export const directoryIn = (dataDir: string): string => join(dataDir, "vault")

/** The vault file of a data dir. */
export const pathIn = (dataDir: string): string => join(directoryIn(dataDir), "credentials.json")

/** The parsed file; `root` keeps keys this version does not know, for the next write. */
export interface Document {
  readonly root: Readonly<Record<string, unknown>>
  readonly profiles: Readonly<Record<string, Readonly<Record<string, unknown>>>>
}

/** A vault with no profiles (the file does not exist yet). */
export const empty: Document = { root: {}, profiles: {} }

/** The fix for a vault file that cannot be parsed. */
export const moveAside = "move it aside and re-import your profiles with 'cchdrm profiles add'"

/** The fix for one broken or expired vault profile (SPEC §1.3). */
export const reimport = (profile: ProfileName): string =>
  `run 'claude' to log in, then re-import it with 'cchdrm profiles add ${profile} --from-claude-code'`

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Parses the file's text; a problem is one line ending in the fix, never showing a value. */
export const parse = (text: string): Either.Either<Document, string> =>
  Either.flatMap(ClaudeCodeFile.parseObject(text, moveAside), (root) => {
    const profiles = root["profiles"] ?? {}
    if (!isRecord(profiles)) return Either.left(`"profiles" is not an object — ${moveAside}`)
    const broken = Object.keys(profiles).find((name) => !isRecord(profiles[name]))
    return broken === undefined
      ? Either.right({ root, profiles: profiles as Document["profiles"] })
      : Either.left(`the entry of profile '${broken}' is not an object — ${moveAside}`)
  })

/** The file's text. */
export const render = (document: Document): string =>
  `${JSON.stringify({ ...document.root, profiles: document.profiles }, null, 2)}\n`

/** `document` with `profile`'s entry set (`undefined` removes it). */
export const withEntry = (
  document: Document,
  profile: string,
  entry: Readonly<Record<string, unknown>> | undefined
): Document => {
  const { [profile]: _replaced, ...others } = document.profiles
  return { root: document.root, profiles: entry === undefined ? others : { ...others, [profile]: entry } }
}

/** A new entry holding `oauth` (A.4's `claudeAiOauth` object). */
export const entry = (oauth: Readonly<Record<string, unknown>>, addedFrom: AddedFrom, addedAt: number) => ({
  claudeAiOauth: oauth,
  addedFrom,
  addedAt
})

const stringOrNull = (value: unknown): string | null => typeof value === "string" ? value : null
const numberOrNull = (value: unknown): number | null => typeof value === "number" ? value : null

/** What `list` shows of an entry: read leniently, so one broken entry still lists. */
export const describe = (profile: ProfileName, stored: Readonly<Record<string, unknown>>): VaultEntry => {
  const oauth = isRecord(stored["claudeAiOauth"]) ? stored["claudeAiOauth"] : {}
  const addedFrom = stored["addedFrom"]
  return {
    profile,
    addedFrom: addedFrom === "claude-code" || addedFrom === "file" ? addedFrom : null,
    addedAt: numberOrNull(stored["addedAt"]),
    expiresAt: numberOrNull(oauth["expiresAt"]),
    subscriptionType: stringOrNull(oauth["subscriptionType"]),
    rateLimitTier: stringOrNull(oauth["rateLimitTier"])
  }
}
