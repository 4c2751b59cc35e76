// The built @cchdrm/core works for a plain ESM consumer outside the workspace: its exports map and
// .d.ts type-check under NodeNext + strict, and the compiled program runs on Node. The examples of
// packages/core/README.md are compiled and run the same way, so the README cannot drift from the API.
import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, isAbsolute, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as ReadmeExamples from "./ReadmeExamples.js"

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(here, "../../..")
const coreDir = join(repoRoot, "packages", "core")
const fixtureDir = resolve(here, "../fixtures/consumer")
const readme = readFileSync(join(coreDir, "README.md"), "utf8")
// The workspace's own compiler, run with this Node so no shell or .cmd shim is involved.
const tscBin = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc")

// Checking effect's declarations too (skipLibCheck off) takes tsc 10–30 s.
const tscTimeout = 150_000

const run = (args: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv = process.env) => {
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env, timeout: tscTimeout - 10_000 })
  if (result.error) throw result.error
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

// The README's monitor examples: one on core's testing layers (no Node types, like main.mts, as
// is every example under portable/), one on the live Node layers of storage and credentials.
const portableExample = "portable/monitor.mts"
const nodeExample = "node/monitor.mts"

// What the README's Node example needs besides core, linked as a package manager would.
const nodePackages = ["storage", "credentials"].map((name) => ({ name: `@cchdrm/${name}`, dir: join(repoRoot, "packages", name) }))
const fromCore = (name: string) => realpathSync(join(coreDir, "node_modules", name))
const fromHere = (name: string) => realpathSync(join(here, "..", "node_modules", name))

const link = (target: string, name: string) => {
  mkdirSync(dirname(join(consumer, "node_modules", name)), { recursive: true })
  // "junction" needs no privileges on Windows.
  symlinkSync(target, join(consumer, "node_modules", name), "junction")
}

let consumer = ""

beforeAll(() => {
  const missing = [
    ...["dist/index.js", "dist/index.d.ts", "dist/domain/Headroom.js", "dist/domain/Headroom.d.ts"].map((file) => join(coreDir, file)),
    ...nodePackages.map((pkg) => join(pkg.dir, "dist", "index.d.ts"))
  ].filter((file) => !existsSync(file))
  if (missing.length > 0) {
    throw new Error(
      `The libraries are not built (missing ${missing.map((f) => relative(repoRoot, f)).join(", ")}): ` +
        "run pnpm build first (or `pnpm exec turbo run build --filter @cchdrm/repo-checks...`)."
    )
  }
  // realpath: on macOS the temp dir is a symlink, and tsc reports errors under the real path.
  consumer = mkdtempSync(join(realpathSync(tmpdir()), "cchdrm-consumer-"))
  const fromRepo = relative(repoRoot, consumer)
  if (!fromRepo.startsWith("..") && !isAbsolute(fromRepo)) {
    throw new Error(`The consumer must live outside the workspace, but ${consumer} is inside ${repoRoot}`)
  }
  cpSync(fixtureDir, consumer, { recursive: true })
  for (const example of ReadmeExamples.examplesOf(readme)) {
    mkdirSync(dirname(join(consumer, example.path)), { recursive: true })
    writeFileSync(join(consumer, example.path), example.text)
  }
  // As a package manager links it. Node and tsc follow the link to packages/core, so core's own
  // imports resolve from packages/core/node_modules; the consumer's `effect` is the same copy.
  link(coreDir, "@cchdrm/core")
  for (const pkg of nodePackages) link(pkg.dir, pkg.name)
  link(fromCore("effect"), "effect")
  link(fromCore("@effect/platform-node"), "@effect/platform-node")
  link(fromHere("@types/node"), "@types/node")
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

describe("packages/core/README.md's examples, compiled and run by a consumer outside the workspace", () => {
  it("are all there, each with its own file", () => {
    expect(ReadmeExamples.examplesOf(readme).map((example) => example.path)).toEqual(["portable/call-sites.mts", portableExample, nodeExample])
  })

  // The portable example is in the consumer's tsconfig.json beside main.mts, so the strict check
  // of the published .d.ts above covers it; this one is the Node example with Node's types.
  it("the live Node example type-checks against core, storage, credentials and platform-node", () => {
    const { output, status } = run([tscBin, "--noEmit", "-p", join(consumer, "tsconfig.node.json")], consumer)
    expect(output).toBe("")
    expect(status).toBe(0)
  }, tscTimeout)

  it("the example on the testing layers prints what the README says it prints", () => {
    const compiled = run([tscBin, "-p", consumer, "--skipLibCheck"], consumer)
    expect(compiled.output).toBe("")
    const { output, status } = run([join(consumer, portableExample.replace(/\.mts$/, ".mjs"))], consumer)
    expect(status, output).toBe(0)
    const promised = ReadmeExamples.outputOf(readme, portableExample)
    expect(promised, `a \`\`\`text output=${portableExample} block in the README`).toBeDefined()
    expect(output).toBe(promised)
  }, tscTimeout)

  it("the live example runs on an empty machine: a real usage.db, no credentials, no request", () => {
    const compiled = run([tscBin, "-p", join(consumer, "tsconfig.node.json")], consumer)
    expect(compiled.output).toBe("")
    const home = join(consumer, "home")
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith("CCHDRM_") && !name.startsWith("CLAUDE_"))
    )
    Object.assign(env, {
      CCHDRM_DATA_DIR: join(home, "data"),
      CCHDRM_CONFIG_DIR: join(home, "config"),
      CLAUDE_CONFIG_DIR: join(home, "claude"),
      CCHDRM_KEYCHAIN: "off",
      // Nothing listens on port 9: a request would show as `disconnected`, not `no_credentials`.
      CCHDRM_API_URL: "http://127.0.0.1:9",
      CCHDRM_TOKEN_URL: "http://127.0.0.1:9/v1/oauth/token"
    })
    const { output, status } = run([join(consumer, nodeExample.replace(/\.mts$/, ".mjs"))], consumer, env)
    expect(status, output).toBe(0)
    expect(output).toBe("default: — (no_credentials)\n")
    expect(existsSync(join(home, "data", "usage.db")), "the history database was created and migrated").toBe(true)
  }, tscTimeout)
})
