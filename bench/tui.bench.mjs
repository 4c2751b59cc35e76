// The terminal dashboard as a person leaves it open all day: the BUILT `cchdrm-tui --demo` in a
// pseudo-terminal (util-linux `script`), measured from outside. Time from start to the first full
// dashboard frame (header, gauges area, status line) as a ratio to `node -e 0` (target ≤ 4×); then,
// over a window (5 minutes; `CCHDRM_BENCH_QUICK=1`: 20 s), the steady RSS (≤ 60 MB) and the average
// CPU of one core (≤ 1 %) while it idles between polls, repainting its countdowns every second.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { bestOf, record, report } from "./measure.mjs"

const bin = fileURLToPath(new URL("../apps/tui/dist/app/bin.js", import.meta.url))
if (!existsSync(bin)) throw new Error(`${bin} is missing: build the TUI first (pnpm build)`)
if (process.platform !== "linux") {
  console.log("  · tui bench reads /proc: Linux only, skipped here")
  process.exit(0)
}
const quick = process.env.CCHDRM_BENCH_QUICK === "1"
const windowSeconds = quick ? 20 : 300
const ticksPerSecond = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100

const baseline = await bestOf(() => void spawnSync(process.execPath, ["-e", "0"]), { runs: 15, warmup: 3 })
console.log(`  node -e 0: ${baseline.toFixed(1)} ms`)

// The dashboard's process (the child of `script`), its CPU ticks and RSS from /proc.
const childOf = (pid) => {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ")[0]) || null
  } catch {
    return null
  }
}
const cpuTicks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
  return Number(fields[11]) + Number(fields[12])
}
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024

// Started as the `cchdrm-tui` command starts it: with the node flags of its shebang line.
const nodeFlags = /^#!.*\bnode\b(.*)$/m.exec(readFileSync(bin, "utf8").split("\n")[0])?.[1].trim() ?? ""
const home = await mkdtemp(join(tmpdir(), "cchdrm-tui-bench-"))
const start = performance.now()
const shell = spawn("script", ["-qfec", `stty cols 80 rows 24; exec "${process.execPath}" ${nodeFlags} "${bin}" --demo`, "/dev/null"], {
  env: { ...process.env, HOME: home, TERM: "xterm-256color" },
  stdio: ["pipe", "pipe", "inherit"]
})
let screen = ""
const firstFrame = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no full frame within 60 s:\n${screen}`)), 60_000)
  shell.stdout.on("data", (chunk) => {
    screen += chunk.toString("utf8")
    // A full frame: the header names the account and the status line is drawn below the gauges.
    if (/simulated account \(demo\)/.test(screen) && /(Updated|No data yet)[^\n]*·/.test(screen) && /q quit/.test(screen)) {
      clearTimeout(timer)
      resolve(performance.now() - start)
    }
  })
})
let ok = report("cchdrm-tui --demo: first full frame", firstFrame, baseline, 4)

// Let the first poll and the demo's seeding settle, then measure the idle window.
await new Promise((resolve) => setTimeout(resolve, 5_000))
const pid = childOf(shell.pid)
if (pid === null) throw new Error("the dashboard process was not found under script")
const before = cpuTicks(pid)
let peakRss = 0
const samples = []
const from = performance.now()
while (performance.now() - from < windowSeconds * 1_000) {
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  const rss = rssMb(pid)
  samples.push(rss)
  peakRss = Math.max(peakRss, rss)
}
const cpuPercent = ((cpuTicks(pid) - before) / ticksPerSecond) / ((performance.now() - from) / 1_000) * 100
// Steady RSS: the median of the second half of the window (start-up garbage collected by then).
const steady = samples.slice(Math.floor(samples.length / 2)).sort((a, b) => a - b)[Math.floor(samples.length / 4)]
ok = record({ metric: `cchdrm-tui steady RSS over ${windowSeconds} s (peak ${peakRss.toFixed(0)} MB)`, measured: steady, unit: "MB", target: 60 }) && ok
ok = record({ metric: "cchdrm-tui CPU idle between polls, % of one core", measured: cpuPercent, unit: "%", target: 1 }) && ok

shell.stdin.write("q")
const code = await new Promise((resolve) => shell.on("exit", resolve))
await rm(home, { recursive: true, force: true })
if (code !== 0) {
  console.error(`  ✗ cchdrm-tui exited ${code} on q`)
  ok = false
}
if (!ok) process.exit(1)
