// Core's Notifier delivered as desktop notifications: the monitor runs the threshold reducer and
// phrases each alert (SPEC §3); the shell only shows it.
import { Notifier } from "@cchdrm/core"
import { Effect, Layer } from "effect"
import type { NotificationPort } from "./ports.js"

/** The Notifier layer that shows every notification through `port`. */
export const desktopNotifier = (port: NotificationPort): Layer.Layer<Notifier.Notifier> =>
  Layer.succeed(Notifier.Notifier, {
    notify: (notification) => Effect.sync(() => port.show({ title: notification.title, body: notification.body }))
  })
