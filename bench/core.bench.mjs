// Core's hot paths against plain-JavaScript baselines measured in the same run:
// decoding a usage body (baseline: JSON.parse of the same text) and rolling up a year of polls
// into daily buckets (baseline: one loop computing the same avg/peak/min by hand).
import { Profile, Rollup, Usage, UsageBody } from "@cchdrm/core"
import { UsageBodies } from "@cchdrm/testkit"
import { Either } from "effect"
import { bestOf, report } from "./measure.mjs"

const body = JSON.stringify(UsageBodies.example())
const context = { profile: Profile.defaultProfile, fetchedAt: 0, tier: "default_claude_max_20x" }
const decodes = 5_000

const parseMs = await bestOf(() => { for (let i = 0; i < decodes; i++) JSON.parse(body) })
const decodeMs = await bestOf(() => {
  for (let i = 0; i < decodes; i++) if (Either.isLeft(UsageBody.decode(body, context))) throw new Error("decode failed")
})
console.log(`  baseline JSON.parse × ${decodes}: ${parseMs.toFixed(1)} ms`)
const decodeOk = report(`UsageBody.decode × ${decodes}`, decodeMs, parseMs, 40)

// One year of polls every 60 s.
const start = Date.UTC(2025, 0, 1)
const count = 525_600
const polls = Array.from({ length: count }, (_, i) => {
  const at = start + i * 60_000
  const u5 = (i % 300) / 3
  const u7 = (i % 10_080) / 100.8
  return Usage.UsageSnapshot.make({
    profile: Profile.defaultProfile,
    fetchedAt: at,
    source: "import",
    fiveHour: Usage.UsageWindow.make({ utilization: u5, resetsAt: null }, { disableValidation: true }),
    sevenDay: Usage.UsageWindow.make({ utilization: u7, resetsAt: null }, { disableValidation: true }),
    caps: [],
    extraUsage: null,
    tier: "default_claude_max_20x"
  }, { disableValidation: true })
})
const baselineMs = await bestOf(() => {
  const days = new Map()
  for (const poll of polls) {
    const day = Math.floor(poll.fetchedAt / 86_400_000)
    let d = days.get(day)
    if (d === undefined) days.set(day, d = { n: 0, sum: 0, peak: -Infinity, min: Infinity })
    const u = poll.fiveHour.utilization
    d.n++; d.sum += u; d.peak = Math.max(d.peak, u); d.min = Math.min(d.min, u)
  }
  return days
}, { runs: 3, warmup: 1 })
const rollupMs = await bestOf(() => Rollup.rollupPolls(polls, "daily", []), { runs: 3, warmup: 1 })
console.log(`  baseline hand-written daily loop over ${count} polls: ${baselineMs.toFixed(1)} ms`)
const rollupOk = report(`Rollup.rollupPolls(daily) over ${count} polls`, rollupMs, baselineMs, 20)

process.exit(decodeOk && rollupOk ? 0 : 1)
