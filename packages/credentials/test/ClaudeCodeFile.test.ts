import { mkdir } from "node:fs/promises"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { ProfileName } from "@cchdrm/core/domain/Profile"
import { Effect, Either, Redacted } from "effect"
import * as ClaudeCodeFile from "../src/ClaudeCodeFile.js"
import * as Fixtures from "./support/Fixtures.js"
import * as TempDir from "./support/TempDir.js"

const profile = ProfileName.make("default")
const location = "/home/ada/.claude/.credentials.json"

const parseOk = (text: string) => {
  const parsed = ClaudeCodeFile.parse(text, location, profile)
  if (Either.isLeft(parsed)) throw new Error(`expected credentials, got ${parsed.left.message}`)
  return parsed.right
}

const parseError = (text: string) => {
  const parsed = ClaudeCodeFile.parse(text, location, profile)
  if (Either.isRight(parsed)) throw new Error("expected an error")
  return parsed.left
}

describe("ClaudeCodeFile.parse", () => {
  it("decodes claudeAiOauth into Credentials with Redacted tokens", () => {
    const oauth = Fixtures.oauth()
    const { credentials } = parseOk(JSON.stringify(Fixtures.document(oauth)))
    assert.strictEqual(Redacted.value(credentials.accessToken), oauth.accessToken)
    assert.strictEqual(Redacted.value(credentials.refreshToken!), oauth.refreshToken)
    assert.strictEqual(credentials.expiresAt, 1_770_849_725_205)
    assert.deepStrictEqual(credentials.scopes, ["user:inference", "user:profile"])
    assert.strictEqual(credentials.subscriptionType, "max")
    assert.strictEqual(credentials.rateLimitTier, "default_claude_max_20x")
    assert.notInclude(String(credentials.accessToken), oauth.accessToken)
  })

  it("tolerates a stray leading byte, a BOM and surrounding whitespace", () => {
    const oauth = Fixtures.oauth()
    const json = JSON.stringify({ claudeAiOauth: oauth })
    for (const text of [`\u0000${json}`, `\uFEFF${json}`, `x${json}`, `\n  ${json}\n`]) {
      assert.strictEqual(Redacted.value(parseOk(text).credentials.accessToken), oauth.accessToken)
    }
  })

  it("keeps unknown keys at both levels and defaults missing optional fields to unknown", () => {
    const oauth = { accessToken: "sk-ant-oat01-only", futureField: { nested: true } }
    const parsed = parseOk(JSON.stringify({ claudeAiOauth: oauth, mcpOAuth: { a: 1 } }))
    assert.deepStrictEqual(parsed.root["mcpOAuth"], { a: 1 })
    assert.deepStrictEqual(parsed.oauth["futureField"], { nested: true })
    assert.strictEqual(parsed.credentials.refreshToken, null)
    assert.strictEqual(parsed.credentials.expiresAt, null)
    assert.deepStrictEqual(parsed.credentials.scopes, [])
    assert.strictEqual(parsed.credentials.rateLimitTier, null)
  })

  it("treats a file without claudeAiOauth (only mcpOAuth) as no credentials, naming the file", () => {
    const error = parseError(JSON.stringify({ mcpOAuth: { a: 1 } }))
    assert.strictEqual(error._tag, "CredentialsNotFound")
    assert.include(error.message, location)
    assert.include(error.message, "run 'claude' to log in")
  })

  const malformed: ReadonlyArray<readonly [string, string, RegExp]> = [
    ["an empty file", "", /the file is empty — run 'claude'/],
    ["only whitespace", " \n\t", /the file is empty/],
    ["HTML", "<!DOCTYPE html><html><body>{oops}</body></html>", /the file is HTML, not JSON — run 'claude'/],
    ["truncated JSON", "{\"claudeAiOauth\": {\"accessToken\": \"sk-ant-oat01-abc", /not JSON/],
    ["a JSON array", "[{\"claudeAiOauth\": {}}]", /holds a JSON array, not a JSON object/],
    ["a JSON string", "\"sk-ant-oat01-abc\"", /holds a string, not a JSON object/],
    ["claudeAiOauth null", "{\"claudeAiOauth\": null}", /claudeAiOauth is null, not an object/],
    ["claudeAiOauth a string", "{\"claudeAiOauth\": \"sk-ant-oat01-abc\"}", /claudeAiOauth is a string, not an object/],
    ["a missing accessToken", "{\"claudeAiOauth\": {\"refreshToken\": \"sk-ant-ort01-abc\"}}", /claudeAiOauth\.accessToken is missing — run 'claude'/],
    ["a numeric accessToken", "{\"claudeAiOauth\": {\"accessToken\": 42}}", /claudeAiOauth\.accessToken has the wrong type/],
    ["an empty accessToken", "{\"claudeAiOauth\": {\"accessToken\": \"\"}}", /claudeAiOauth\.accessToken has the wrong type or is empty/],
    ["a string expiresAt", "{\"claudeAiOauth\": {\"accessToken\": \"sk-ant-oat01-abc\", \"expiresAt\": \"soon\"}}", /claudeAiOauth\.expiresAt has the wrong type/],
    ["scopes as a string", "{\"claudeAiOauth\": {\"accessToken\": \"sk-ant-oat01-abc\", \"scopes\": \"user:profile\"}}", /claudeAiOauth\.scopes has the wrong type/]
  ]

  for (const [name, text, problem] of malformed) {
    it(`rejects ${name} with a one-line fix`, () => {
      const error = parseError(text)
      assert.strictEqual(error._tag, "CredentialsInvalid")
      if (error._tag !== "CredentialsInvalid") return
      assert.match(error.problem, problem)
      assert.strictEqual(error.location, location)
      assert.notInclude(error.message, "\n")
      assert.notInclude(error.message, "sk-ant-")
    })
  }
})

