import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as DataPaths from "../src/DataPaths.js"

const linuxHome = "/home/ada"
const macHome = "/Users/ada"
const winHome = "C:\\Users\\ada"

const ok = (input: DataPaths.Input): DataPaths.DataPaths => Either.getOrThrowWith(DataPaths.resolve(input), (error) => error)
const fail = (input: DataPaths.Input): DataPaths.DataPathInvalid =>
  Either.match(DataPaths.resolve(input), {
    onLeft: (error) => error,
    onRight: (paths) => {
      throw new Error(`expected a failure, got ${JSON.stringify(paths)}`)
    }
  })

describe("DataPaths.resolve", () => {
  it("uses Application Support on macOS for data and config", () => {
    expect(ok({ platform: "darwin", env: {}, home: macHome })).toEqual({
      dataDir: "/Users/ada/Library/Application Support/cc-hdrm",
      dataDirSource: "default",
      configDir: "/Users/ada/Library/Application Support/cc-hdrm",
      configDirSource: "default",
      databaseFile: "/Users/ada/Library/Application Support/cc-hdrm/usage.db",
      configFile: "/Users/ada/Library/Application Support/cc-hdrm/config.json"
    })
  })

  it("does not consult XDG variables on macOS", () => {
    const paths = ok({ platform: "darwin", env: { XDG_DATA_HOME: "/xdg/data", XDG_CONFIG_HOME: "/xdg/config" }, home: macHome })
    expect(paths.dataDir).toBe("/Users/ada/Library/Application Support/cc-hdrm")
    expect(paths.configDir).toBe("/Users/ada/Library/Application Support/cc-hdrm")
  })

  it("uses ~/.local/share and ~/.config on Linux without XDG variables", () => {
    expect(ok({ platform: "linux", env: {}, home: linuxHome })).toEqual({
      dataDir: "/home/ada/.local/share/cc-hdrm",
      dataDirSource: "default",
      configDir: "/home/ada/.config/cc-hdrm",
      configDirSource: "default",
      databaseFile: "/home/ada/.local/share/cc-hdrm/usage.db",
      configFile: "/home/ada/.config/cc-hdrm/config.json"
    })
  })

  it("follows XDG_DATA_HOME and XDG_CONFIG_HOME on Linux", () => {
    const paths = ok({ platform: "linux", env: { XDG_DATA_HOME: "/data/ada/", XDG_CONFIG_HOME: "/etc/ada" }, home: linuxHome })
    expect(paths.databaseFile).toBe("/data/ada/cc-hdrm/usage.db")
    expect(paths.dataDirSource).toBe("XDG_DATA_HOME")
    expect(paths.configFile).toBe("/etc/ada/cc-hdrm/config.json")
    expect(paths.configDirSource).toBe("XDG_CONFIG_HOME")
  })

  it("ignores empty and relative XDG values, as the XDG spec requires", () => {
    const paths = ok({ platform: "linux", env: { XDG_DATA_HOME: "", XDG_CONFIG_HOME: "relative/config" }, home: linuxHome })
    expect(paths.dataDir).toBe("/home/ada/.local/share/cc-hdrm")
    expect(paths.configDir).toBe("/home/ada/.config/cc-hdrm")
    expect(paths.configDirSource).toBe("default")
  })

  it("treats other Unix platforms like Linux", () => {
    expect(ok({ platform: "freebsd", env: {}, home: "/usr/home/ada" }).dataDir).toBe("/usr/home/ada/.local/share/cc-hdrm")
  })

  it("uses %APPDATA%\\cc-hdrm on Windows for data and config", () => {
    const paths = ok({ platform: "win32", env: { APPDATA: "C:\\Users\\ada\\AppData\\Roaming" }, home: winHome })
    expect(paths).toEqual({
      dataDir: "C:\\Users\\ada\\AppData\\Roaming\\cc-hdrm",
      dataDirSource: "APPDATA",
      configDir: "C:\\Users\\ada\\AppData\\Roaming\\cc-hdrm",
      configDirSource: "APPDATA",
      databaseFile: "C:\\Users\\ada\\AppData\\Roaming\\cc-hdrm\\usage.db",
      configFile: "C:\\Users\\ada\\AppData\\Roaming\\cc-hdrm\\config.json"
    })
  })

  it("falls back to <home>\\AppData\\Roaming on Windows without APPDATA", () => {
    const paths = ok({ platform: "win32", env: {}, home: winHome })
    expect(paths.databaseFile).toBe("C:\\Users\\ada\\AppData\\Roaming\\cc-hdrm\\usage.db")
    expect(paths.dataDirSource).toBe("default")
  })

  it("lets CCHDRM_DATA_DIR replace only the data directory", () => {
    const paths = ok({ platform: "linux", env: { CCHDRM_DATA_DIR: "/srv/cchdrm" }, home: linuxHome })
    expect(paths.dataDir).toBe("/srv/cchdrm")
    expect(paths.dataDirSource).toBe("CCHDRM_DATA_DIR")
    expect(paths.databaseFile).toBe("/srv/cchdrm/usage.db")
    expect(paths.configFile).toBe("/home/ada/.config/cc-hdrm/config.json")
  })

  it("lets CCHDRM_CONFIG_DIR replace only the config directory, also on macOS", () => {
    const paths = ok({ platform: "darwin", env: { CCHDRM_CONFIG_DIR: "/Users/ada/dotfiles/cchdrm" }, home: macHome })
    expect(paths.configFile).toBe("/Users/ada/dotfiles/cchdrm/config.json")
    expect(paths.configDirSource).toBe("CCHDRM_CONFIG_DIR")
    expect(paths.databaseFile).toBe("/Users/ada/Library/Application Support/cc-hdrm/usage.db")
  })

  it("wins over XDG variables and normalises separators", () => {
    const paths = ok({
      platform: "linux",
      env: { CCHDRM_DATA_DIR: "/srv//cchdrm/./data/", XDG_DATA_HOME: "/xdg" },
      home: linuxHome
    })
    expect(paths.dataDir).toBe("/srv/cchdrm/data")
    expect(ok({ platform: "linux", env: { CCHDRM_DATA_DIR: "/" }, home: linuxHome }).databaseFile).toBe("/usage.db")
  })

  it("accepts Windows overrides with a drive or UNC path, in either slash", () => {
    expect(ok({ platform: "win32", env: { CCHDRM_DATA_DIR: "D:/cchdrm/" }, home: winHome }).databaseFile).toBe("D:\\cchdrm\\usage.db")
    expect(ok({ platform: "win32", env: { CCHDRM_CONFIG_DIR: "\\\\server\\share\\cchdrm" }, home: winHome }).configFile)
      .toBe("\\\\server\\share\\cchdrm\\config.json")
  })

  it("treats an empty override as unset", () => {
    expect(ok({ platform: "linux", env: { CCHDRM_DATA_DIR: "", CCHDRM_CONFIG_DIR: "" }, home: linuxHome }).dataDirSource).toBe("default")
  })

  it("rejects a relative override with a message naming the variable, the value and the fix", () => {
    const error = fail({ platform: "linux", env: { CCHDRM_DATA_DIR: "data" }, home: linuxHome })
    expect(error).toBeInstanceOf(DataPaths.DataPathInvalid)
    expect(error._tag).toBe("DataPathInvalid")
    expect(error.variable).toBe("CCHDRM_DATA_DIR")
    expect(error.message).toBe(
      "CCHDRM_DATA_DIR must be an absolute path, got 'data'. Relative paths are not accepted, because they would move " +
        "with the working directory. Set it to a full path or unset it."
    )
    expect(error.message).not.toContain("\n")
  })

  it("explains that ~ is not expanded", () => {
    const error = fail({ platform: "linux", env: { CCHDRM_CONFIG_DIR: "~/cchdrm" }, home: linuxHome })
    expect(error.variable).toBe("CCHDRM_CONFIG_DIR")
    expect(error.message).toContain("'~' is not expanded")
  })

  it("rejects drive-relative and relative overrides on Windows", () => {
    expect(fail({ platform: "win32", env: { CCHDRM_DATA_DIR: "C:cchdrm" }, home: winHome }).value).toBe("C:cchdrm")
    expect(fail({ platform: "win32", env: { CCHDRM_DATA_DIR: "cchdrm\\data" }, home: winHome }).variable).toBe("CCHDRM_DATA_DIR")
  })

  it("gives a serialisable error", () => {
    const error = fail({ platform: "linux", env: { CCHDRM_DATA_DIR: "./x" }, home: linuxHome })
    const encoded = Schema.encodeSync(DataPaths.DataPathInvalid)(error)
    expect(encoded).toEqual({ _tag: "DataPathInvalid", variable: "CCHDRM_DATA_DIR", value: "./x" })
  })

  it("reads only its input, so the same input always gives the same paths", () => {
    const input = { platform: "linux", env: { XDG_DATA_HOME: "/xdg" }, home: linuxHome } as const
    expect(ok(input)).toEqual(ok(input))
    expect(ok({ ...input, home: "/home/bob" }).configDir).toBe("/home/bob/.config/cc-hdrm")
  })
})

describe("DataPaths.ofProcess", () => {
  it("resolves the running process's paths to absolute ones", () => {
    const paths = Either.getOrThrowWith(DataPaths.ofProcess(), (error) => error)
    expect(paths.databaseFile.endsWith("usage.db")).toBe(true)
    expect(paths.configFile.endsWith("config.json")).toBe(true)
  })
})
