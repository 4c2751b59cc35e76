#!/usr/bin/env node
// `cchdrm-tray`: the Electron tray app when Electron is installed, else (or with `--web`) the same
// dashboard served to a browser on loopback (API.md B.7).
import { spawn } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const usage = "usage: cchdrm-tray [--web [--port N] [--no-open] [--demo]]"
const here = dirname(fileURLToPath(import.meta.url))

interface Parsed {
  readonly web: boolean
  readonly port: number
  readonly open: boolean
  readonly demo: boolean
}

const parse = (args: ReadonlyArray<string>): Parsed | string => {
  let web = false, open = true, demo = false, port = 0
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === "--web") web = true
    else if (arg === "--no-open") open = false
    else if (arg === "--demo") demo = true
    else if (arg === "--port" || arg?.startsWith("--port=") === true) {
      const text = arg === "--port" ? args[++i] : arg.slice("--port=".length)
      const value = Number(text)
      if (text === undefined || !/^\d+$/.test(text) || value > 65535) return `--port must be a port number 0–65535, got '${text ?? ""}'`
      port = value
    } else return `unknown option '${arg}' — ${usage}`
  }
  return { web, port, open, demo }
}

// The `electron` package resolves to its binary's path, and throws when the binary is missing.
const electronBinary = (): string | null => {
  try {
    const path: unknown = createRequire(import.meta.url)("electron")
    return typeof path === "string" ? path : null
  } catch {
    return null
  }
}

const main = async (): Promise<number> => {
  const args = process.argv.slice(2)
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  const parsed = parse(args)
  if (typeof parsed === "string") {
    process.stderr.write(`cchdrm-tray: ${parsed}\n`)
    return 2
  }
  if (!parsed.web) {
    const electron = electronBinary()
    if (electron === null) {
      process.stderr.write("cchdrm-tray: Electron is not installed — run 'cchdrm-tray --web' to open the dashboard in your browser\n")
      return 2
    }
    // The package directory: Electron reads its package.json for `main`, name and version.
    const child = spawn(electron, [join(here, "..")], { stdio: "inherit" })
    return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)))
  }
  const { runWeb } = await import("./web/runWeb.js")
  return runWeb({ port: parsed.port, open: parsed.open, demo: parsed.demo, pageDir: join(here, "renderer") })
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`cchdrm-tray: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
