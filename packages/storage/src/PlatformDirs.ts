// Where cc-hdrm keeps its files on each platform (SPEC §4, API.md B.1 and B.6), with no Effect
// import: the lean `cchdrm statusline` finds its cache through this module alone.
import * as path from "node:path"

/** The facts the paths depend on; `resolve` reads nothing else. */
export interface Input {
  readonly platform: NodeJS.Platform
  readonly env: Readonly<Record<string, string | undefined>>
  /** The user's home directory (absolute). */
  readonly home: string
}

/** Which setting a directory came from, for `doctor`. */
export type Source =
  | "CCHDRM_DATA_DIR"
  | "CCHDRM_CONFIG_DIR"
  | "XDG_DATA_HOME"
  | "XDG_CONFIG_HOME"
  | "APPDATA"
  | "default"

/** cc-hdrm's directories and the files in them. */
export interface DataPaths {
  /** Directory of `usage.db` (and, per B.1, the credential vault). */
  readonly dataDir: string
  readonly dataDirSource: Source
  /** Directory of `config.json`. */
  readonly configDir: string
  readonly configDirSource: Source
  /** `<dataDir>/usage.db` */
  readonly databaseFile: string
  /** `<configDir>/config.json` */
  readonly configFile: string
}

export const appName = "cc-hdrm"
export const databaseFileName = "usage.db"
export const configFileName = "config.json"

const pathsFor = (platform: NodeJS.Platform): path.PlatformPath => (platform === "win32" ? path.win32 : path.posix)

// A set but empty variable counts as unset, as the XDG Base Directory spec says for its variables.
const read = (env: Input["env"], name: string): string | undefined => {
  const value = env[name]
  return value === undefined || value === "" ? undefined : value
}

const clean = (paths: path.PlatformPath, dir: string): string => {
  const normalized = paths.normalize(dir)
  const root = paths.parse(normalized).root
  return normalized.length > root.length && normalized.endsWith(paths.sep) ? normalized.slice(0, -1) : normalized
}

/**
 * The platform's directories. macOS: both in `~/Library/Application Support/cc-hdrm` (XDG variables
 * are not consulted there). Windows: both in `%APPDATA%\cc-hdrm`, falling back to
 * `<home>\AppData\Roaming`. Elsewhere: `$XDG_DATA_HOME/cc-hdrm` or `~/.local/share/cc-hdrm`, and
 * `$XDG_CONFIG_HOME/cc-hdrm` or `~/.config/cc-hdrm`; a relative XDG (or APPDATA) value is ignored,
 * as the XDG spec requires.
 */
const platformDirs = (input: Input): { data: string; dataSource: Source; config: string; configSource: Source } => {
  const paths = pathsFor(input.platform)
  const absolute = (name: string) => {
    const value = read(input.env, name)
    return value !== undefined && paths.isAbsolute(value) ? value : undefined
  }
  if (input.platform === "darwin") {
    const dir = paths.join(input.home, "Library", "Application Support", appName)
    return { data: dir, dataSource: "default", config: dir, configSource: "default" }
  }
  if (input.platform === "win32") {
    const appData = absolute("APPDATA")
    const dir = paths.join(appData ?? paths.join(input.home, "AppData", "Roaming"), appName)
    const source: Source = appData === undefined ? "default" : "APPDATA"
    return { data: dir, dataSource: source, config: dir, configSource: source }
  }
  const dataHome = absolute("XDG_DATA_HOME")
  const configHome = absolute("XDG_CONFIG_HOME")
  return {
    data: paths.join(dataHome ?? paths.join(input.home, ".local", "share"), appName),
    dataSource: dataHome === undefined ? "default" : "XDG_DATA_HOME",
    config: paths.join(configHome ?? paths.join(input.home, ".config"), appName),
    configSource: configHome === undefined ? "default" : "XDG_CONFIG_HOME"
  }
}

/** The variable holding a relative override, which is refused. */
export interface RelativeOverride {
  readonly variable: "CCHDRM_DATA_DIR" | "CCHDRM_CONFIG_DIR"
  readonly value: string
}

/**
 * cc-hdrm's paths for a platform, environment and home directory. `CCHDRM_DATA_DIR` and
 * `CCHDRM_CONFIG_DIR` replace the platform directories; a relative override is refused rather
 * than resolved against the working directory, so the tray, the CLI and a daemon started from
 * different directories can never end up with different databases.
 */
export const locate = (input: Input): DataPaths | RelativeOverride => {
  const paths = pathsFor(input.platform)
  const dataOverride = read(input.env, "CCHDRM_DATA_DIR")
  const configOverride = read(input.env, "CCHDRM_CONFIG_DIR")
  const overrides = [["CCHDRM_DATA_DIR", dataOverride], ["CCHDRM_CONFIG_DIR", configOverride]] as const
  for (const [variable, value] of overrides) {
    if (value !== undefined && !paths.isAbsolute(value)) return { variable, value }
  }
  const platform = platformDirs(input)
  const dataDir = clean(paths, dataOverride ?? platform.data)
  const configDir = clean(paths, configOverride ?? platform.config)
  return {
    dataDir,
    dataDirSource: dataOverride === undefined ? platform.dataSource : "CCHDRM_DATA_DIR",
    configDir,
    configDirSource: configOverride === undefined ? platform.configSource : "CCHDRM_CONFIG_DIR",
    databaseFile: paths.join(dataDir, databaseFileName),
    configFile: paths.join(configDir, configFileName)
  }
}

/** Whether {@link locate} refused an override. */
export const isRelativeOverride = (located: DataPaths | RelativeOverride): located is RelativeOverride => "variable" in located
