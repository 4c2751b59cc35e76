// The archive (API.md B.4) on the team database: a member's whole history — polls, buckets of
// every resolution, resets, outages — goes export → import into another member → export byte-
// identical, and equals what SQLite exports for the same import.
import { Profile, UsageHistory } from "@cchdrm/core"
import { assert, describe, it } from "@effect/vitest"
import { generateHistory } from "@cchdrm/testkit"
import { Chunk, Effect, Option, Stream } from "effect"
import * as Storage from "../src/index.js"
import { tempFile } from "./TempDatabase.js"
import { tempDatabase } from "./TempPostgres.js"

const minute = 60_000
const day = 24 * 60 * minute
const now = Date.UTC(2027, 0, 1, 12, 7)
const maintenance = { now, retentionDays: 365 }

// Imports `lines` (plus, when `outage`, an outage the live poller would have stored), then exports.
const exportOf = (layer: ReturnType<typeof Storage.HistoryDatabase.layer>, lines: ReadonlyArray<string>, outage: boolean) =>
  Effect.scoped(Effect.gen(function*() {
    const archive = yield* Storage.HistoryArchive.HistoryArchive
    yield* archive.importLines(Stream.fromIterable(lines), maintenance)
    if (outage) {
      const history = yield* UsageHistory.UsageHistory
      yield* history.openOutage(Profile.defaultProfile, now - day, "HTTP 503")
      yield* history.closeOutage(Profile.defaultProfile, now - day + 30 * minute)
    }
    return Chunk.toReadonlyArray(yield* Stream.runCollect(archive.lines({ format: "jsonl" })))
  }).pipe(Effect.provide(layer)))

describe("the archive on the team database", () => {
  it.scoped("export → import into another member → export is byte-identical, and equal to SQLite's", () =>
    Effect.gen(function*() {
      const url = yield* tempDatabase("archive")
      const member = (name: string) => Storage.HistoryDatabase.layer({ databaseFile: "unused.db", shared: Option.some({ url, member: name }) })
      const source = [...generateHistory({ from: now - 40 * day, to: now, intervalSeconds: 600, seed: 3, gaps: true })]
      const first = yield* exportOf(member("first@a"), source, true)
      const kinds = new Set(first.map((line) => (JSON.parse(line) as { readonly kind?: string }).kind ?? "poll"))
      assert.deepStrictEqual([...kinds].sort(), ["bucket", "outage", "poll", "reset"])
      const second = yield* exportOf(member("second@b"), first, false)
      assert.strictEqual(second.join("\n"), first.join("\n"))
      const filename = yield* tempFile
      const sqlite = yield* exportOf(Storage.HistoryDatabase.layer({ databaseFile: filename, shared: Option.none() }), source, true)
      assert.strictEqual(sqlite.join("\n"), first.join("\n"))
    }), { timeout: 120_000 })
})
