// Timing helpers shared by the benchmarks, and the rows of `pnpm bench`'s table: every `report`
// or `record` prints its line and, under `bench/run.mjs`, appends one JSON row to the results
// file the runner collects (CCHDRM_BENCH_RESULTS), so each bench process adds its own metrics.
import { appendFileSync } from "node:fs"
import { performance } from "node:perf_hooks"

/** Quick mode (`pnpm bench --quick`, CCHDRM_BENCH_QUICK=1): fewer runs and smaller inputs, only to keep the benches working. */
export const quick = process.env.CCHDRM_BENCH_QUICK === "1"

/** Best wall time (ms) of `runs` runs of `fn` after `warmup` unmeasured runs (one of each in quick mode). */
export const bestOf = async (fn, { runs = 7, warmup = 2 } = {}) => {
  const [runCount, warmupCount] = quick ? [1, Math.min(warmup, 1)] : [runs, warmup]
  for (let i = 0; i < warmupCount; i++) await fn()
  let best = Infinity
  for (let i = 0; i < runCount; i++) {
    const start = performance.now()
    await fn()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

const append = (row) => {
  const file = process.env.CCHDRM_BENCH_RESULTS
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`)
}

/**
 * One absolute figure: `measured` in `unit` against `target` (at most), with an optional baseline
 * measured in the same run. Prints `✓ metric: 12.3 ms (target ≤ 50 ms)` and returns whether it holds.
 */
export const record = ({ metric, measured, unit = "ms", baseline = null, target = null }) => {
  const ok = target === null || measured <= target
  const mark = target === null ? "·" : ok ? "✓" : "✗"
  const goal = target === null ? "" : ` (target ≤ ${target} ${unit})`
  console.log(`  ${mark} ${metric}: ${measured.toFixed(1)} ${unit}${goal}`)
  append({ metric, measured, unit, baseline, ratio: baseline === null ? null : measured / baseline, target: target === null ? null : `≤ ${target} ${unit}`, ok: target === null ? null : ok })
  return ok
}

/** Prints `name: x ms (ratio× baseline, target ≤ t×)` and returns whether the target holds. */
export const report = (name, ms, baselineMs, target) => {
  const ratio = ms / baselineMs
  const ok = target === undefined || ratio <= target
  const goal = target === undefined ? "" : `, target ≤ ${target}×`
  const mark = target === undefined ? "·" : ok ? "✓" : "✗"
  console.log(`  ${mark} ${name}: ${ms.toFixed(1)} ms (${ratio.toFixed(2)}× baseline${goal})`)
  append({ metric: name, measured: ms, unit: "ms", baseline: baselineMs, ratio, target: target === undefined ? null : `≤ ${target}×`, ok: target === undefined ? null : ok })
  return ok
}
