#!/usr/bin/env node
// Entry of `cchdrm`. `--version` answers at once; `statusline` first tries the lean entry, which
// never loads Effect (Claude Code runs it on every update); everything else, and whatever the lean
// entry cannot answer, loads the full program through V8's code cache.
import { fileURLToPath } from "node:url"
import { requireCached } from "./CodeCache.js"

declare const __CCHDRM_VERSION__: string
const args = process.argv.slice(2)
if (args.length === 1 && args[0] === "--version") {
  process.stdout.write(`${__CCHDRM_VERSION__}\n`)
  process.exit(0)
}
let piped: { readonly piped: string | null } | null = null
if (args[0] === "statusline") {
  const lean = await import("./lean/statusline.js")
  const result = await lean.run(args.slice(1))
  if (result.handled) process.exit(0)
  piped = { piped: result.piped }
}
const { main } = requireCached(fileURLToPath(new URL("./program/main.cjs", import.meta.url))) as typeof import("./main.js")
main(process.argv, piped)
