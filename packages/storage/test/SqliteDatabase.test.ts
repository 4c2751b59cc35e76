import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises"
import * as path from "node:path"
import { UsageHistory } from "@cchdrm/core"
import { assert, describe, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect, Exit, Layer } from "effect"
import * as Storage from "../src/index.js"
import { tempDir, tempFile } from "./TempDatabase.js"

const openError = (filename: string) =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(Layer.build(Storage.layerSqlite({ filename })))
    assert.isTrue(Exit.isFailure(exit))
    const error = Exit.isFailure(exit) ? exit.cause : undefined
    const failure = error === undefined ? undefined : (yield* Effect.flip(Effect.failCause(error)))
    assert.instanceOf(failure, UsageHistory.HistoryError)
    return failure as UsageHistory.HistoryError
  })

describe("SqliteDatabase.layer", () => {
  it.scoped("creates the directory, migrates, and configures WAL and the busy timeout", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const filename = path.join(dir, "nested", "usage.db")
      const context = yield* Layer.build(Storage.SqliteDatabase.layer({ filename }))
      const client = yield* Effect.provide(SqlClient.SqlClient, context)
      const [mode] = yield* client<{ journal_mode: string }>`PRAGMA journal_mode`
      const [timeout] = yield* client<{ timeout: number }>`PRAGMA busy_timeout`
      const tables = yield* client<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
      assert.strictEqual(mode?.journal_mode, "wal")
      assert.strictEqual(timeout?.timeout, 5_000)
      assert.includeMembers(tables.map((t) => t.name), ["api_outages", "reset_events", "rollup_state", "usage_polls", "usage_rollups"])
    }))

  it.scoped("opening the same file twice migrates once", () =>
    Effect.gen(function*() {
      const filename = yield* tempFile
      yield* Effect.scoped(Layer.build(Storage.layerSqlite({ filename })))
      const context = yield* Layer.build(Storage.SqliteDatabase.layer({ filename }))
      const client = yield* Effect.provide(SqlClient.SqlClient, context)
      const rows = yield* client<{ n: number }>`SELECT COUNT(*) AS n FROM effect_sql_migrations`
      assert.strictEqual(rows[0]?.n, Storage.Migrations.latest)
    }))

  it.scoped("refuses a database from a newer schema without altering it", () =>
    Effect.gen(function*() {
      const filename = yield* tempFile
      yield* Effect.scoped(Effect.gen(function*() {
        const context = yield* Layer.build(Storage.SqliteDatabase.layer({ filename }))
        const client = yield* Effect.provide(SqlClient.SqlClient, context)
        yield* client`INSERT INTO effect_sql_migrations (migration_id, name) VALUES (99, 'future')`
        yield* client`PRAGMA wal_checkpoint(TRUNCATE)`
      }))
      const before = yield* Effect.promise(() => readFile(filename))
      const error = yield* openError(filename)
      assert.strictEqual(error.operation, "open")
      assert.include(error.message, filename)
      assert.include(error.message, "newer cc-hdrm (schema 99")
      assert.isFalse(error.message.includes("\n"))
      const after = yield* Effect.promise(() => readFile(filename))
      assert.isTrue(before.equals(after))
    }))

  it.scoped("a file that is not a database is a HistoryError and stays untouched", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const filename = path.join(dir, "usage.db")
      const content = Buffer.from("these are my notes, not a database\n".repeat(200))
      yield* Effect.promise(() => writeFile(filename, content))
      const error = yield* openError(filename)
      assert.include(error.message, `${filename} is not a SQLite database`)
      assert.include(error.message, "CCHDRM_DATA_DIR")
      const after = yield* Effect.promise(() => readFile(filename))
      assert.isTrue(content.equals(after))
      assert.deepStrictEqual(yield* Effect.promise(() => readdir(dir)), ["usage.db"])
    }))

  it.scoped("a directory where the file belongs is a HistoryError saying so, and stays untouched", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const filename = path.join(dir, "usage.db")
      yield* Effect.promise(() => mkdir(path.join(filename, "inside"), { recursive: true }))
      const error = yield* openError(filename)
      assert.strictEqual(error.message, `Usage history (open): ${filename} is a directory, not a database file. Move it aside, or set CCHDRM_DATA_DIR to another directory.`)
      assert.deepStrictEqual(yield* Effect.promise(() => readdir(filename)), ["inside"])
    }))

  it.scoped("a read-only directory is a HistoryError naming the file", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      yield* Effect.promise(() => chmod(dir, 0o555))
      // root ignores permission bits, so as root use sysfs, which refuses new files to everyone.
      const readOnly = process.getuid?.() === 0 ? "/sys" : dir
      const filename = path.join(readOnly, "cchdrm-test-usage.db")
      const error = yield* openError(filename)
      yield* Effect.promise(() => chmod(dir, 0o755))
      assert.include(error.message, `Cannot write ${filename}`)
      assert.include(error.message, "CCHDRM_DATA_DIR")
    }))
})

describe("SqliteDatabase.describe", () => {
  it.scoped("a corrupt database is a HistoryError and stays untouched", () =>
    Effect.gen(function*() {
      const filename = yield* tempFile
      yield* Effect.scoped(Layer.build(Storage.layerSqlite({ filename })))
      const valid = yield* Effect.promise(() => readFile(filename))
      // Keep the 100-byte header, scramble the schema page behind it.
      const damaged = Buffer.concat([valid.subarray(0, 100), Buffer.alloc(valid.length - 100, 0xa5)])
      yield* Effect.promise(() => writeFile(filename, damaged))
      const error = yield* openError(filename)
      assert.include(error.message, filename)
      assert.match(error.message, /corrupt|not a SQLite database/)
      assert.isTrue(damaged.equals(yield* Effect.promise(() => readFile(filename))))
    }))

  it("names the fix for a full disk and a lock held too long", () => {
    const describe = Storage.SqliteDatabase.describe("/data/usage.db")
    assert.strictEqual(
      describe({ message: "x", cause: { code: "SQLITE_FULL", message: "database or disk is full" } }),
      "The disk holding /data/usage.db is full; nothing was lost, the failed write was undone. Free some space, or set CCHDRM_DATA_DIR to a directory on another disk."
    )
    assert.include(describe({ code: "SQLITE_BUSY", message: "database is locked" }), "stayed locked by another process for over 5 s")
    assert.include(describe(new Error("something\nodd")), "/data/usage.db: something odd.")
  })
})
