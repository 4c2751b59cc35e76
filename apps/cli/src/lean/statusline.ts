// The fast path of `cchdrm statusline`: Claude Code re-runs it on every update, so it answers from
// the status-line cache without loading Effect or SQLite, and hands over to the full command only
// when it must: no or stale cache, a feed with new numbers to store, or any other flag.
import * as StatusLine from "@cchdrm/core/domain/StatusLine"
import { PlatformDirs, StatusLineCache } from "@cchdrm/storage"
import { homedir } from "node:os"
import { readPiped } from "./readPiped.js"

/** Answered here, or what the full command needs: the stdin text already consumed. */
export type Result = { readonly handled: true } | { readonly handled: false; readonly piped: string | null }

// `--profile NAME` / `--profile=NAME` only; anything else is the full command's to parse.
const profileOf = (args: ReadonlyArray<string>): { readonly profile: string | null } | null => {
  if (args.length === 0) return { profile: null }
  if (args.length === 1 && args[0]!.startsWith("--profile=")) return { profile: args[0]!.slice("--profile=".length) }
  if (args.length === 2 && args[0] === "--profile") return { profile: args[1]! }
  return null
}

/** Tries to answer `statusline <args>` from the cache. */
export const run = async (args: ReadonlyArray<string>): Promise<Result> => {
  const parsed = profileOf(args)
  if (parsed === null) return { handled: false, piped: null }
  const piped = await readPiped()
  const fallback: Result = { handled: false, piped }
  const paths = PlatformDirs.locate({ platform: process.platform, env: process.env, home: homedir() })
  // A refused override is the full command's to explain.
  if (PlatformDirs.isRelativeOverride(paths)) return fallback
  const cache = StatusLineCache.read(paths.dataDir)
  const view = cache?.views[parsed.profile ?? cache.activeProfile]
  if (cache === null || view === undefined) return fallback
  const now = Date.now()
  const feed = piped === null ? null : StatusLine.parseFeed(piped)
  const usable = feed === null ? StatusLine.isCurrent(view, now, cache.pollIntervalSeconds) : StatusLine.feedMatches(feed, view)
  if (!usable) return fallback
  process.stdout.write(`${StatusLine.render(view, now)}\n`)
  return { handled: true }
}
