// One update check per launch against the project's GitHub releases (SPEC §5): silent on any
// failure, and a version the user dismissed is not offered again.

/** An available release. */
export interface Update {
  readonly version: string
  readonly url: string
}

/** Where and how to look. `fetch` is injected so tests use a loopback fake of the releases API. */
export interface UpdateCheckOptions {
  /** `https://api.github.com/repos/OWNER/cc-hdrm/releases/latest`, or `CCHDRM_RELEASES_URL`. */
  readonly url: string
  readonly currentVersion: string
  readonly dismissed: string | null
  readonly fetch: typeof globalThis.fetch
  readonly timeoutMs?: number
}

const parts = (version: string): ReadonlyArray<number> | null => {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version.trim())
  return match === null ? null : [Number(match[1]), Number(match[2]), Number(match[3])]
}

/** Whether `candidate` is a later release than `current` (plain `x.y.z` versions only). */
export const isNewer = (candidate: string, current: string): boolean => {
  const a = parts(candidate)
  const b = parts(current)
  if (a === null || b === null) return false
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!
  return false
}

/** The newer release, or `null` — also on every network, status or format problem. */
export const checkForUpdate = async (options: UpdateCheckOptions): Promise<Update | null> => {
  try {
    const response = await options.fetch(options.url, {
      headers: { Accept: "application/vnd.github+json" },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000)
    })
    if (!response.ok) return null
    const body = await response.json() as { readonly tag_name?: unknown; readonly html_url?: unknown }
    if (typeof body.tag_name !== "string" || typeof body.html_url !== "string" || !body.html_url.startsWith("https://")) return null
    const version = body.tag_name.replace(/^v/, "")
    if (!isNewer(version, options.currentVersion) || version === options.dismissed) return null
    return { version, url: body.html_url }
  } catch {
    return null
  }
}
