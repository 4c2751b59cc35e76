// A real child process for MultiProcess.test.ts: records polls into one database file through
// the BUILT package (dist), as another cc-hdrm process would.
//
//   node writer.mjs --db FILE --profile NAME --start MS --step MS --count N [--print]
//
// Records `count` polls at start, start + step, …; with --print, writes each fetchedAt on its own
// line to stdout AFTER its record returned. Ends with one JSON summary line on stderr
// ({"recorded":N,"errors":N,"firstError":…}) and exits 0 only when every record succeeded.
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { Usage, UsageHistory } from "@cchdrm/core"
import { Effect, ManagedRuntime } from "effect"

const distUrl = new URL("../../dist/index.js", import.meta.url)
if (!existsSync(fileURLToPath(distUrl))) {
  process.stderr.write(`writer: ${fileURLToPath(distUrl)} is missing; run 'npx tsup' in packages/storage first\n`)
  process.exit(2)
}
const Storage = await import(distUrl.href)

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    profile: { type: "string" },
    start: { type: "string" },
    step: { type: "string" },
    count: { type: "string" },
    print: { type: "boolean", default: false }
  }
})
const filename = values.db
const profile = values.profile
const start = Number(values.start)
const step = Number(values.step)
const count = Number(values.count)
if (filename === undefined || profile === undefined || ![start, step, count].every(Number.isFinite)) {
  process.stderr.write("writer: usage: --db FILE --profile NAME --start MS --step MS --count N [--print]\n")
  process.exit(2)
}

const hour = 3_600_000

// Utilization climbs and falls back every 5 h, so some polls also detect a reset.
const snapshot = (fetchedAt) => {
  const cycle = Math.floor(fetchedAt / (5 * hour))
  const within = (fetchedAt % (5 * hour)) / (5 * hour)
  return new Usage.UsageSnapshot({
    profile,
    fetchedAt,
    source: "api",
    fiveHour: new Usage.UsageWindow({ utilization: Math.round(within * 90), resetsAt: (cycle + 1) * 5 * hour }),
    sevenDay: new Usage.UsageWindow({ utilization: 40, resetsAt: fetchedAt + 3 * 24 * hour }),
    caps: [new Usage.ModelCap({ label: "Opus", utilization: 12, resetsAt: null })],
    extraUsage: new Usage.ExtraUsage({ enabled: false, usedCents: null, limitCents: null }),
    tier: "default_claude_max_20x"
  })
}

const runtime = ManagedRuntime.make(Storage.layerSqlite({ filename }))
let recorded = 0
let errors = 0
let firstError = null

const program = Effect.gen(function*() {
  const history = yield* UsageHistory.UsageHistory
  for (let index = 0; index < count; index++) {
    const fetchedAt = start + index * step
    const outcome = yield* Effect.either(history.record(snapshot(fetchedAt)))
    if (outcome._tag === "Left") {
      errors++
      firstError ??= outcome.left.message
      continue
    }
    recorded++
    if (values.print) process.stdout.write(`${fetchedAt}\n`)
  }
})

try {
  await runtime.runPromise(program)
} catch (error) {
  errors++
  firstError ??= String(error?.message ?? error)
} finally {
  await runtime.dispose()
}
process.stderr.write(`${JSON.stringify({ recorded, errors, firstError })}\n`)
process.exitCode = errors === 0 ? 0 : 1
