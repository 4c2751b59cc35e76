// Notifier: delivers alerts (desktop, terminal, OS notifier, webhook) — each app brings its own.
import { Context, Effect, Layer } from "effect"
import type { Alert } from "../domain/Thresholds.js"

/** An alert with its text already phrased by `Display`. */
export interface Notification {
  readonly title: string
  readonly body: string
  readonly alert: Alert
}

/** Delivers notifications. Delivery problems are the notifier's own to report; they never stop polling. */
export class Notifier extends Context.Tag("@cchdrm/core/Notifier")<Notifier, {
  readonly notify: (notification: Notification) => Effect.Effect<void>
}>() {}

/** A notifier that writes each notification as one line through `write` (a terminal's stderr, a log). */
export const layerLines = (write: (line: string) => Effect.Effect<void>): Layer.Layer<Notifier> =>
  Layer.succeed(Notifier, Notifier.of({ notify: (notification) => write(`${notification.title}: ${notification.body}`) }))

/** Drops every notification: one-shot commands are not the place for threshold alerts. */
export const layerQuiet: Layer.Layer<Notifier> = Layer.succeed(Notifier, Notifier.of({ notify: () => Effect.void }))
