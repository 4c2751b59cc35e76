#!/usr/bin/env node
// A stand-in for macOS's `security` tool, installed as `<dir>/security` first on PATH. Generic
// passwords live in `<dir>/keychain.json`; every argv is appended to `<dir>/argv.log`. An argument
// that looks like a secret is refused (exit 97) and recorded, so a test can prove none was passed.
// `<dir>/exit-code`, when present, makes `find-generic-password` exit with that code.
"use strict"
const fs = require("node:fs")
const path = require("node:path")

const dir = path.dirname(fs.realpathSync(process.argv[1]))
const storePath = path.join(dir, "keychain.json")
const args = process.argv.slice(2)
fs.appendFileSync(path.join(dir, "argv.log"), `${JSON.stringify(args)}\n`)

// Tokens (`sk-ant-…`, the contract's `…-access`/`…-refresh`) or a hex blob of one.
const secretLike = /sk-ant-|access|refresh|[0-9a-f]{32,}/i
if (args.some((arg) => secretLike.test(arg))) {
  fs.appendFileSync(path.join(dir, "violations.log"), `${JSON.stringify(args)}\n`)
  process.stderr.write("fake security: a secret was passed in argv\n")
  process.exit(97)
}

const load = () => (fs.existsSync(storePath) ? JSON.parse(fs.readFileSync(storePath, "utf8")) : {})
const save = (items) => fs.writeFileSync(storePath, JSON.stringify(items, null, 2))
const keyOf = (service, account) => `${service}\u0000${account}`

const flags = (list) => {
  const found = { switches: new Set() }
  for (let i = 0; i < list.length; i++) {
    if (["-s", "-a", "-w", "-X"].includes(list[i]) && i + 1 < list.length && !list[i + 1].startsWith("-")) {
      found[list[i]] = list[++i]
    } else found.switches.add(list[i])
  }
  return found
}

// `security -i` splits a line into words, honouring double quotes and backslash escapes.
const words = (line) => {
  const out = []
  let current = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === "\"") {
      current = current ?? ""
      for (i++; i < line.length && line[i] !== "\""; i++) current += line[i] === "\\" ? line[++i] : line[i]
    } else if (c === " " || c === "\t") {
      if (current !== null) out.push(current)
      current = null
    } else current = (current ?? "") + c
  }
  if (current !== null) out.push(current)
  return out
}

const execute = (command, rest) => {
  const f = flags(rest)
  const items = load()
  const key = keyOf(f["-s"], f["-a"])
  if (command === "find-generic-password") {
    const forced = path.join(dir, "exit-code")
    if (fs.existsSync(forced)) return Number(fs.readFileSync(forced, "utf8"))
    if (!(key in items)) {
      process.stderr.write("security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n")
      return 44
    }
    if (f.switches.has("-w")) process.stdout.write(`${items[key]}\n`)
    return 0
  }
  if (command === "add-generic-password") {
    if (key in items && !f.switches.has("-U")) return 45
    items[key] = f["-X"] !== undefined ? Buffer.from(f["-X"], "hex").toString("utf8") : f["-w"]
    save(items)
    return 0
  }
  if (command === "delete-generic-password") {
    if (!(key in items)) return 44
    delete items[key]
    save(items)
    return 0
  }
  process.stderr.write(`fake security: unknown command ${command}\n`)
  return 2
}

if (args[0] === "-i") {
  // Like the real tool, a failed command is reported on stderr but the session exits 0.
  const lines = fs.readFileSync(0, "utf8").split("\n").filter((line) => line.trim() !== "")
  for (const line of lines) {
    const [command, ...rest] = words(line)
    const code = execute(command, rest)
    if (code !== 0) process.stderr.write(`${command}: returned ${code}\n`)
  }
  process.exit(0)
}
process.exit(execute(args[0], args.slice(1)))
