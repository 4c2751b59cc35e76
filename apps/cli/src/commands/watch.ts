// `cchdrm watch`: the poller in the foreground (daemon mode) — every poll stored, alerts on stderr,
// one status line per poll on stdout (and its problem, if any, on stderr); Ctrl-C stops it cleanly.
import { Command } from "@effect/cli"
import { Monitor, Notifier, PollNow, StatusLineView, WebhookNotifier } from "@cchdrm/core"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Console, Effect, Layer, Stream } from "effect"
import * as Layers from "../Layers.js"

// Each alert as one line on stderr (diagnostics), and to the `webhookUrl` when one is set, whose
// failures are told once per outage and never delay a poll (SPEC §3).
const alerts = WebhookNotifier.layerFromPreferences({ onFailure: (message) => Console.error(message) }).pipe(
  Layer.provide(Notifier.layerLines(Console.error)),
  Layer.provide(NodeHttpClient.layer)
)

/** The `watch` command. */
export const watch = Command.make("watch", {}, () =>
  Layers.provideLive(Effect.scoped(Effect.gen(function*() {
    const monitor = yield* Monitor.make
    yield* PollNow.landedPolls(monitor.changes).pipe(Stream.runForEach((polled) =>
      Effect.forEach(StatusLineView.pollLog(polled), ({ line, problem }) =>
        Effect.zipRight(Console.log(line), problem === null ? Effect.void : Console.error(problem)))))
  })), Layers.poll(alerts))).pipe(
    Command.withDescription("poll in the foreground: store every poll, print a line per poll, alert on stderr")
  )
