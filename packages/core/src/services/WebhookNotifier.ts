// WebhookNotifier: every alert also POSTed to a Slack/Discord-compatible webhook (SPEC §3).
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { type Context, Duration, Effect, Layer, Queue, Ref } from "effect"
import type { Scope } from "effect"
import { isWebhookUrl } from "../domain/Preferences.js"
import { type Notification, Notifier } from "./Notifier.js"
import { PreferencesStore } from "./PreferencesStore.js"

/** A delivery gives up after 5 seconds (SPEC §3). */
export const defaultTimeout = Duration.seconds(5)

/** Alerts waiting for a slow webhook beyond this many drop the oldest, so memory stays bounded. */
const backlog = 64

/** Where and how alerts are delivered. */
export interface Options {
  /** An `https://` URL, or `http://` on loopback (`Preferences.isWebhookUrl`); anything else sends nothing. */
  readonly url: string
  /**
   * Told once when deliveries start failing, and not again until one succeeds (one report per
   * outage). The text never holds the URL: a webhook URL carries its secret in its path.
   */
  readonly onFailure: (message: string) => Effect.Effect<void>
  readonly timeout?: Duration.DurationInput | undefined
}

/**
 * The JSON body: `text` for Slack, `content` for Discord, the same line in both. Only the
 * phrased notification goes out — never a token, account or profile detail beyond its text.
 */
export const payloadOf = (notification: Notification): { readonly text: string; readonly content: string } => {
  const line = `${notification.title}: ${notification.body}`
  return { text: line, content: line }
}

/**
 * The webhook notifier. `notify` only queues, so a slow or dead webhook never delays a poll; one
 * fiber in the current scope delivers in order, each POST bounded by the timeout.
 */
export const make = (options: Options): Effect.Effect<Context.Tag.Service<Notifier>, never, HttpClient.HttpClient | Scope.Scope> =>
  Effect.gen(function*() {
    if (!isWebhookUrl(options.url)) {
      yield* options.onFailure("Webhook not used: webhookUrl must be an https:// URL (http:// only on loopback)")
      return Notifier.of({ notify: () => Effect.void })
    }
    const client = yield* HttpClient.HttpClient
    const timeout = Duration.decode(options.timeout ?? defaultTimeout)
    const queue = yield* Queue.sliding<Notification>(backlog)
    const failing = yield* Ref.make(false)

    const post = (notification: Notification) =>
      HttpClientRequest.post(options.url).pipe(
        HttpClientRequest.bodyUnsafeJson(payloadOf(notification)),
        client.execute,
        Effect.flatMap((response) =>
          response.status >= 200 && response.status < 300
            ? Effect.void
            : Effect.fail(`the webhook answered HTTP ${response.status}`)
        ),
        Effect.scoped,
        Effect.mapError((error) => typeof error === "string" ? error : "the webhook could not be reached"),
        Effect.timeoutFail({ duration: timeout, onTimeout: () => `no answer within ${Duration.toSeconds(timeout)} s` })
      )

    const deliver = (notification: Notification) =>
      post(notification).pipe(
        Effect.zipRight(Ref.set(failing, false)),
        Effect.catchAll((problem) =>
          Effect.flatMap(Ref.getAndSet(failing, true), (already) =>
            already
              ? Effect.void
              : options.onFailure(`Webhook delivery failed: ${problem} — check webhookUrl ('cchdrm config get webhookUrl')`))
        )
      )

    yield* Effect.forkScoped(Effect.forever(Effect.flatMap(Queue.take(queue), deliver)))
    return Notifier.of({ notify: (notification) => Effect.asVoid(Queue.offer(queue, notification)) })
  })

/**
 * The notifier of the layer it is provided with, plus the webhook: every notification goes to
 * both. Without a URL it is the inner notifier unchanged.
 */
export const layerAlongside = (
  options: Omit<Options, "url"> & { readonly url: string | undefined }
): Layer.Layer<Notifier, never, Notifier | HttpClient.HttpClient> =>
  Layer.scoped(
    Notifier,
    Effect.gen(function*() {
      const inner = yield* Notifier
      if (options.url === undefined) return inner
      const webhook = yield* make({ ...options, url: options.url })
      return Notifier.of({ notify: (notification) => Effect.zipRight(inner.notify(notification), webhook.notify(notification)) })
    })
  )

/**
 * {@link layerAlongside} on the `webhookUrl` preference, read when the layer is built. An
 * unreadable config means no webhook; the frontend reports that config error itself.
 */
export const layerFromPreferences = (
  options: Omit<Options, "url">
): Layer.Layer<Notifier, never, Notifier | HttpClient.HttpClient | PreferencesStore> =>
  Layer.unwrapEffect(
    Effect.flatMap(PreferencesStore, (store) => store.get).pipe(
      Effect.map((preferences) => preferences.webhookUrl ?? undefined),
      Effect.orElseSucceed(() => undefined),
      Effect.map((url) => layerAlongside({ ...options, url }))
    )
  )
