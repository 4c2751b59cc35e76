// The testkit's fake Anthropic server as an Effect resource, and the live UsageApi pointed at it.
import { NodeHttpClient } from "@effect/platform-node"
import type { HttpClient } from "@effect/platform"
import { startFakeAnthropic } from "@cchdrm/testkit"
import type { FakeAnthropic, FakeAnthropicOptions } from "@cchdrm/testkit"
import { assert } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import * as HttpUsageApi from "../../src/services/HttpUsageApi.js"
import type { UsageApi } from "../../src/services/UsageApi.js"

/** A running fake, closed with its scope. */
export class Fake extends Context.Tag("@cchdrm/core/test/Fake")<Fake, FakeAnthropic>() {}

/** Starts a fake on an ephemeral loopback port. */
export const fakeLayer = (options: FakeAnthropicOptions = {}): Layer.Layer<Fake> =>
  Layer.scoped(
    Fake,
    Effect.acquireRelease(
      Effect.promise(() => startFakeAnthropic(options)),
      (fake) => Effect.promise(() => fake.close())
    )
  )

/** The live UsageApi at the fake's URL over the given client (undici by default), plus the fake and the client. */
export const apiLayer = (
  options: Omit<HttpUsageApi.Options, "baseUrl"> = {},
  client: Layer.Layer<HttpClient.HttpClient> = NodeHttpClient.layerUndici
): Layer.Layer<UsageApi | Fake | HttpClient.HttpClient> =>
  Layer.unwrapEffect(Effect.map(Fake, (fake) => HttpUsageApi.layer({ ...options, baseUrl: new URL(fake.url) }))).pipe(
    Layer.orDie,
    Layer.provideMerge(client),
    Layer.provideMerge(fakeLayer())
  )

/** A port nothing listens on: one a fake held a moment ago. */
export const closedPort: Effect.Effect<number> = Effect.promise(async () => {
  const fake = await startFakeAnthropic()
  await fake.close()
  return fake.port
})

/**
 * An error a user may read: its message is one line, and neither it nor its serialised fields
 * carry the access token, any `sk-ant-` string or a request header.
 */
export const assertSafe = (error: { readonly message: string }, accessToken: string): void => {
  const serialised = JSON.stringify(error)
  assert.notMatch(error.message, /[\r\n\u2028\u2029]/, "message is one line")
  assert.isAtMost(error.message.length, 200, "message is short")
  for (const text of [error.message, serialised]) {
    assert.notInclude(text, accessToken)
    assert.notInclude(text, accessToken.slice(-24))
    assert.notMatch(text, /sk-ant-|bearer|authorization|anthropic-beta/i)
  }
}
