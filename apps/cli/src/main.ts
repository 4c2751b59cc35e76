// The full `cchdrm` (Effect, every command). bin.ts loads it unless the lean statusline answered.
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, Console, Effect, Exit, Layer } from "effect"
import { cli } from "./Cli.js"
import { outcomeOf } from "./Errors.js"
import { handOver } from "./commands/statusline.js"
import { colorEnabled, plainConsole } from "./Terminal.js"

declare const __CCHDRM_VERSION__: string

/**
 * Runs the command line. Every outcome goes through `outcomeOf` (the one mapping to exit codes):
 * a one-line message on stderr, never a stack trace; Ctrl-C ends `watch` cleanly.
 */
export const main = (argv: ReadonlyArray<string>, piped: { readonly piped: string | null } | null): void => {
  if (piped !== null) handOver(piped.piped)
  // What @effect/cli needs, without NodeContext's command executor and worker code.
  const platform = Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, NodeTerminal.layer)
  const styled = Console.consoleWith((base) =>
    cli(__CCHDRM_VERSION__)(argv, colorEnabled(process.stdout, process.env) ? base : plainConsole(base))
  ).pipe(Effect.provide(platform))
  const program = styled.pipe(
    Effect.exit,
    Effect.flatMap((exit) =>
      Effect.sync(() => {
        const { code, message } = outcomeOf(exit, argv)
        if (message !== null) process.stderr.write(`cchdrm: ${message}\n`)
        return code
      })
    )
  )
  NodeRuntime.runMain(program, {
    disableErrorReporting: true,
    // Ctrl-C interrupts the program: a clean stop (`watch`), exit 0.
    teardown: (exit, onExit) =>
      onExit(Exit.isSuccess(exit) ? Number(exit.value) : Cause.isInterruptedOnly(exit.cause) ? 0 : 1)
  })
}
