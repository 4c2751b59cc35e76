#!/usr/bin/env node
// `pnpm bench`: runs every bench/*.bench.mjs in its own process, one after another, so no
// benchmark disturbs another. Each prints its own ratios against a baseline it measures itself.
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv[2]
const files = readdirSync(here)
  .filter((file) => file.endsWith(".bench.mjs") && (!only || file.includes(only)))
  .sort()

let failed = 0
for (const file of files) {
  console.log(`\n▸ ${file}`)
  const result = spawnSync(process.execPath, [join(here, file)], { stdio: "inherit" })
  if (result.status !== 0) failed++
}
if (failed > 0) {
  console.error(`\n${failed} benchmark(s) failed or missed their target`)
  process.exit(1)
}
