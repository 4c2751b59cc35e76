// The entry points an importer learns: namespaces only, each module once, and one barrel per entry.
import { readdirSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import * as Core from "../src/index.js"
import * as Testing from "../src/testing/index.js"

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "src")

const isNamespace = (value: unknown): boolean => Object.prototype.toString.call(value) === "[object Module]"

const namesOfSameModule = (barrel: Record<string, unknown>): ReadonlyArray<ReadonlyArray<string>> => {
  const byModule = new Map<unknown, Array<string>>()
  for (const [name, value] of Object.entries(barrel)) byModule.set(value, [...(byModule.get(value) ?? []), name])
  return [...byModule.values()].filter((names) => names.length > 1)
}

describe("@cchdrm/core's barrels", () => {
  it("the main entry exports namespaces only, programs included", () => {
    expect(Object.entries(Core).filter(([, value]) => !isNamespace(value)).map(([name]) => name)).toEqual([])
    expect(Object.keys(Core)).toEqual(expect.arrayContaining(["Analyze", "HistoryRange", "Monitor", "PollProfile", "Team"]))
  })

  it("./testing exports namespaces only, none of them twice", () => {
    expect(Object.entries(Testing).filter(([, value]) => !isNamespace(value)).map(([name]) => name)).toEqual([])
    expect(namesOfSameModule(Testing)).toEqual([])
  })

  it("no module is exported under two names, and nothing test-only is in the main entry", () => {
    expect(namesOfSameModule(Core)).toEqual([])
    const testing = new Set<unknown>(Object.values(Testing))
    expect(Object.entries(Core).filter(([, value]) => testing.has(value)).map(([name]) => name)).toEqual([])
  })

  it("each entry point has one barrel and no other index re-exports its modules", () => {
    const barrels = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => file === "index.ts" || file.endsWith("/index.ts") || file.endsWith("\\index.ts"))
      .map((file) => relative(src, join(src, file)).split("\\").join("/"))
      .sort()
    expect(barrels).toEqual(["index.ts", "testing/contracts/index.ts", "testing/index.ts"])
  })
})
