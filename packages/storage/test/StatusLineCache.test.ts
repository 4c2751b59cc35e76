import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { StatusLine } from "@cchdrm/core"
import { afterEach, describe, expect, it } from "vitest"
import * as StatusLineCache from "../src/StatusLineCache.js"

const dirs: Array<string> = []
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "cchdrm-cache-"))
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

// The cache stores views as given; their shape is core's, so a stand-in is enough here.
const view = (label: string) => ({ label }) as unknown as StatusLine.View

describe("StatusLineCache", () => {
  it("is null when missing, then reads back what was written, merging other profiles' views", async () => {
    const dir = join(await tempDir(), "data")
    expect(StatusLineCache.read(dir)).toBeNull()
    StatusLineCache.write(dir, { activeProfile: "default", pollIntervalSeconds: 180, views: { default: view("a") } })
    StatusLineCache.write(dir, { activeProfile: "work", pollIntervalSeconds: 300, views: { work: view("b") } })
    expect(StatusLineCache.read(dir)).toEqual({
      version: 1,
      activeProfile: "work",
      pollIntervalSeconds: 300,
      views: { default: view("a"), work: view("b") }
    })
    expect(await readdir(dir)).toEqual([StatusLineCache.fileName])
  })

  it("ignores a damaged file or one of another version", async () => {
    const dir = await tempDir()
    await writeFile(join(dir, StatusLineCache.fileName), "{not json")
    expect(StatusLineCache.read(dir)).toBeNull()
    await writeFile(join(dir, StatusLineCache.fileName), JSON.stringify({ version: 2, views: {} }))
    expect(StatusLineCache.read(dir)).toBeNull()
  })
})
