#!/usr/bin/env node
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Effect } from "effect"
import { cli } from "./Cli.js"

// A user-facing failure prints its one-line message and exits with its code (API.md B.3);
// anything else is a bug and exits 1. No stack trace reaches the user.
const main = cli(process.argv).pipe(
  Effect.catchTags({
    UsageError: (error) => Effect.sync(() => {
      process.stderr.write(`cchdrm: ${error.message}\n`)
      process.exitCode = 2
    })
  }),
  Effect.provide(NodeContext.layer)
)

NodeRuntime.runMain(main, { disableErrorReporting: true })
