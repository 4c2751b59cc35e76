// core's PreferencesStore and ProfileStore contracts against config.json on a real temp directory.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { afterAll } from "@effect/vitest"
import { PreferencesStoreContract, ProfileStoreContract } from "@cchdrm/core/testing/contracts"
import * as ConfigFileStores from "../src/ConfigFileStores.js"
import * as FilePreferencesStore from "../src/FilePreferencesStore.js"
import * as FileProfileStore from "../src/FileProfileStore.js"

// A fresh directory per suite, with a not-yet-existing config file (the stores create it).
const dirs: Array<string> = []
const freshFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cchdrm-config-"))
  dirs.push(dir)
  return path.join(dir, "nested", "config.json")
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

PreferencesStoreContract("config file", FilePreferencesStore.layer({ filename: freshFile() }))
ProfileStoreContract("config file", FileProfileStore.layer({ filename: freshFile() }))
PreferencesStoreContract("config file, shared with profiles", ConfigFileStores.layer({ filename: freshFile() }))
ProfileStoreContract("config file, shared with preferences", ConfigFileStores.layer({ filename: freshFile() }))
