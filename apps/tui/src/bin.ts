#!/usr/bin/env -S node --max-semi-space-size=1
// Entry of `cchdrm-tui`. The dashboard stays open all day and allocates little per second, so a
// small young generation (V8 reserves ~32 MB by default) keeps its resident memory down.

// ink draws no frames while CI or CONTINUOUS_INTEGRATION is set (it reads them once, when loaded).
// On a terminal the dashboard is what was asked for, so ink loads without them; they are restored
// for whatever the dashboard starts later (alert commands).
const ciVariables = ["CI", "CONTINUOUS_INTEGRATION"].filter((name) => name in process.env)
const hidden = process.stdout.isTTY ? ciVariables.map((name) => [name, process.env[name]] as const) : []
for (const [name] of hidden) delete process.env[name]
const { main } = await import("./main.js")
for (const [name, value] of hidden) process.env[name] = value

main(process.argv.slice(2))
