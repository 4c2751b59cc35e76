import { describe, expect, it } from "vitest"
import { printable, redactSecrets, redactUntrusted, shown } from "../../src/domain/Redact.js"

const access = "sk-ant-oat01-AbC_dEf-123456789xyz"
const refresh = "sk-ant-ort01-ZYX987_wvu-654321abc"

describe("redactSecrets", () => {
  it("replaces access and refresh tokens wherever they appear", () => {
    expect(redactSecrets(`token ${access} and ${refresh}.`)).toBe("token [redacted] and [redacted].")
  })

  it("replaces every occurrence, and other sk-ant- secrets such as API keys", () => {
    expect(redactSecrets(`${access}|${access}|sk-ant-api03-key_ABC`)).toBe("[redacted]|[redacted]|[redacted]")
  })

  it("redacts tokens inside JSON, query strings and form bodies", () => {
    const json = JSON.stringify({ claudeAiOauth: { accessToken: access, refreshToken: refresh, expiresAt: 1 } })
    expect(redactSecrets(json)).toBe("{\"claudeAiOauth\":{\"accessToken\":\"[redacted]\",\"refreshToken\":\"[redacted]\",\"expiresAt\":1}}")
    expect(redactSecrets(`grant_type=refresh_token&refresh_token=${refresh}&client_id=9d1c`)).toBe(
      "grant_type=refresh_token&refresh_token=[redacted]&client_id=9d1c"
    )
  })

  it("redacts given secrets that do not look like tokens", () => {
    expect(redactSecrets("vault key is hunter2-long-secret, ok", ["hunter2-long-secret"])).toBe("vault key is [redacted], ok")
  })

  it("replaces the longer of two overlapping secrets whole", () => {
    expect(redactSecrets("abcdef abc", ["abc", "abcdef"])).toBe("[redacted] [redacted]")
  })

  it("never rewrites a placeholder, even for secrets inside the word 'redacted'", () => {
    expect(redactSecrets(`x ${access} red`, ["red", "act"])).toBe("x [redacted] [redacted]")
  })

  it("treats regex characters in secrets literally", () => {
    expect(redactSecrets("a.b*c and axbbc", ["a.b*c"])).toBe("[redacted] and axbbc")
  })

  it("redacts URL-encoded and JSON-escaped forms of a given secret", () => {
    const secret = "p@ss w/\"quote\""
    expect(redactSecrets(`form=${encodeURIComponent(secret)}`, [secret])).toBe("form=[redacted]")
    expect(redactSecrets(JSON.stringify({ secret }), [secret])).toBe("{\"secret\":\"[redacted]\"}")
  })

  it("redacts bearer credentials of any format, but not the word after 'Bearer' in prose", () => {
    expect(redactSecrets("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload")).toBe("Authorization: Bearer [redacted]")
    expect(redactSecrets("Bearer token expired")).toBe("Bearer token expired")
    expect(redactSecrets("{\"token_type\":\"Bearer\"}")).toBe("{\"token_type\":\"Bearer\"}")
  })

  it("ignores empty secrets and leaves text without secrets alone", () => {
    const text = "Unable to reach Claude API — will retry"
    expect(redactSecrets(text, ["", ""])).toBe(text)
    expect(redactSecrets("")).toBe("")
  })

  it("is idempotent, even for secrets that occur inside the placeholder", () => {
    const once = redactSecrets(`${access} Bearer abcdefghijklmnop secret-value red`, ["secret-value", "red"])
    expect(once).toBe("[redacted] Bearer [redacted] [redacted] [redacted]")
    expect(redactSecrets(once, ["secret-value", "red"])).toBe(once)
  })

  it("leaves no part of a token when a given secret covers only its start or runs past its end", () => {
    expect(redactSecrets(`id ${access}!`, ["sk-ant"])).toBe("id [redacted]!")
    expect(redactSecrets(`${access} tail!`, [`${access} tail`])).toBe("[redacted]!")
  })

  it("redacts a token cut off mid-way, as in a truncated log line", () => {
    expect(redactSecrets("refresh failed for sk-ant-ort01-AbC…")).toBe("refresh failed for [redacted]…")
  })
})

describe("text from outside and for a terminal", () => {
  it("redactUntrusted: any Bearer phrase goes, whatever its length or case", () => {
    expect(redactUntrusted("bearer abc rejected")).toBe("[redacted] rejected")
    expect(redactUntrusted(`Bearer ${access}`)).toBe("[redacted]")
  })

  it("shown: one line, control characters collapsed, no token", () => {
    expect(shown(`  a\n\tb\u0007 ${refresh}  `)).toBe("a b [redacted]")
  })

  it("printable: drops stack-trace lines and joins the rest on one line", () => {
    expect(printable(`Error: boom ${access}\n    at fn (file.js:1:1)\n  next line`)).toBe("Error: boom [redacted] next line")
  })
})
