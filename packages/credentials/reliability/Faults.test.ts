// Faults on the wire (SPEC §1.5–1.6): a usage API that hangs, resets connections, trickles bytes
// or flips between 200 and 500, and a token endpoint that rotates and then fails. Real HTTP on
// loopback, core's live UsageApi and the credentials package's refresher: every cycle ends within
// its timeout (the schedule holds), the last good data stays shown, and the profile recovers.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as HttpUsageApi from "@cchdrm/core/services/HttpUsageApi"
import { pollProfile } from "@cchdrm/core/programs/pollProfile"
import * as ProfileState from "@cchdrm/core/programs/ProfileState"
import { ProfileEntry } from "@cchdrm/core/services/ProfileStore"
import { UsageHistory } from "@cchdrm/core/services/UsageHistory"
import { Fixtures, MemoryCredentialStore, MemoryNotifier, MemoryUsageHistory } from "@cchdrm/core/testing"
import { NodeHttpClient } from "@effect/platform-node"
import { UsageBodies } from "@cchdrm/testkit"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as HttpTokenRefresher from "../src/HttpTokenRefresher.js"

type Behaviour = "ok" | "hang" | "reset" | "trickle" | "500" | "rotate" | "fail"

// One server for both endpoints; each request takes the next behaviour of its path's queue.
const faultyServer = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly queue: Record<"usage" | "token", Array<Behaviour>>; readonly close: () => void }>((resume) => {
    const queue: Record<"usage" | "token", Array<Behaviour>> = { usage: [], token: [] }
    let rotation = 0
    const answer = (request: IncomingMessage, response: ServerResponse) => {
      const path = request.url?.startsWith("/token") ? "token" : "usage"
      const behaviour = queue[path].shift() ?? "ok"
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" })
        response.end(JSON.stringify(body))
      }
      switch (behaviour) {
        case "hang":
          return
        case "reset":
          return request.socket.destroy()
        case "trickle": {
          // One byte every 50 ms: the body would take minutes.
          const text = JSON.stringify(UsageBodies.example())
          response.writeHead(200, { "content-type": "application/json" })
          let at = 0
          const timer = setInterval(() => {
            if (at >= text.length || response.destroyed) return clearInterval(timer)
            response.write(text[at++])
          }, 50)
          response.on("close", () => clearInterval(timer))
          return
        }
        case "500":
        case "fail":
          return json(500, { error: "internal" })
        case "rotate":
          rotation++
          return json(200, { access_token: `sk-ant-oat01-rotated-${rotation}`, refresh_token: `sk-ant-ort01-rotated-${rotation}`, expires_in: 3600 })
        default:
          return path === "token"
            ? json(200, { access_token: "sk-ant-oat01-recovered", refresh_token: "sk-ant-ort01-recovered", expires_in: 3600 })
            : json(200, UsageBodies.example())
      }
    }
    const server = createServer((request, response) => {
      request.resume()
      request.on("end", () => answer(request, response))
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, queue, close: () => server.close() }))
    })
  }),
  (server) => Effect.sync(() => {
    server.close()
  })
)

const timeoutMs = 1_000
const profile = Fixtures.profile("default")
const entry = new ProfileEntry({ name: profile, source: "claude-code" })

describe("faults on the wire", () => {
  it.scopedLive("hang, reset, trickle and a 200/500 flip: each cycle ends within its timeout, keeps the last data, and recovers", () =>
    Effect.gen(function*() {
      const server = yield* faultyServer
      const layer = Layer.mergeAll(
        HttpUsageApi.layer({ baseUrl: new URL(server.url), timeout: timeoutMs }).pipe(Layer.orDie),
        HttpTokenRefresher.layer({ tokenUrl: `${server.url}/token` }),
        MemoryCredentialStore.layer([{ profile, source: "claude-code", credentials: Fixtures.credentials() }]),
        MemoryUsageHistory.layer(),
        MemoryNotifier.layer
      ).pipe(Layer.provideMerge(NodeHttpClient.layerUndici))
      yield* Effect.gen(function*() {
        const script: ReadonlyArray<readonly [Behaviour, string]> = [
          ["ok", "connected"], ["hang", "disconnected"], ["reset", "disconnected"], ["trickle", "disconnected"],
          ["500", "disconnected"], ["ok", "connected"], ["500", "disconnected"], ["ok", "connected"], ["500", "disconnected"],
          ["ok", "connected"]
        ]
        let state = ProfileState.initial(profile)
        let lastGood: number | null = null
        for (const [behaviour, expected] of script) {
          server.queue.usage.push(behaviour)
          const started = Date.now()
          state = yield* pollProfile(entry, state)
          // The schedule holds: no fault keeps a cycle past the request timeout (plus slack for a loaded machine).
          assert.isAtMost(Date.now() - started, timeoutMs + 4_000, behaviour)
          assert.strictEqual(state.connection, expected, behaviour)
          if (expected === "connected") lastGood = state.snapshot?.fetchedAt ?? null
          // Stale data stays shown with its time, so its age can be told.
          else assert.strictEqual(state.snapshot?.fetchedAt, lastGood, behaviour)
        }
        // Four failures in a row opened one outage; the next success closed it.
        const series = yield* (yield* UsageHistory).series(profile, { from: 0, to: Date.now() + 1, gapThreshold: 60_000 })
        assert.strictEqual(series.outages.length, 1)
        assert.isNotNull(series.outages[0]!.endedAt)

        // The token endpoint rotates, then fails, then answers again.
        const store = yield* MemoryCredentialStore.MemoryCredentialStoreControl
        const expired = () => store.set(profile, Fixtures.credentials({ accessToken: "sk-ant-oat01-old", refreshToken: "sk-ant-ort01-old", expiresAt: 0 }))
        yield* expired()
        server.queue.token.push("rotate")
        state = yield* pollProfile(entry, state)
        assert.strictEqual(state.connection, "connected")
        const rotated = state.snapshot?.fetchedAt
        yield* expired()
        server.queue.token.push("fail")
        state = yield* pollProfile(entry, state)
        assert.strictEqual(state.connection, "disconnected")
        assert.include(state.error?.message, "will retry")
        assert.strictEqual(state.snapshot?.fetchedAt, rotated)
        server.queue.token.push("hang")
        const started = Date.now()
        state = yield* pollProfile(entry, state)
        assert.isAtMost(Date.now() - started, 10_000 + 4_000)
        assert.strictEqual(state.connection, "disconnected")
        state = yield* pollProfile(entry, state)
        assert.strictEqual(state.connection, "connected")
      }).pipe(Effect.provide(layer))
    }), { timeout: 120_000 })
})
