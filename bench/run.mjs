#!/usr/bin/env node
// `pnpm bench [--quick] [NAME]`: runs every bench/*.bench.mjs in its own process, one after another,
// so no benchmark disturbs another. Each appends its rows (see measure.mjs) to one results file;
// this prints them as ONE table — metric, measured, baseline, ratio, target — and writes
// bench/results.json. A missed target is shown, not an error: only a bench that crashes fails the run.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const quick = args.includes("--quick") || process.env.CCHDRM_BENCH_QUICK === "1"
const only = args.find((arg) => !arg.startsWith("--"))
const files = readdirSync(here)
  .filter((file) => file.endsWith(".bench.mjs") && (!only || file.includes(only)))
  .sort()

const dir = mkdtempSync(join(tmpdir(), "cchdrm-bench-results-"))
const results = join(dir, "rows.jsonl")
writeFileSync(results, "")
const crashed = []
for (const file of files) {
  console.log(`\n▸ ${file}`)
  const result = spawnSync(process.execPath, [join(here, file)], {
    stdio: "inherit",
    env: { ...process.env, CCHDRM_BENCH_RESULTS: results, ...(quick ? { CCHDRM_BENCH_QUICK: "1" } : {}) }
  })
  // Exit 1 is a missed target (in the table); anything else is a crash.
  if (result.status !== 0 && result.status !== 1) crashed.push(file)
}
const rows = readFileSync(results, "utf8").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line))
rmSync(dir, { recursive: true, force: true })

const number = (value, unit) => (value === null ? "—" : `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`)
const table = [
  ["metric", "measured", "baseline", "ratio", "target", ""],
  ...rows.map((row) => [
    row.metric,
    number(row.measured, row.unit),
    number(row.baseline, row.unit),
    row.ratio === null ? "—" : `${row.ratio.toFixed(2)}×`,
    row.target ?? "—",
    row.ok === null ? "" : row.ok ? "✓" : "✗ missed"
  ])
]
const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)))
const load = loadavg().map((value) => value.toFixed(2)).join(" ")
console.log(`\n${quick ? "Quick run (inputs and runs cut down; figures only show the benches work)" : "Benchmarks"} — load average ${load}\n`)
for (const [index, cells] of table.entries()) {
  console.log(cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ").trimEnd())
  if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "))
}
writeFileSync(join(here, "results.json"), `${JSON.stringify({ generatedAt: new Date().toISOString(), quick, loadAverage: loadavg(), rows }, null, 2)}\n`)
console.log(`\nWrote bench/results.json (${rows.length} rows)`)
const missed = rows.filter((row) => row.ok === false)
if (missed.length > 0) console.log(`Missed: ${missed.map((row) => row.metric).join("; ")}`)
if (crashed.length > 0) {
  console.error(`\n${crashed.length} benchmark(s) crashed: ${crashed.join(", ")}`)
  process.exit(1)
}
