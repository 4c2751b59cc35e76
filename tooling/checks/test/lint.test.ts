// The architecture rules in eslint.config.js fire where they should, and only there.
import { ESLint, type Linter } from "eslint"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { beforeAll, describe, expect, it } from "vitest"

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..")

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot })
})

/** Lints `code` as if it lived at `file` (relative to the repo root); the file need not exist. */
const lint = async (file: string, code: string): Promise<ReadonlyArray<Linter.LintMessage>> => {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file), warnIgnored: true })
  if (result === undefined) throw new Error(`ESLint returned no result for ${file}`)
  return result.messages
}

const describeMessages = (messages: ReadonlyArray<Linter.LintMessage>) =>
  messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? "(no rule)"} ${m.message}`).join("\n")

interface Violation {
  readonly name: string
  readonly file: string
  readonly code: string
  readonly ruleId: string
  /** Words of the message that tell the author what to do instead. */
  readonly advice: RegExp
}

const violations: ReadonlyArray<Violation> = [
  // (a) core is portable
  {
    name: "core: import from node:fs",
    file: "packages/core/src/domain/Bad.ts",
    code: `import { readFileSync } from "node:fs"\nexport const read = () => readFileSync("x")\n`,
    ruleId: "no-restricted-imports",
    advice: /@effect\/platform/
  },
  {
    name: "core: bare import of path",
    file: "packages/core/src/domain/Bad.ts",
    code: `import * as path from "path"\nexport const join = path.join\n`,
    ruleId: "no-restricted-imports",
    advice: /no Node APIs/
  },
  {
    name: "core: bare subpath import of fs/promises",
    file: "packages/core/src/services/Bad.ts",
    code: `import { readFile } from "fs/promises"\nexport const read = readFile\n`,
    ruleId: "no-restricted-imports",
    advice: /no Node APIs/
  },
  {
    name: "core: import of child_process",
    file: "packages/core/src/programs/Bad.ts",
    code: `import { spawn } from "child_process"\nexport const run = spawn\n`,
    ruleId: "no-restricted-imports",
    advice: /no Node APIs/
  },
  {
    name: "core: type-only import of node:crypto",
    file: "packages/core/src/domain/Bad.ts",
    code: `import type { Hash } from "node:crypto"\nexport type H = Hash\n`,
    ruleId: "no-restricted-imports",
    advice: /no Node APIs/
  },
  {
    name: "core: re-export from node:url",
    file: "packages/core/src/index.ts",
    code: `export { fileURLToPath } from "node:url"\n`,
    ruleId: "no-restricted-imports",
    advice: /no Node APIs/
  },
  {
    name: "core: dynamic import of node:os",
    file: "packages/core/src/domain/Bad.ts",
    code: `export const os = () => import("node:os")\n`,
    ruleId: "no-restricted-syntax",
    advice: /no Node APIs/
  },
  {
    name: "core: a Node platform layer",
    file: "packages/core/src/services/Bad.ts",
    code: `import { NodeHttpClient } from "@effect/platform-node"\nexport const client = NodeHttpClient.layer\n`,
    ruleId: "no-restricted-imports",
    advice: /service Tag/
  },
  {
    name: "core: importing storage",
    file: "packages/core/src/programs/Bad.ts",
    code: `import { SqlUsageHistory } from "@cchdrm/storage"\nexport const layer = SqlUsageHistory.layer\n`,
    ruleId: "no-restricted-imports",
    advice: /service Tag/
  },
  {
    name: "core: process.env",
    file: "packages/core/src/services/Bad.ts",
    code: `export const url = process.env.X\n`,
    ruleId: "no-restricted-globals",
    advice: /Config/
  },
  {
    name: "core: console.log",
    file: "packages/core/src/domain/Bad.ts",
    code: `export const say = (line: string) => console.log(line)\n`,
    ruleId: "no-restricted-globals",
    advice: /Effect\.log/
  },
  {
    name: "core: Buffer",
    file: "packages/core/src/domain/Bad.ts",
    code: `export const bytes = (text: string) => Buffer.from(text)\n`,
    ruleId: "no-restricted-globals",
    advice: /TextEncoder/
  },
  // (b) time comes from Clock
  {
    name: "core: Date.now()",
    file: "packages/core/src/domain/Bad.ts",
    code: `export const now = () => Date.now()\n`,
    ruleId: "no-restricted-syntax",
    advice: /Clock\.currentTimeMillis/
  },
  {
    name: "core: new Date()",
    file: "packages/core/src/domain/Bad.ts",
    code: `export const today = () => new Date()\n`,
    ruleId: "no-restricted-syntax",
    advice: /Clock\.currentTimeMillis/
  },
  {
    name: "core: Date() as a function",
    file: "packages/core/src/domain/Bad.ts",
    code: `export const stamp = () => Date()\n`,
    ruleId: "no-restricted-syntax",
    advice: /Clock/
  },
  {
    name: "core (testing layers too): Date.now()",
    file: "packages/core/src/testing/MemoryUsageHistory.ts",
    code: `export const now = () => Date.now()\n`,
    ruleId: "no-restricted-syntax",
    advice: /TestClock/
  },
  // (c) testkit speaks the wire format only
  {
    name: "testkit: import from @cchdrm/core",
    file: "packages/testkit/src/FakeAnthropic.ts",
    code: `import { Headroom } from "@cchdrm/core"\nexport const h = Headroom\n`,
    ruleId: "no-restricted-imports",
    advice: /wire format/
  },
  {
    name: "testkit: deep import of core",
    file: "packages/testkit/src/Scenario.ts",
    code: `import * as Usage from "@cchdrm/core/domain/Usage"\nexport const u = Usage\n`,
    ruleId: "no-restricted-imports",
    advice: /API\.md/
  },
  {
    name: "testkit: relative path into core's source",
    file: "packages/testkit/src/Scenario.ts",
    code: `import * as Usage from "../../core/src/domain/Usage.js"\nexport const u = Usage\n`,
    ruleId: "no-restricted-imports",
    advice: /wire format/
  },
  {
    name: "testkit tests: import from @cchdrm/core",
    file: "packages/testkit/test/FakeAnthropic.test.ts",
    code: `import { Usage } from "@cchdrm/core"\nexport const u = Usage\n`,
    ruleId: "no-restricted-imports",
    advice: /wire format/
  },
  // (d) apps use storage and credentials through their entry points
  {
    name: "apps: storage internals",
    file: "apps/cli/src/commands/status.ts",
    code: `import { x } from "@cchdrm/storage/internal/SqliteDatabase"\nexport const y = x\n`,
    ruleId: "no-restricted-imports",
    advice: /entry points? `?@cchdrm\/storage/
  },
  {
    name: "apps: a storage module by subpath",
    file: "apps/tui/src/App.tsx",
    code: `import * as SqlUsageHistory from "@cchdrm/storage/SqlUsageHistory"\nexport const l = SqlUsageHistory\n`,
    ruleId: "no-restricted-imports",
    advice: /index\.ts/
  },
  {
    name: "apps: credentials internals",
    file: "apps/tray/src/main/main.ts",
    code: `import { Vault } from "@cchdrm/credentials/Vault"\nexport const v = Vault\n`,
    ruleId: "no-restricted-imports",
    advice: /entry points/
  },
  {
    name: "apps: core's internal modules",
    file: "apps/cli/src/Main.ts",
    code: `import { z } from "@cchdrm/core/internal/Cache"\nexport const w = z\n`,
    ruleId: "no-restricted-imports",
    advice: /entry point/
  },
  {
    name: "apps: relative path into packages/credentials/src",
    file: "apps/cli/src/commands/login.ts",
    code: `import { y } from "../../../packages/credentials/src/Vault.js"\nexport const z = y\n`,
    ruleId: "no-restricted-imports",
    advice: /by name/
  },
  {
    name: "apps tests: relative path into packages/storage/src",
    file: "apps/cli/test/status.test.ts",
    code: `import { y } from "../../../packages/storage/src/SqliteDatabase.js"\nexport const z = y\n`,
    ruleId: "no-restricted-imports",
    advice: /by name/
  }
]

