// Timing helpers shared by the benchmarks: best-of-N wall time, and a ratio line with a target.
import { performance } from "node:perf_hooks"

/** Best wall time (ms) of `runs` runs of `fn` after `warmup` unmeasured runs. */
export const bestOf = async (fn, { runs = 7, warmup = 2 } = {}) => {
  for (let i = 0; i < warmup; i++) await fn()
  let best = Infinity
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

/** Prints `name: x ms (ratio× baseline, target ≤ t×)` and returns whether the target holds. */
export const report = (name, ms, baselineMs, target) => {
  const ratio = ms / baselineMs
  const ok = target === undefined || ratio <= target
  const goal = target === undefined ? "" : `, target ≤ ${target}×`
  const mark = target === undefined ? "·" : ok ? "✓" : "✗"
  console.log(`  ${mark} ${name}: ${ms.toFixed(1)} ms (${ratio.toFixed(2)}× baseline${goal})`)
  return ok
}
