// The CLI's start-up cost as a user meets it: wall time of the BUILT `cchdrm` processes, as ratios
// to `node -e 0` measured in the same run. `statusline` with a warm cache (Claude Code re-runs it
// on every update) within 1.5×, `--version` within 3×, `status --json` against the local fake
// Anthropic API — a real poll, stored in a real SQLite file — within 4×. Beside them the stack
// floor (fixtures/stackFloor.mjs): the prescribed libraries doing a bare poll with no cc-hdrm code,
// started the way the CLI starts; `status --json` stays within 1.3× of it (what cc-hdrm adds).
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { startFakeAnthropic } from "@cchdrm/testkit"
import { build } from "esbuild"
import { bestOf, report } from "./measure.mjs"

const bin = fileURLToPath(new URL("../apps/cli/dist/bin.js", import.meta.url))
if (!existsSync(bin)) throw new Error(`${bin} is missing: build the CLI first (pnpm build)`)

// The floor is bundled like the CLI's program (minified CommonJS, node:http client, SQLite binding
// external) beside the root node_modules it resolves better-sqlite3 from.
const floorFile = fileURLToPath(new URL("../node_modules/.cache/cchdrm-bench/stack-floor.cjs", import.meta.url))
await rm(`${floorFile}.cache`, { force: true })
await build({
  entryPoints: [fileURLToPath(new URL("./fixtures/stackFloor.mjs", import.meta.url))],
  outfile: floorFile,
  bundle: true,
  minify: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["better-sqlite3"],
  alias: { "@effect/platform-node/NodeHttpClient": fileURLToPath(new URL("../node_modules/@effect/platform-node/dist/esm/internal/httpClient.js", import.meta.url)) },
  logLevel: "error"
})
// What the CLI's bin does for its program (apps/cli/src/CodeCache.ts): a script with V8's code cache.
const floorStart = `const { readFileSync, writeFileSync } = require("node:fs"), Module = require("node:module"), { Script } = require("node:vm")
const file = ${JSON.stringify(floorFile)}; let cachedData; try { cachedData = readFileSync(file + ".cache") } catch {}
const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData })
const module_ = { exports: {} }
script.runInThisContext()(module_.exports, Module.createRequire(file), module_, file, require("node:path").dirname(file))
if (cachedData === undefined) process.once("exit", () => writeFileSync(file + ".cache", script.createCachedData()))
module_.exports.main()`

const fake = await startFakeAnthropic()
const account = fake.addAccount()
const root = await mkdtemp(join(tmpdir(), "cchdrm-bench-"))
await mkdir(join(root, "claude"), { recursive: true })
await writeFile(join(root, "claude", ".credentials.json"), JSON.stringify(account.credentials()), { mode: 0o600 })
const env = {
  PATH: process.env.PATH ?? "",
  HOME: root,
  NO_COLOR: "1",
  CCHDRM_API_URL: fake.url,
  CCHDRM_TOKEN_URL: fake.tokenUrl,
  CCHDRM_DATA_DIR: join(root, "data"),
  CCHDRM_CONFIG_DIR: join(root, "config"),
  CLAUDE_CONFIG_DIR: join(root, "claude"),
  FLOOR_TOKEN: account.credentials().claudeAiOauth.accessToken,
  FLOOR_DB: join(root, "floor.db")
}

// spawnSync keeps the fake's event loop from answering: the status runs go through an async spawn.
const runAsync = (args) =>
  new Promise((resolve, reject) => {
    import("node:child_process").then(({ spawn }) => {
      const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "inherit"] })
      child.on("error", reject)
      child.on("close", (code) => code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}`)))
    })
  })
const runSync = (args) => {
  const result = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "inherit"] })
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}`)
}

let ok = true
try {
  const baseline = await bestOf(() => runSync(["-e", "0"]), { runs: 15, warmup: 3 })
  console.log(`  node -e 0: ${baseline.toFixed(1)} ms`)
  // `status` writes the poll and the status-line cache; statusline then answers from the cache.
  await runAsync([bin, "status", "--json"])
  ok = report("cchdrm statusline (warm cache)", await bestOf(() => runSync([bin, "statusline"]), { runs: 15, warmup: 3 }), baseline, 1.5) && ok
  ok = report("cchdrm --version", await bestOf(() => runSync([bin, "--version"]), { runs: 15, warmup: 3 }), baseline, 3) && ok
  const status = await bestOf(() => runAsync([bin, "status", "--json"]), { runs: 7, warmup: 1 })
  ok = report("cchdrm status --json (local fake)", status, baseline, 4) && ok
  const floor = await bestOf(() => runAsync(["-e", floorStart]), { runs: 7, warmup: 1 })
  report("stack floor: Effect + HttpClient + @effect/sql, one GET + INSERT, no cc-hdrm code", floor, baseline)
  ok = report("cchdrm status --json vs the stack floor (baseline here: the floor)", status, floor, 1.3) && ok
  console.log(`    cc-hdrm's own share of status --json: ${(status - floor).toFixed(1)} ms`)
} finally {
  await fake.close()
  await rm(root, { recursive: true, force: true })
}
if (!ok) process.exitCode = 1
