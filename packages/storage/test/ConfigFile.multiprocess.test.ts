// Two real processes editing config.json at once lose none of each other's changes (API.md B.6).
// The children run test/support/configWriter.mjs against the BUILT package: run `npx tsup` first.
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as ConfigFile from "../src/ConfigFile.js"
import { tempDir } from "./TempDatabase.js"

const writer = fileURLToPath(new URL("./support/configWriter.mjs", import.meta.url))
const dist = fileURLToPath(new URL("../dist/ConfigFileStores.js", import.meta.url))

const run = (...args: ReadonlyArray<string>) =>
  Effect.promise(() =>
    new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [writer, ...args], { stdio: ["ignore", "ignore", "pipe"] })
      let stderr = ""
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
      child.on("error", reject)
      child.on("close", (code) => resolve({ code, stderr }))
    })
  )

describe("several processes on one config file", () => {
  it.scoped("two writers doing 50 sets and 50 adds each keep every change", () =>
    Effect.gen(function*() {
      if (!existsSync(dist)) throw new Error(`${dist} is missing: run 'npx tsup' in packages/storage before this test`)
      const filename = path.join(yield* tempDir, "config", "config.json")
      yield* Effect.promise(() => fs.mkdir(path.dirname(filename)))
      yield* Effect.promise(() => fs.writeFile(filename, `{"keptFromBefore": [1, 2, 3]}`))
      const [first, second] = yield* Effect.all([
        run(filename, "pollIntervalSeconds", "61", "first", "50"),
        run(filename, "retentionDays", "31", "second", "50")
      ], { concurrency: 2 })
      assert.deepStrictEqual([first.code, first.stderr, second.code, second.stderr], [0, "", 0, ""])
      const contents = yield* (yield* ConfigFile.make({ filename })).read
      assert.strictEqual(contents.preferences.pollIntervalSeconds, 110)
      assert.strictEqual(contents.preferences.retentionDays, 80)
      const names = new Set(contents.profiles.map((entry) => entry.name))
      assert.strictEqual(names.size, 101)
      for (let i = 0; i < 50; i++) {
        assert.isTrue(names.has(`first-${i}` as never) && names.has(`second-${i}` as never), `profile ${i} lost`)
      }
      assert.deepStrictEqual(contents.document.keptFromBefore, [1, 2, 3])
      assert.deepStrictEqual(yield* Effect.promise(() => fs.readdir(path.dirname(filename))), ["config.json"])
    }))
})
