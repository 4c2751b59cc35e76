// The ready layers an app composes, on real files in a temporary directory: history and archive
// share one database, the status-line cache and the installation facts read the same directory.
import { writeFile } from "node:fs/promises"
import * as path from "node:path"
import type { StatusLine } from "@cchdrm/core"
import { ProfileStore, StatusLineCache as Cache, UsageHistory } from "@cchdrm/core"
import { Installation } from "@cchdrm/core/services/Installation"
import { Fixtures } from "@cchdrm/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, Stream } from "effect"
import * as FileInstallation from "../src/FileInstallation.js"
import * as FileStatusLineCache from "../src/FileStatusLineCache.js"
import * as HistoryArchive from "../src/HistoryArchive.js"
import { layerConfig, layerHistory } from "../src/index.js"
import * as DataPaths from "../src/DataPaths.js"
import * as StatusLineCache from "../src/StatusLineCache.js"
import { tempDir } from "./TempDatabase.js"

const pathsIn = (dir: string) =>
  Either.getOrThrow(DataPaths.resolve({ platform: "linux", env: { CCHDRM_DATA_DIR: path.join(dir, "data"), CCHDRM_CONFIG_DIR: path.join(dir, "config") }, home: dir }))

describe("ready layers", () => {
  it.scoped("layerHistory: the history and the archive of <dataDir>/usage.db", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const paths = pathsIn(dir)
      const lines = yield* Effect.gen(function*() {
        yield* (yield* UsageHistory.UsageHistory).record(Fixtures.snapshot({ profile: "work", fetchedAt: 60_000 }))
        return yield* Stream.runCollect((yield* HistoryArchive.HistoryArchive).lines({ format: "jsonl" }))
      }).pipe(Effect.provide(layerHistory({ dataDir: paths.dataDir })))
      assert.strictEqual(lines.length, 1)
      assert.include([...lines][0], "\"profile\":\"work\"")
      assert.strictEqual(paths.databaseFile, path.join(paths.dataDir, "usage.db"))
    }))

  it.scoped("layerConfig: the profiles of the config file", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const configFile = path.join(dir, "config.json")
      yield* Effect.promise(() => writeFile(configFile, JSON.stringify({ profiles: [{ name: "work", source: "vault" }] })))
      const names = yield* Effect.map(Effect.flatMap(ProfileStore.ProfileStore, (store) => store.list), (entries) => entries.map((e) => e.name)).pipe(
        Effect.provide(layerConfig({ configFile }))
      )
      assert.deepStrictEqual(names, ["default", "work"])
    }))

  it.scoped("FileStatusLineCache writes the cache file the lean status line reads", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const view = { label: "x" } as unknown as StatusLine.View
      yield* Effect.flatMap(Cache.StatusLineCache, (cache) => cache.write({ activeProfile: "default", pollIntervalSeconds: 180, views: { default: view } })).pipe(
        Effect.provide(FileStatusLineCache.layer({ dataDir: dir }))
      )
      assert.deepStrictEqual(StatusLineCache.read(dir)?.views, { default: view })
    }))

  it.scoped("FileInstallation: the places and the database size once the file exists", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const paths = pathsIn(dir)
      const installation = yield* Installation.pipe(
        Effect.provide(FileInstallation.layer({ paths, credentialsPlace: (source) => `${source} place` }))
      )
      assert.deepStrictEqual(installation.dataDir, { path: paths.dataDir, source: "CCHDRM_DATA_DIR" })
      assert.isTrue(Option.isNone(yield* installation.databaseSize))
      yield* Layer.build(layerHistory({ dataDir: paths.dataDir }))
      assert.isTrue(Option.getOrElse(yield* installation.databaseSize, () => 0) > 0)
      assert.strictEqual(installation.credentialsPlace("vault"), "vault place")
    }))
})
