import { mkdir, readdir } from "node:fs/promises"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as AtomicFile from "../src/AtomicFile.js"
import * as TempDir from "./support/TempDir.js"

describe("AtomicFile.write", () => {
  it.scoped("replaces the file with mode 0600 and leaves no temp file", () =>
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      const path = join(dir, "f.json")
      yield* TempDir.put(path, "old", 0o644)
      yield* AtomicFile.write(path, "new")
      assert.strictEqual(yield* TempDir.text(path), "new")
      assert.strictEqual(yield* TempDir.modeOf(path), 0o600)
      assert.deepStrictEqual(yield* Effect.promise(() => readdir(dir)), ["f.json"])
    }))

  it.scoped("fails with WriteFailed and keeps the old content when the rename cannot happen", () =>
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      const path = join(dir, "sub")
      yield* TempDir.put(join(dir, "keep"), "kept")
      // A non-empty directory cannot be replaced by a file.
      yield* Effect.promise(() => mkdir(path))
      yield* TempDir.put(join(path, "inside"), "x")
      const error = yield* Effect.flip(AtomicFile.write(path, "new"))
      assert.strictEqual(error._tag, "WriteFailed")
      assert.match(error.reason, /^E[A-Z]+$/)
      assert.deepStrictEqual((yield* Effect.promise(() => readdir(dir))).sort(), ["keep", "sub"])
      assert.strictEqual(yield* TempDir.text(join(path, "inside")), "x")
    }))

  it.scoped("fails with WriteFailed when the directory is missing", () =>
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      const error = yield* Effect.flip(AtomicFile.write(join(dir, "absent", "f.json"), "x"))
      assert.strictEqual(error.reason, "ENOENT")
    }))
})
