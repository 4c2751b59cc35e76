// The status-line cache: the last status-line view of each profile, in a small JSON file in the
// data directory, written atomically whenever a poll is stored, so `cchdrm statusline` can answer
// without loading Effect or SQLite. Effect-free on purpose: the lean statusline bundle imports it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { StatusLine } from "@cchdrm/core"

/** The cache file's name inside the data directory. */
export const fileName = "statusline-cache.json"

/** What the cache holds. */
export interface Cache {
  readonly version: 1
  readonly activeProfile: string
  readonly pollIntervalSeconds: number
  readonly views: Readonly<Record<string, StatusLine.View>>
}

/** The cache in `dataDir`, `null` when missing, unreadable or of another version (then the full path answers). */
export const read = (dataDir: string): Cache | null => {
  try {
    const cache = JSON.parse(readFileSync(join(dataDir, fileName), "utf8")) as Cache
    return cache.version === 1 && typeof cache.views === "object" && cache.views !== null ? cache : null
  } catch {
    return null
  }
}

/**
 * Merges `views` into the cache (other profiles' views are kept) and writes it atomically:
 * a temp file renamed over the old one, so a concurrent reader sees the old or the new file whole.
 */
export const write = (dataDir: string, update: Omit<Cache, "version">): void => {
  const previous = read(dataDir)
  const cache: Cache = { ...update, version: 1, views: { ...previous?.views, ...update.views } }
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, fileName)
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(cache), { mode: 0o600 })
  renameSync(temp, path)
}