interface Compliant {
  readonly name: string
  readonly file: string
  readonly code: string
}

const compliant: ReadonlyArray<Compliant> = [
  {
    name: "core: time through Clock, new Date(ms), Effect.log, Config",
    file: "packages/core/src/programs/Good.ts",
    code: [
      `import { Clock, Config, Effect } from "effect"`,
      `import * as Headroom from "../domain/Headroom.js"`,
      `export const epoch = new Date(0)`,
      `export const program = Effect.gen(function*() {`,
      `  const now = yield* Clock.currentTimeMillis`,
      `  const url = yield* Config.string("CCHDRM_API_URL")`,
      `  yield* Effect.log("polled", url)`,
      `  return { at: new Date(now), state: Headroom.stateOfHeadroom(17) }`,
      `})`,
      ``
    ].join("\n")
  },
  {
    name: "core: @effect/platform abstractions and the web's TextEncoder",
    file: "packages/core/src/services/UsageApi.ts",
    code: [
      `import { HttpClient } from "@effect/platform"`,
      `export const Client = HttpClient.HttpClient`,
      `export const bytes = (text: string) => new TextEncoder().encode(text)`,
      ``
    ].join("\n")
  },
  {
    name: "core tests: Node APIs, Date.now() and console are fine",
    file: "packages/core/test/domain/Headroom.test.ts",
    code: [
      `import { readFileSync } from "node:fs"`,
      `import * as path from "path"`,
      `export const read = () => readFileSync(path.join(process.cwd(), "x"), "utf8")`,
      `export const now = () => { console.log(Date.now()); return new Date() }`,
      ``
    ].join("\n")
  },
  {
    name: "storage: Node imports in packages/storage/src",
    file: "packages/storage/src/SqliteDatabase.ts",
    code: [
      `import { mkdirSync } from "node:fs"`,
      `import * as os from "node:os"`,
      `import * as path from "path"`,
      `import { Headroom } from "@cchdrm/core"`,
      `export const dir = () => mkdirSync(path.join(os.homedir(), process.env.X ?? ".cchdrm"), { recursive: true })`,
      `export const state = Headroom.stateOfHeadroom`,
      ``
    ].join("\n")
  },
  {
    name: "testkit: node:http and the wire format",
    file: "packages/testkit/src/FakeAnthropic.ts",
    code: [
      `import { createServer } from "node:http"`,
      `export const serve = () => createServer((_req, res) => res.end(JSON.stringify({ five_hour: { utilization: 17 } })))`,
      ``
    ].join("\n")
  },
  {
    name: "apps: entry points of storage and credentials, deep imports of core",
    file: "apps/cli/src/Main.ts",
    code: [
      `import { SqlUsageHistory } from "@cchdrm/storage"`,
      `import { FileCredentialStore } from "@cchdrm/credentials"`,
      `import * as Headroom from "@cchdrm/core/domain/Headroom"`,
      `import { Credits } from "@cchdrm/core"`,
      `import { NodeHttpClient } from "@effect/platform-node"`,
      `import { readFileSync } from "node:fs"`,
      `import { helper } from "../helper.js"`,
      `export const parts = [SqlUsageHistory, FileCredentialStore, Headroom, Credits, NodeHttpClient, readFileSync, helper]`,
      ``
    ].join("\n")
  },
  {
    name: "apps: .tsx with JSX",
    file: "apps/tui/src/Gauge.tsx",
    code: [
      `import { Text } from "ink"`,
      `export const Gauge = (props: { readonly label: string }) => <Text>{props.label}</Text>`,
      ``
    ].join("\n")
  },
  {
    name: "style: _-prefixed unused names, empty interface naming a type, generator without yield",
    file: "packages/core/src/domain/Style.ts",
    code: [
      `import { Effect, Schema } from "effect"`,
      `export const Window = Schema.Struct({ utilization: Schema.Number })`,
      `export interface Window extends Schema.Schema.Type<typeof Window> {}`,
      `export const f = (_unused: number, used: number) => used`,
      `const [_first, second] = [1, 2]`,
      `export const s = second`,
      `export const pure = Effect.gen(function*() { return 1 })`,
      ``
    ].join("\n")
  },
  {
    name: "scripts: plain .mjs on Node",
    file: "scripts/tool.mjs",
    code: [
      `import { join } from "node:path"`,
      `const file = join(process.cwd(), "x")`,
      `setTimeout(() => console.log(file, Buffer.from("a"), new URL("file:///x")), 1)`,
      ``
    ].join("\n")
  },
  {
    name: "scripts: CommonJS .cjs",
    file: "scripts/tool.cjs",
    code: [
      `const fs = require("node:fs")`,
      `module.exports = { read: () => fs.readFileSync(__filename, "utf8") }`,
      ``
    ].join("\n")
  }
]

