// `cchdrm export` and `cchdrm import`, end to end on real SQLite files: the B.4 round trip is
// byte-identical, imports are all or nothing (exit 7 with the line number) unless --skip-invalid.
import { readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { generateHistory } from "@cchdrm/testkit"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { cchdrm, onOneFake, type World } from "./support/Cchdrm.js"

/** `import --json`: exact keys. */
const ImportSummary = Schema.Struct({
  lines: Schema.Number,
  imported: Schema.Number,
  duplicates: Schema.Number,
  skipped: Schema.Number,
  resets: Schema.Number,
  buckets: Schema.Number,
  outages: Schema.Number
})
const importSummary = (stdout: string) => Schema.decodeUnknownSync(ImportSummary, { onExcessProperty: "error" })(JSON.parse(stdout))

const { world } = onOneFake()

// Recent polls (the last 20 h stay raw, so every line comes back as it went in) of two profiles.
const history = () => {
  const to = Date.now() - 60_000
  const from = to - 20 * 3_600_000
  return {
    main: [...generateHistory({ from, to, seed: 3 })],
    work: [...generateHistory({ from, to, seed: 4, profile: "work", tier: "default_claude_pro", intervalSeconds: 300 })]
  }
}

const writeLines = async (home: World, name: string, lines: ReadonlyArray<string>) => {
  const path = join(home.root, name)
  await writeFile(path, `${lines.join("\n")}\n`)
  return path
}

describe.concurrent("export and import", () => {
  it("export → import into an empty data dir → export is byte-identical, from a file and from stdin", async () => {
    const { main, work } = history()
    const source = await world()
    const file = await writeLines(source, "history.jsonl", [...work, ...main])
    const imported = await cchdrm(["import", file], { env: source.env })
    expect(imported.code).toBe(0)
    expect(imported.stdout.trim()).toMatch(new RegExp(`^Imported ${main.length + work.length} polls, 0 already present, 0 invalid lines skipped, \\d+ resets? found$`))
    const exported = await cchdrm(["export"], { env: source.env })
    expect(exported.code).toBe(0)
    const lines = exported.stdout.trimEnd().split("\n")
    // The whole history: the polls, then the reset events found among them.
    const polls = lines.filter((line) => !line.startsWith("{\"kind\""))
    expect(polls).toHaveLength(main.length + work.length)
    expect(lines.length - polls.length).toBe(Number(/(\d+) resets? found/.exec(imported.stdout)?.[1]))
    expect(lines.filter((line) => line.startsWith("{\"kind\"")).every((line) => line.startsWith("{\"kind\":\"reset\""))).toBe(true)
    // By profile, then time; every poll line is one the import read, unchanged.
    expect(polls).toEqual([...main, ...work])

    const viaFile = await world()
    const again = await writeLines(viaFile, "export.jsonl", lines)
    expect((await cchdrm(["import", again], { env: viaFile.env })).code).toBe(0)
    const viaStdin = await world()
    const piped = await cchdrm(["import", "-", "--json"], { env: viaStdin.env, stdin: exported.stdout })
    expect(piped.code).toBe(0)
    expect(importSummary(piped.stdout)).toMatchObject({
      lines: lines.length,
      imported: polls.length,
      resets: lines.length - polls.length,
      duplicates: 0,
      skipped: 0
    })
    const [fromFile, fromStdin] = await Promise.all([cchdrm(["export"], { env: viaFile.env }), cchdrm(["export"], { env: viaStdin.env })])
    expect(fromFile.stdout).toBe(exported.stdout)
    expect(fromStdin.stdout).toBe(exported.stdout)
  })

  it("export --profile, --format csv and --output", async () => {
    const { main, work } = history()
    const home = await world()
    expect((await cchdrm(["import", await writeLines(home, "h.jsonl", [...main, ...work])], { env: home.env })).code).toBe(0)
    const output = join(home.root, "out.jsonl")
    const [only, csv, toFile, all] = await Promise.all([
      cchdrm(["export", "--profile", "work"], { env: home.env }),
      cchdrm(["export", "--format", "csv", "--profile", "default"], { env: home.env }),
      cchdrm(["export", "--output", output], { env: home.env }),
      cchdrm(["export", "--format", "jsonl"], { env: home.env })
    ])
    const pollsOf = (stdout: string) => stdout.trimEnd().split("\n").filter((line) => !line.startsWith("{\"kind\""))
    expect(pollsOf(only.stdout)).toEqual(work)
    const rows = csv.stdout.trimEnd().split("\n")
    expect(rows[0]).toBe("profile,timestamp,five_hour_util,five_hour_resets_at,seven_day_util,seven_day_resets_at")
    expect(rows).toHaveLength(main.length + 1)
    expect(rows.slice(1).every((row) => row.startsWith("default,") && row.split(",").length === 6)).toBe(true)
    expect(toFile.code).toBe(0)
    expect(toFile.stdout).toBe("")
    expect(toFile.stderr.trim()).toBe(`Wrote ${all.stdout.trimEnd().split("\n").length} lines to ${output}`)
    expect(await readFile(output, "utf8")).toBe(all.stdout)
  })

  it("importing the same file again stores nothing new and says so", async () => {
    const { main } = history()
    const home = await world()
    const file = await writeLines(home, "h.jsonl", main)
    const first = importSummary((await cchdrm(["import", file, "--json"], { env: home.env })).stdout)
    expect(first).toMatchObject({ lines: main.length, imported: main.length, duplicates: 0, skipped: 0 })
    const second = await cchdrm(["import", file], { env: home.env })
    expect(second.stdout.trim()).toBe(`Imported 0 polls, ${main.length} already present, 0 invalid lines skipped, 0 resets found`)
  })

  it("a malformed line exits 7 naming the file and line, and stores nothing; --skip-invalid skips and counts", async () => {
    const { main } = history()
    const home = await world()
    const lines = [...main.slice(0, 10)]
    lines.splice(3, 0, "{\"profile\":\"default\",\"timestamp\":\"yesterday\"}")
    lines.splice(7, 0, "not json at all")
    const file = await writeLines(home, "broken.jsonl", lines)
    const bad = await cchdrm(["import", file], { env: home.env })
    expect(bad.code).toBe(7)
    expect(bad.stderr.trim().split("\n")).toHaveLength(1)
    expect(bad.stderr).toContain(`${file} line 4`)
    expect(bad.stdout).toBe("")
    expect((await cchdrm(["export"], { env: home.env })).stdout).toBe("")
    const piped = await cchdrm(["import", "-"], { env: home.env, stdin: `${lines.join("\n")}\n` })
    expect(piped.code).toBe(7)
    expect(piped.stderr).toContain("Standard input line 4")
    expect((await cchdrm(["export"], { env: home.env })).stdout).toBe("")
    const skipped = await cchdrm(["import", file, "--skip-invalid", "--json"], { env: home.env })
    expect(skipped.code).toBe(0)
    expect(importSummary(skipped.stdout)).toMatchObject({ lines: 12, imported: 10, duplicates: 0, skipped: 2 })
    expect((await cchdrm(["export"], { env: home.env })).stdout).toBe(`${main.slice(0, 10).join("\n")}\n`)
    const skippedStdin = await cchdrm(["import", "-", "--skip-invalid"], { env: home.env, stdin: `${lines.join("\n")}\n` })
    expect(skippedStdin.code).toBe(0)
    expect(skippedStdin.stdout.trim()).toBe("Imported 0 polls, 10 already present, 2 invalid lines skipped, 0 resets found")
  })

  it("exit 7 for an unreadable input or output file, exit 2 for bad flags", async () => {
    const home = await world()
    const missing = join(home.root, "absent.jsonl")
    const runs = await Promise.all([
      cchdrm(["import", missing], { env: home.env }),
      cchdrm(["export", "--output", join(home.root, "no", "such", "dir.jsonl")], { env: home.env }),
      cchdrm(["export", "--format", "xml"], { env: home.env }),
      cchdrm(["export", "--profile", "bad name"], { env: home.env }),
      cchdrm(["import"], { env: home.env })
    ])
    expect(runs.map((run) => run.code)).toEqual([7, 7, 2, 2, 2])
    expect(runs[0]?.stderr).toContain(missing)
    expect(runs[1]?.stderr).toContain("dir.jsonl")
    for (const run of runs.slice(0, 2)) expect(run.stderr.trim().split("\n")).toHaveLength(1)
    expect(runs[3]?.stderr).toContain("'bad name' is not a profile name")
  })
})
