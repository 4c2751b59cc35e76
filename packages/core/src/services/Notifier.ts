// Notifier: delivers alerts (desktop, terminal, OS notifier, webhook) — each app brings its own.
import { Context } from "effect"
import type { Effect } from "effect"
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
