// The built @cchdrm/core works for a plain ESM consumer outside the workspace: its exports map and
// .d.ts type-check under NodeNext + strict, and the compiled program runs on Node.
import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, isAbsolute, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(here, "../../..")
const coreDir = join(repoRoot, "packages", "core")
const fixtureDir = resolve(here, "../fixtures/consumer")
// The workspace's own compiler, run with this Node so no shell or .cmd shim is involved.
const tscBin = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc")

// Checking effect's declarations too (skipLibCheck off) takes tsc 10–30 s.
const tscTimeout = 150_000

const run = (args: ReadonlyArray<string>, cwd: string) => {
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", timeout: tscTimeout - 10_000 })
  if (result.error) throw result.error
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

let consumer = ""

beforeAll(() => {
  const missing = ["dist/index.js", "dist/index.d.ts", "dist/domain/Headroom.js", "dist/domain/Headroom.d.ts"]
    .filter((file) => !existsSync(join(coreDir, file)))
  if (missing.length > 0) {
    throw new Error(
      `@cchdrm/core is not built (missing ${missing.map((f) => `packages/core/${f}`).join(", ")}): ` +
        "run pnpm build first (or `pnpm exec turbo run build --filter @cchdrm/core`)."
    )
  }
  // realpath: on macOS the temp dir is a symlink, and tsc reports errors under the real path.
  consumer = mkdtempSync(join(realpathSync(tmpdir()), "cchdrm-consumer-"))
  const fromRepo = relative(repoRoot, consumer)
  if (!fromRepo.startsWith("..") && !isAbsolute(fromRepo)) {
    throw new Error(`The consumer must live outside the workspace, but ${consumer} is inside ${repoRoot}`)
  }
  cpSync(fixtureDir, consumer, { recursive: true })
  mkdirSync(join(consumer, "node_modules", "@cchdrm"), { recursive: true })
  // As a package manager links it. Node and tsc follow the link to packages/core, so `effect`
  // resolves from packages/core/node_modules. "junction" needs no privileges on Windows.
  symlinkSync(coreDir, join(consumer, "node_modules", "@cchdrm", "core"), "junction")
})

afterAll(() => {
  if (consumer !== "") rmSync(consumer, { recursive: true, force: true })
})

describe("@cchdrm/core from an ESM consumer outside the workspace", () => {
  it("type-checks against the published .d.ts and exports map (NodeNext, strict)", () => {
    const { output, status } = run([tscBin, "--noEmit", "-p", consumer], consumer)
    expect(output).toBe("")
    expect(status).toBe(0)
  }, tscTimeout)

  it("runs on Node and computes real values through the barrel and deep imports", () => {
    // The declarations were checked above; emitting needs only the consumer's own file.
    const compiled = run([tscBin, "-p", consumer, "--skipLibCheck"], consumer)
    expect(compiled.output).toBe("")
    expect(compiled.status).toBe(0)
    const main = join(consumer, "main.mjs")
    expect(existsSync(main), "tsc emits main.mjs beside main.mts").toBe(true)
    expect(readFileSync(main, "utf8")).toContain(`from "@cchdrm/core/domain/Headroom"`)

    const { output, status } = run([main], consumer)
    expect(status, output).toBe(0)
    expect(JSON.parse(output)).toEqual({
      state: "warning",
      windowState: "warning",
      deepState: "critical",
      proLimits: { fiveHour: 550_000, sevenDay: 5_000_000 },
      unknownTier: "None",
      quotasLeftAtHalfWeek: (0.5 * 5_000_000) / 550_000,
      sameFunction: true,
      sameClass: true
    })
  }, tscTimeout)
})
