#!/usr/bin/env node
import { parseArguments, serveSimulated, usageText } from "./FakeAnthropicCli.js"

const parsed = parseArguments(process.argv.slice(2))
if ("help" in parsed) {
  process.stdout.write(usageText)
} else if ("error" in parsed) {
  process.stderr.write(`cchdrm-fake-anthropic: ${parsed.error}\n${usageText}`)
  process.exitCode = 2
} else {
  const served = await serveSimulated(parsed.options)
  process.stdout.write(`${JSON.stringify(served.ready)}\n`)
  const stop = () => {
    served.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}
