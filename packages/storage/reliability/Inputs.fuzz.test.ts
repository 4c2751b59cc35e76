// 10,000 hostile config files and 10,000 hostile import lines: each is accepted or refused with a
// one-line message naming the file (and line) — never a throw; an import of them stores only valid lines.
import { writeFile } from "node:fs/promises"
import * as path from "node:path"
import { generateHistory } from "@cchdrm/testkit"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { hostileText, random } from "../../core/reliability/hostile.js"
import * as Storage from "../src/index.js"
import { tempDir } from "../test/TempDatabase.js"

describe("config files and import lines under hostile contents", () => {
  it("10,000 config files: contents or one ConfigFileError line naming the file", () => {
    const rng = random(6)
    const valid = { pollIntervalSeconds: 180, warningThreshold: 20, criticalThreshold: 5, retentionDays: 365, webhookUrl: "https://example.com/h", profiles: [{ name: "work", source: "vault" }] }
    let refused = 0
    for (let index = 0; index < 10_000; index++) {
      const result = Storage.ConfigFile.parse("/cfg/config.json", hostileText(rng, valid, index))
      if (Either.isLeft(result)) {
        refused++
        assert.notMatch(result.left.message, /[\r\n]/, `file ${index}`)
        assert.include(result.left.message, "/cfg/config.json", `file ${index}`)
      }
    }
    assert.isAbove(refused, 1_000)
  })

  it.scoped("10,000 import lines: each a record or a refusal with its line number; importing them stores only the good ones", () =>
    Effect.gen(function*() {
      const rng = random(7)
      const polls = [...generateHistory({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 2), intervalSeconds: 60 })]
      const lines: Array<string> = []
      let good = 0
      for (let index = 0; index < 10_000; index++) {
        const valid = JSON.parse(polls[index % polls.length]!) as Record<string, unknown>
        const text = hostileText(rng, valid, index).replace(/[\r\n]/g, " ")
        const result = Storage.ArchiveLines.fromLine(text, index + 1)
        if (Either.isRight(result)) good++
        else {
          assert.strictEqual(result.left.line, index + 1)
          assert.notMatch(result.left.message, /[\r\n]/)
        }
        lines.push(text)
      }
      assert.isAbove(good, 100)
      assert.isAbove(10_000 - good, 1_000)
      const dir = yield* tempDir
      const file = path.join(dir, "hostile.jsonl")
      yield* Effect.promise(() => writeFile(file, `${lines.join("\n")}\n`))
      const filename = path.join(dir, "usage.db")
      yield* Effect.gen(function*() {
        const archive = yield* Storage.HistoryArchive.HistoryArchive
        const strict = yield* Effect.flip(archive.importFile(file, { now: Date.UTC(2026, 0, 3), retentionDays: 365 }))
        assert.include(strict.message, `${file} line `)
        const skipped = yield* archive.importFile(file, { now: Date.UTC(2026, 0, 3), retentionDays: 365, skipInvalid: true })
        assert.strictEqual(skipped.skipped, 10_000 - good)
        assert.strictEqual(skipped.lines, 10_000)
      }).pipe(Effect.provide(Storage.HistoryArchive.layerSqlite({ filename })))
    }))
})
