// The TUI's notifier: every alert goes to the dashboard's banner and to the OS notifier.
import { CommandNotifier, Notifier } from "@cchdrm/core"
import * as NodeCommandExecutor from "@effect/platform-node/NodeCommandExecutor"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Effect, Layer, Queue } from "effect"

/** A Notifier that queues each alert for the banner and hands it to the OS notifier of `platform`. */
export const layer = (banners: Queue.Enqueue<Notifier.Notification>, platform: string) =>
  Layer.effect(
    Notifier.Notifier,
    Effect.map(CommandNotifier.make({ platform }), (os) =>
      Notifier.Notifier.of({
        // The OS notifier runs in the background: a slow one never holds up the banner or polling.
        notify: (notification) => Effect.asVoid(Effect.zipRight(Queue.offer(banners, notification), Effect.forkDaemon(os.notify(notification))))
      }))
  ).pipe(Layer.provide(NodeCommandExecutor.layer), Layer.provide(NodeFileSystem.layer))
