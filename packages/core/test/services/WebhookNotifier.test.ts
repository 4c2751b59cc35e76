import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer, Ref } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { ProfileName } from "../../src/domain/Profile.js"
import * as Thresholds from "../../src/domain/Thresholds.js"
import { notificationOf } from "../../src/programs/notificationOf.js"
import { Notifier } from "../../src/services/Notifier.js"
import * as WebhookNotifier from "../../src/services/WebhookNotifier.js"
import * as MemoryNotifier from "../../src/testing/MemoryNotifier.js"

/** What the loopback receiver got: method, content type and body of each request. */
interface Received {
  readonly method: string
  readonly contentType: string | undefined
  readonly body: string
}

type Reply = (response: ServerResponse) => void

// A real HTTP receiver on loopback; `reply` decides each answer (a status, or never answering).
const receiver = (reply: Ref.Ref<Reply>) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly received: Array<Received>; readonly close: () => void }>((resume) => {
      const received: Array<Received> = []
      const open = new Set<ServerResponse>()
      const server = createServer((request: IncomingMessage, response: ServerResponse) => {
        let body = ""
        request.on("data", (chunk: Buffer) => body += chunk.toString("utf8"))
        request.on("end", () => {
          received.push({ method: request.method ?? "", contentType: request.headers["content-type"], body })
          open.add(response)
          Effect.runSync(Ref.get(reply))(response)
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({
          url: `http://127.0.0.1:${port}/hook/secret-path`,
          received,
          close: () => {
            for (const response of open) response.destroy()
            server.close()
          }
        }))
      })
    }),
    (server) => Effect.sync(server.close)
  )

const status = (code: number): Reply => (response) => response.writeHead(code).end()
const never: Reply = () => undefined

const work = ProfileName.make("work")
const alert = (headroom: number) =>
  notificationOf(
    Thresholds.Alert.Warning({ profile: work, key: "fiveHour", label: "5-hour", headroom, resetsAt: null }),
    { multipleProfiles: false, now: 0 }
  )

// Waits (really) until `condition` holds; fails the test after 4 seconds.
const until = (condition: Effect.Effect<boolean>) =>
  Effect.gen(function*() {
    while (!(yield* condition)) yield* Effect.sleep("10 millis")
  }).pipe(Effect.timeoutFail({ duration: "4 seconds", onTimeout: () => new Error("condition not met in 4 s") }), Effect.orDie)

describe("WebhookNotifier", () => {
  it.live("posts each alert as Slack/Discord JSON, in order", () =>
    Effect.gen(function*() {
      const reply = yield* Ref.make<Reply>(status(204))
      const server = yield* receiver(reply)
      const failures = yield* Ref.make<ReadonlyArray<string>>([])
      const webhook = yield* WebhookNotifier.make({ url: server.url, onFailure: (message) => Ref.update(failures, (all) => [...all, message]) })
      yield* webhook.notify(alert(17))
      yield* webhook.notify(alert(12))
      yield* until(Effect.sync(() => server.received.length === 2))
      assert.deepStrictEqual(server.received.map((r) => r.method), ["POST", "POST"])
      assert.match(server.received[0]!.contentType ?? "", /application\/json/)
      const first = JSON.parse(server.received[0]!.body) as Record<string, unknown>
      assert.deepStrictEqual(first, { text: "Claude headroom low: Claude headroom at 17%", content: "Claude headroom low: Claude headroom at 17%" })
      assert.include(server.received[1]!.body, "at 12%")
      assert.deepStrictEqual(yield* Ref.get(failures), [])
    }).pipe(Effect.scoped, Effect.provide(NodeHttpClient.layerUndici)))

  it.live("reports a failing webhook once per outage, never with its URL", () =>
    Effect.gen(function*() {
      const reply = yield* Ref.make<Reply>(status(500))
      const server = yield* receiver(reply)
      const failures = yield* Ref.make<ReadonlyArray<string>>([])
      const webhook = yield* WebhookNotifier.make({ url: server.url, onFailure: (message) => Ref.update(failures, (all) => [...all, message]) })
      for (const headroom of [19, 18, 17]) yield* webhook.notify(alert(headroom))
      yield* until(Effect.sync(() => server.received.length === 3))
      yield* Ref.set(reply, status(200))
      yield* webhook.notify(alert(16))
      yield* until(Effect.sync(() => server.received.length === 4))
      yield* Ref.set(reply, status(502))
      yield* webhook.notify(alert(15))
      yield* until(Effect.map(Ref.get(failures), (all) => all.length === 2))
      const reported = yield* Ref.get(failures)
      assert.deepStrictEqual(reported.map((message) => message.split(" — ")[0]), [
        "Webhook delivery failed: the webhook answered HTTP 500",
        "Webhook delivery failed: the webhook answered HTTP 502"
      ])
      for (const message of reported) assert.notInclude(message, "secret-path")
    }).pipe(Effect.scoped, Effect.provide(NodeHttpClient.layerUndici)))

  it.live("a webhook that never answers times out without delaying the caller", () =>
    Effect.gen(function*() {
      const reply = yield* Ref.make<Reply>(never)
      const server = yield* receiver(reply)
      const failures = yield* Ref.make<ReadonlyArray<string>>([])
      const webhook = yield* WebhookNotifier.make({
        url: server.url,
        timeout: "300 millis",
        onFailure: (message) => Ref.update(failures, (all) => [...all, message])
      })
      const started = Date.now()
      yield* webhook.notify(alert(10))
      assert.isBelow(Date.now() - started, 50, "notify only queues")
      yield* until(Effect.map(Ref.get(failures), (all) => all.length === 1))
      assert.match((yield* Ref.get(failures))[0]!, /no answer within 0\.3 s/)
    }).pipe(Effect.scoped, Effect.provide(NodeHttpClient.layerUndici)))

  it.live("refuses plain http off loopback: nothing is sent, and it says why", () =>
    Effect.gen(function*() {
      const failures = yield* Ref.make<ReadonlyArray<string>>([])
      const webhook = yield* WebhookNotifier.make({
        url: "http://hooks.example.com/services/T000/B000/XXXX",
        onFailure: (message) => Ref.update(failures, (all) => [...all, message])
      })
      yield* webhook.notify(alert(10))
      assert.deepStrictEqual(yield* Ref.get(failures), ["Webhook not used: webhookUrl must be an https:// URL (http:// only on loopback)"])
    }).pipe(Effect.scoped, Effect.provide(NodeHttpClient.layerUndici)))

  it.live("alongside the app's notifier, both receive every alert", () =>
    Effect.gen(function*() {
      const reply = yield* Ref.make<Reply>(status(200))
      const server = yield* receiver(reply)
      const app = yield* MemoryNotifier.make
      const context = yield* Layer.build(WebhookNotifier.layerAlongside({ url: server.url, onFailure: () => Effect.void })).pipe(
        Effect.provideService(Notifier, app.service)
      )
      yield* Context.get(context, Notifier).notify(alert(9))
      yield* until(Effect.sync(() => server.received.length === 1))
      assert.strictEqual((yield* app.control.sent).length, 1)
      assert.include(server.received[0]!.body, "at 9%")
    }).pipe(Effect.scoped, Effect.provide(NodeHttpClient.layerUndici)))
})
