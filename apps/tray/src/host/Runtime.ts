// One ManagedRuntime around the host for a transport: requests become promises, events a callback.
import type { Notifier } from "@cchdrm/core"
import type { DataPaths } from "@cchdrm/storage"
import { Cause, Effect, Fiber, type Layer, ManagedRuntime, Stream } from "effect"
import * as Host from "./Host.js"
import * as MainLayer from "./MainLayer.js"

/** The host as a transport sees it. */
export interface HostRuntime {
  readonly handle: (message: unknown) => Promise<unknown>
  readonly subscribe: (send: (event: unknown) => void) => () => void
  readonly dispose: () => Promise<void>
}

/**
 * Builds the live layers and starts the monitor; a layer that cannot start (bad config
 * variable, unreadable database) rejects with its one-line message.
 */
export const start = async (paths: DataPaths.DataPaths, notifier: Layer.Layer<Notifier.Notifier>): Promise<HostRuntime> => {
  const runtime = ManagedRuntime.make(MainLayer.make(paths, notifier))
  const exit = await runtime.runPromiseExit(Effect.void)
  if (exit._tag === "Failure") {
    await runtime.dispose()
    const error = Cause.squash(exit.cause)
    throw new Error(error instanceof Error ? error.message : String(error))
  }
  return {
    handle: (message) => runtime.runPromise(Host.handle(message)),
    subscribe: (send) => {
      const fiber = runtime.runFork(Stream.runForEach(Host.events, (event) => Effect.sync(() => send(event))))
      return () => void runtime.runFork(Fiber.interrupt(fiber))
    },
    dispose: () => runtime.dispose()
  }
}
