// The lean statusline's copy of the data-directory rule must agree with storage's DataPaths.
import { DataPaths } from "@cchdrm/storage"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { dataDirOf } from "../src/lean/dataDir.js"

const envs: ReadonlyArray<Record<string, string | undefined>> = [
  {},
  { CCHDRM_DATA_DIR: "/data/dir/" },
  { CCHDRM_DATA_DIR: "relative" },
  { CCHDRM_CONFIG_DIR: "relative" },
  { CCHDRM_DATA_DIR: "" , XDG_DATA_HOME: "/xdg" },
  { XDG_DATA_HOME: "relative/xdg" },
  { APPDATA: "C:\\Users\\u\\AppData\\Roaming" },
  { APPDATA: "relative" },
  { CCHDRM_DATA_DIR: "C:\\data\\" }
]

describe("lean dataDirOf", () => {
  for (const platform of ["linux", "darwin", "win32"] as const) {
    for (const env of envs) {
      it(`agrees with DataPaths.resolve on ${platform} with ${JSON.stringify(env)}`, () => {
        const home = platform === "win32" ? "C:\\Users\\u" : "/home/u"
        const expected = Either.match(DataPaths.resolve({ platform, env, home }), { onLeft: () => null, onRight: (paths) => paths.dataDir })
        expect(dataDirOf({ platform, env, home })).toBe(expected)
      })
    }
  }
})