describe("eslint.config.js", () => {
  it.each(violations)("rejects $name with $ruleId", async ({ advice, code, file, ruleId }) => {
    const messages = await lint(file, code)
    const hits = messages.filter((m) => m.ruleId === ruleId)
    expect(hits.length, `expected ${ruleId} in:\n${describeMessages(messages)}`).toBeGreaterThan(0)
    for (const hit of hits) {
      expect(hit.severity, "project rules are errors").toBe(2)
      expect(hit.message).toMatch(advice)
    }
  })

  it.each(compliant)("accepts $name", async ({ code, file }) => {
    const messages = await lint(file, code)
    expect(describeMessages(messages)).toBe("")
  })

  it("ignores build output, dependencies and lint fixtures", async () => {
    for (const file of ["packages/core/dist/index.js", "node_modules/x/index.js", "tooling/checks/fixtures/consumer/main.mts"]) {
      expect(await eslint.isPathIgnored(join(repoRoot, file)), file).toBe(true)
    }
    for (const file of ["packages/core/src/index.ts", "apps/tui/src/App.tsx", "bench/run.mjs", "scripts/dev.mjs", "tooling/checks/test/lint.test.ts"]) {
      expect(await eslint.isPathIgnored(join(repoRoot, file)), file).toBe(false)
    }
  })

  it("lints the whole repository in well under 20 s", async () => {
    const started = performance.now()
    const results = await new ESLint({ cwd: repoRoot }).lintFiles(["."])
    const seconds = (performance.now() - started) / 1000
    expect(results.length).toBeGreaterThan(0)
    expect(seconds).toBeLessThan(20)
  })
})