describe("ClaudeCodeFile.read", () => {
  it.scoped("reads the file in the config directory", () =>
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      const oauth = Fixtures.oauth()
      yield* TempDir.put(ClaudeCodeFile.pathIn(dir), JSON.stringify(Fixtures.document(oauth)))
      const document = yield* ClaudeCodeFile.read(ClaudeCodeFile.pathIn(dir), profile)
      assert.strictEqual(Redacted.value(document.credentials.accessToken), oauth.accessToken)
      assert.strictEqual(ClaudeCodeFile.pathIn(dir), join(dir, ".credentials.json"))
    }))

  it.scoped("reports a missing file or config directory as CredentialsNotFound naming the path", () =>
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      for (const path of [ClaudeCodeFile.pathIn(dir), ClaudeCodeFile.pathIn(join(dir, "absent"))]) {
        const error = yield* Effect.flip(ClaudeCodeFile.read(path, profile))
        assert.strictEqual(error._tag, "CredentialsNotFound")
        if (error._tag === "CredentialsNotFound") assert.deepStrictEqual(error.searched, [path])
      }
    }))

  it.scoped("reports a directory in the file's place as CredentialsInvalid", () =>
    Effect.gen(function*() {
      const dir = yield* TempDir.make
      const path = ClaudeCodeFile.pathIn(dir)
      yield* Effect.promise(() => mkdir(path))
      const error = yield* Effect.flip(ClaudeCodeFile.read(path, profile))
      assert.strictEqual(error._tag, "CredentialsInvalid")
      if (error._tag === "CredentialsInvalid") assert.match(error.problem, /is a directory, not a file — remove it/)
    }))
})

describe("ClaudeCodeFile.render", () => {
  it("replaces the tokens and keeps every other key at both levels", () => {
    const document = parseOk(JSON.stringify({ ...Fixtures.document(Fixtures.oauth({ extra: [1, 2] })), z: null }))
    const next = Fixtures.credentials({ expiresAt: 5_000 })
    const written = JSON.parse(ClaudeCodeFile.render(document, next))
    assert.deepStrictEqual(written.mcpOAuth, document.root["mcpOAuth"])
    assert.strictEqual(written.organizationUuid, "org-1")
    assert.strictEqual(written.z, null)
    assert.deepStrictEqual(written.claudeAiOauth.extra, [1, 2])
    assert.strictEqual(written.claudeAiOauth.accessToken, Redacted.value(next.accessToken))
    assert.strictEqual(written.claudeAiOauth.refreshToken, Redacted.value(next.refreshToken!))
    assert.strictEqual(written.claudeAiOauth.expiresAt, 5_000)
  })

  it("keeps a stored field that the new credentials don't know", () => {
    const document = parseOk(JSON.stringify(Fixtures.document()))
    const next = Fixtures.credentials({ refreshToken: null, expiresAt: null })
    const written = JSON.parse(ClaudeCodeFile.render(document, next))
    assert.strictEqual(written.claudeAiOauth.refreshToken, document.oauth["refreshToken"])
    assert.strictEqual(written.claudeAiOauth.expiresAt, 1_770_849_725_205)
  })
})
