// TEMPORARY, Effect-free copy of the data-directory rule of @cchdrm/storage's DataPaths (SPEC §4,
// API.md B.1), because DataPaths pulls in Effect's Schema (~300 KB) and the lean statusline must
// not load it. test/dataDir.test.ts checks it agrees with DataPaths.resolve on every platform;
// it goes away once storage exports an Effect-free resolver.
import * as path from "node:path"

/** The same facts DataPaths.resolve reads. */
export interface Input {
  readonly platform: NodeJS.Platform
  readonly env: Readonly<Record<string, string | undefined>>
  readonly home: string
}

const set = (env: Input["env"], name: string): string | undefined => {
  const value = env[name]
  return value === undefined || value === "" ? undefined : value
}

/** The data directory, or `null` when an override is invalid (the full command then explains it). */
export const dataDirOf = (input: Input): string | null => {
  const paths = input.platform === "win32" ? path.win32 : path.posix
  const clean = (dir: string) => {
    const normalized = paths.normalize(dir)
    const root = paths.parse(normalized).root
    return normalized.length > root.length && normalized.endsWith(paths.sep) ? normalized.slice(0, -1) : normalized
  }
  const absolute = (name: string) => {
    const value = set(input.env, name)
    return value !== undefined && paths.isAbsolute(value) ? value : undefined
  }
  const override = set(input.env, "CCHDRM_DATA_DIR")
  const configOverride = set(input.env, "CCHDRM_CONFIG_DIR")
  if ((override !== undefined && !paths.isAbsolute(override)) || (configOverride !== undefined && !paths.isAbsolute(configOverride))) {
    return null
  }
  if (override !== undefined) return clean(override)
  if (input.platform === "darwin") return clean(paths.join(input.home, "Library", "Application Support", "cc-hdrm"))
  if (input.platform === "win32") return clean(paths.join(absolute("APPDATA") ?? paths.join(input.home, "AppData", "Roaming"), "cc-hdrm"))
  return clean(paths.join(absolute("XDG_DATA_HOME") ?? paths.join(input.home, ".local", "share"), "cc-hdrm"))
}
