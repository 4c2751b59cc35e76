import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either } from "effect"
import * as ApiEndpoint from "../../src/services/ApiEndpoint.js"

const variable = "CCHDRM_API_URL"
const refused = (text: string): ApiEndpoint.ApiUrlInvalid =>
  Either.getOrThrowWith(Either.flip(ApiEndpoint.parse(variable, text)), () => new Error(`expected ${text} to be refused`))
const accepted = (text: string): string =>
  Either.getOrThrowWith(ApiEndpoint.parse(variable, text), (error) => new Error(error.message)).href

describe("ApiEndpoint.isLoopbackHost", () => {
  it("accepts localhost, 127.0.0.0/8 at both ends, and ::1", () => {
    for (const host of ["localhost", "LOCALHOST", "127.0.0.0", "127.0.0.1", "127.255.255.255", "[::1]", "::1"]) {
      assert.isTrue(ApiEndpoint.isLoopbackHost(host), host)
    }
  })

  it("refuses the neighbours of 127.0.0.0/8 and names that only look local", () => {
    for (const host of [
      "126.255.255.255", "128.0.0.0", "127.0.0.256", "127.0.0", "127.0.0.1.5", "0.0.0.0", "10.0.0.1",
      "127.0.0.1.nip.io", "localhost.example.com", "evil-localhost", "localhost.", "[::2]", "[::ffff:7f00:1]", ""
    ]) {
      assert.isFalse(ApiEndpoint.isLoopbackHost(host), host)
    }
  })
})

describe("ApiEndpoint.parse", () => {
  it("accepts https anywhere and http on loopback, as the URL parser normalises them", () => {
    assert.strictEqual(accepted("https://api.anthropic.com"), "https://api.anthropic.com/")
    assert.strictEqual(accepted("https://203.0.113.5:8443/base"), "https://203.0.113.5:8443/base")
    assert.strictEqual(accepted("  http://127.0.0.1:8080  "), "http://127.0.0.1:8080/")
    assert.strictEqual(accepted("http://127.1"), "http://127.0.0.1/")
    assert.strictEqual(accepted("http://0x7f000001"), "http://127.0.0.1/")
    assert.strictEqual(accepted("http://[::1]:3000"), "http://[::1]:3000/")
    assert.strictEqual(accepted("HTTP://LocalHost"), "http://localhost/")
  })

  it("refuses plain http off loopback and other schemes", () => {
    for (const text of ["http://api.anthropic.com", "http://10.0.0.1", "http://127.0.0.1.nip.io", "ftp://127.0.0.1", "ws://localhost", "file:///tmp/x"]) {
      assert.strictEqual(refused(text).problem, "insecure", text)
    }
  })

  it("refuses text that is not a URL, naming the variable and the rule", () => {
    const error = refused("api.anthropic.com")
    assert.deepStrictEqual([error.variable, error.problem, error.url], [variable, "not_a_url", "api.anthropic.com"])
    assert.strictEqual(
      error.message,
      "CCHDRM_API_URL='api.anthropic.com' is not a URL — use https://, or http:// only on loopback (127.0.0.0/8, ::1, localhost)"
    )
  })

  it("shows neither credentials, query, tokens nor line breaks", () => {
    const secret = "sk-ant-oat01-SeCrEt0123456789"
    const withCredentials = refused(`http://user:${secret}@example.com/path?token=${secret}`)
    assert.strictEqual(withCredentials.url, "http://example.com/path")
    const notUrl = refused(`not a url\n${secret}\r\n${"x".repeat(200)}`)
    for (const error of [withCredentials, notUrl]) {
      assert.notInclude(error.message, secret)
      assert.notInclude(JSON.stringify(error), "sk-ant-")
      assert.notMatch(error.message, /[\r\n]/)
      assert.isAtMost(error.message.length, 200)
    }
  })

  it("validate hands back the very URL it was given", () => {
    const url = new URL("https://api.anthropic.com")
    assert.strictEqual(Either.getOrThrow(ApiEndpoint.validate(variable, url)), url)
  })
})

describe("ApiEndpoint.resolve", () => {
  const resolve = (base: string, path: string) => ApiEndpoint.resolve(new URL(base), path).href

  it("joins a path to a bare origin", () => {
    assert.strictEqual(resolve("https://api.anthropic.com", "/api/oauth/usage"), "https://api.anthropic.com/api/oauth/usage")
  })

  it("keeps a path prefix, with or without a trailing slash", () => {
    assert.strictEqual(resolve("http://127.0.0.1:9/proxy", "/api/oauth/usage"), "http://127.0.0.1:9/proxy/api/oauth/usage")
    assert.strictEqual(resolve("http://127.0.0.1:9/proxy/", "api/oauth/usage"), "http://127.0.0.1:9/proxy/api/oauth/usage")
  })

  it("drops the base's query and fragment", () => {
    assert.strictEqual(resolve("https://example.com/a?b=1#c", "/d"), "https://example.com/a/d")
  })
})

describe("ApiEndpoint.fromConfig", () => {
  const read = (env: ReadonlyArray<readonly [string, string]>) =>
    ApiEndpoint.fromConfig(variable, "https://api.anthropic.com").pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(env)))
    )

  it.effect("falls back to the default when unset", () =>
    Effect.map(read([]), (url) => assert.strictEqual(url.href, "https://api.anthropic.com/")))

  it.effect("reads the variable", () =>
    Effect.map(read([[variable, "http://localhost:4000"]]), (url) => assert.strictEqual(url.href, "http://localhost:4000/")))

  it.effect("fails with ApiUrlInvalid on a bad value", () =>
    Effect.map(Effect.flip(read([[variable, "http://example.com"]])), (error) => {
      assert.strictEqual(error._tag, "ApiUrlInvalid")
    }))
})
