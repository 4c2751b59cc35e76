// The notifiers of the CLI: quiet for one-shot commands, stderr lines for `watch`.
import { Notifier } from "@cchdrm/core"
import { Effect, Layer } from "effect"

/** Drops alerts: a one-shot `status` or `guard` is not the place for threshold notifications. */
export const QuietNotifier = {
  layer: Layer.succeed(Notifier.Notifier, Notifier.Notifier.of({ notify: () => Effect.void }))
}

/** Writes each alert as one line to stderr (diagnostics), as the terminal side of `watch` (SPEC §3). */
export const TerminalNotifier = {
  layer: Layer.succeed(
    Notifier.Notifier,
    Notifier.Notifier.of({
      notify: (notification) => Effect.sync(() => void process.stderr.write(`${notification.title}: ${notification.body}\n`))
    })
  )
}
