#!/usr/bin/env node
// The Quick start commands (`npm start`, `npm test`, `npm run cchdrm -- …`) land here. They must work on a machine
// that has only Node: fetch the pinned pnpm, install, build, then run. Repeat runs skip the
// install when nothing it depends on changed, and turbo's cache makes the build instant.
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const PNPM_VERSION = "12.21.0"
const isWindows = process.platform === "win32"

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", ELECTRON_SKIP_BINARY_DOWNLOAD: "1" }
// better-sqlite3 compiles with node-gyp; point it at this Node's own headers when they are
// installed, so it never has to download them.
const nodePrefix = join(dirname(process.execPath), "..")
if (!env.npm_config_nodedir && existsSync(join(nodePrefix, "include", "node", "node.h"))) {
  env.npm_config_nodedir = nodePrefix
}

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit", shell: isWindows, ...options })
  if (result.error) {
    console.error(`cc-hdrm: could not run ${command}: ${result.error.message}`)
    process.exit(1)
  }
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const pnpm = (() => {
  const probe = spawnSync("pnpm", ["--version"], { env, encoding: "utf8", shell: isWindows })
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ["pnpm"]
  return ["npx", "--yes", `pnpm@${PNPM_VERSION}`]
})()
const runPnpm = (...args) => run(pnpm[0], [...pnpm.slice(1), ...args])

const installStamp = () => {
  const hash = createHash("sha256").update(process.version)
  for (const file of ["pnpm-lock.yaml", "pnpm-workspace.yaml", "package.json"]) {
    const path = join(root, file)
    if (existsSync(path)) hash.update(readFileSync(path))
  }
  return hash.digest("hex")
}

const ensureInstalled = () => {
  const stampFile = join(root, "node_modules", ".cchdrm-install-stamp")
  const stamp = installStamp()
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return
  runPnpm("install", "--frozen-lockfile")
  writeFileSync(stampFile, stamp)
}

const tasks = {
  start: () => {
    ensureInstalled()
    runPnpm("exec", "turbo", "run", "build", "--output-logs=errors-only")
    // The live dashboard, on the user's own Claude Code login when there is one, else on the
    // simulated account (its header says which); `npm start -- --demo` forces the simulated one.
    // With the node flag of the bin's shebang (a small young generation for a process left open all day).
    run(process.execPath, ["--max-semi-space-size=1", join(root, "apps", "tui", "dist", "app", "bin.js"), "--demo-without-login", ...process.argv.slice(3)])
  },
  // `npm run cchdrm -- status`: any CLI command from the checkout.
  cchdrm: () => {
    ensureInstalled()
    runPnpm("exec", "turbo", "run", "build", "--output-logs=errors-only")
    run(process.execPath, [join(root, "apps", "cli", "dist", "bin.js"), ...process.argv.slice(3)])
  },
  test: () => {
    ensureInstalled()
    runPnpm("run", "lint")
    runPnpm("exec", "turbo", "run", "build", "typecheck", "--output-logs=errors-only")
    // One vitest run over every package, so the last line is the whole suite's summary.
    runPnpm("exec", "vitest", "run")
  }
}

const task = tasks[process.argv[2] ?? ""]
if (!task) {
  console.error(`usage: node scripts/dev.mjs <${Object.keys(tasks).join("|")}>`)
  process.exit(2)
}
task()
