// `cchdrm-tray --web`: the host on the live layers (or the demo world), served to a browser.
import { Notifier } from "@cchdrm/core"
import { DataPaths, HistoryArchive } from "@cchdrm/storage"
import { startDemoWorld } from "@cchdrm/testkit"
import { Effect, Either } from "effect"
import { spawn } from "node:child_process"
import * as HostRuntime from "../host/Runtime.js"
import * as WebServer from "./WebServer.js"

/** The command line of `--web` (API.md B.7). */
export interface WebOptions {
  readonly port: number
  readonly open: boolean
  readonly demo: boolean
  readonly pageDir: string
}

// Alerts go to stderr: a browser tab cannot be relied on to be open.
const stderrNotifier = Notifier.layerLines((line) => Effect.sync(() => process.stderr.write(`cchdrm-tray: ${line}\n`)))

// The demo world's week of history, imported as live polling would have stored it.
const seedDemo = (databaseFile: string, history: (now: number) => Iterable<string>) =>
  HistoryArchive.seed(history).pipe(Effect.provide(HistoryArchive.layerSqlite({ filename: databaseFile })), Effect.runPromise)

const openBrowser = (url: string) => {
  const [command, args] = process.platform === "darwin"
    ? ["open", [url]]
    : process.platform === "win32"
    ? ["cmd", ["/c", "start", "", url]]
    : ["xdg-open", [url]]
  // Opening is a convenience: the URL is printed either way.
  const child = spawn(command, args, { stdio: "ignore", detached: true })
  child.on("error", () => undefined)
  child.unref()
}

/** Runs until SIGINT/SIGTERM; returns the exit code. */
export const runWeb = async (options: WebOptions): Promise<number> => {
  const demo = options.demo ? await startDemoWorld() : null
  if (demo !== null) Object.assign(process.env, demo.env)
  const paths = DataPaths.ofProcess()
  if (Either.isLeft(paths)) {
    process.stderr.write(`cchdrm-tray: ${paths.left.message}\n`)
    await demo?.close()
    return 2
  }
  if (demo !== null) await seedDemo(paths.right.databaseFile, demo.history)
  const host = await HostRuntime.start(paths.right, stderrNotifier).catch((error: Error) => error)
  if (host instanceof Error) {
    process.stderr.write(`cchdrm-tray: ${host.message}\n`)
    await demo?.close()
    return 7
  }
  const server = await WebServer.start({ port: options.port, pageDir: options.pageDir, handle: host.handle, subscribe: host.subscribe })
    .catch((error: Error) => error)
  if (server instanceof Error) {
    process.stderr.write(`cchdrm-tray: cannot listen on 127.0.0.1:${options.port} (${(server as NodeJS.ErrnoException).code ?? server.message}) — pick another --port\n`)
    await host.dispose()
    await demo?.close()
    return 2
  }
  process.stdout.write(`${server.url}\n`)
  if (options.open) openBrowser(server.url)
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve)
    process.once("SIGTERM", resolve)
  })
  await server.close()
  await host.dispose()
  await demo?.close()
  return 0
}
