// The pure pieces of HttpUsageApi at their boundaries: Retry-After, transport reasons, statuses, tiers.
import { assert, describe, it } from "@effect/vitest"
import { ProfileName } from "../../src/domain/Profile.js"
import * as HttpUsageApi from "../../src/services/HttpUsageApi.js"

const now = Date.UTC(2026, 7, 12, 3, 40, 0)
const retryAfter = (header: string | undefined) => HttpUsageApi.parseRetryAfter(header, now)

describe("HttpUsageApi.parseRetryAfter: seconds", () => {
  it("reads whole seconds, trimmed", () => {
    assert.deepStrictEqual([retryAfter("1"), retryAfter("600"), retryAfter(" 120 ")], [1_000, 600_000, 120_000])
  })

  it("missing, 0, negative, fractional, exponent or empty is null", () => {
    for (const header of [undefined, "0", "000", "-1", "1.5", "1e3", "", " ", "+5", "soon"]) {
      assert.isNull(retryAfter(header), String(header))
    }
  })

  it("a number too large to count in ms is null", () => {
    assert.strictEqual(retryAfter("9007199254740"), 9_007_199_254_740_000)
    assert.isNull(retryAfter("99999999999999999999"))
  })
})

describe("HttpUsageApi.parseRetryAfter: HTTP dates", () => {
  it("IMF-fixdate one second ahead is 1000 ms; now or earlier is null", () => {
    assert.strictEqual(retryAfter("Wed, 12 Aug 2026 03:40:01 GMT"), 1_000)
    assert.isNull(retryAfter("Wed, 12 Aug 2026 03:40:00 GMT"))
    assert.isNull(retryAfter("Wed, 12 Aug 2026 03:39:59 GMT"))
  })

  it("accepts what Date.toUTCString writes", () => {
    assert.strictEqual(retryAfter(new Date(now + 3_600_000).toUTCString()), 3_600_000)
  })

  it("accepts the obsolete RFC 850 and asctime forms", () => {
    assert.strictEqual(retryAfter("Wednesday, 12-Aug-26 03:45:00 GMT"), 300_000)
    assert.strictEqual(retryAfter("Wed Aug 12 03:45:00 2026"), 300_000)
    assert.strictEqual(HttpUsageApi.parseHttpDate("Sun Aug  2 00:00:00 2026", now), Date.UTC(2026, 7, 2))
  })

  it("reads an RFC 850 two-digit year as at most 50 years ahead", () => {
    const year = (yy: string) => new Date(HttpUsageApi.parseHttpDate(`Monday, 01-Jan-${yy} 00:00:00 GMT`, now)!).getUTCFullYear()
    assert.deepStrictEqual([year("26"), year("76"), year("77"), year("99"), year("00")], [2026, 2076, 1977, 1999, 2000])
  })

  it("impossible or malformed dates are null", () => {
    for (const header of [
      "Wed, 31 Feb 2026 00:00:00 GMT",
      "Wed, 12 Foo 2026 03:45:00 GMT",
      "Wed, 12 Aug 2026 24:00:00 GMT",
      "Wed, 12 Aug 2026 03:60:00 GMT",
      "Wed, 12 Aug 2026 03:45:00 PST",
      "Wed, 12 Aug 2026 03:45:00",
      "2026-08-12T03:45:00Z",
      "Wed, 00 Aug 2026 03:45:00 GMT"
    ]) {
      assert.isNull(retryAfter(header), header)
    }
  })
})

describe("HttpUsageApi.transportReason", () => {
  const withCode = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code })

  it("names the usual failures from their codes", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["ECONNREFUSED", "connection refused"],
      ["ENOTFOUND", "host not found"],
      ["EAI_AGAIN", "host not found"],
      ["ETIMEDOUT", "connection timed out"],
      ["UND_ERR_CONNECT_TIMEOUT", "connection timed out"],
      ["EHOSTUNREACH", "network unreachable"],
      ["ECONNRESET", "connection closed"],
      ["UND_ERR_SOCKET", "connection closed"],
      ["CERT_HAS_EXPIRED", "TLS error"],
      ["DEPTH_ZERO_SELF_SIGNED_CERT", "TLS error"],
      ["ERR_TLS_CERT_ALTNAME_INVALID", "TLS error"]
    ]
    for (const [code, reason] of cases) assert.strictEqual(HttpUsageApi.transportReason(withCode(code)), reason, code)
  })

  it("finds a code in fetch's cause and in an AggregateError", () => {
    assert.strictEqual(HttpUsageApi.transportReason(new TypeError("fetch failed", { cause: withCode("ECONNREFUSED") })), "connection refused")
    assert.strictEqual(
      HttpUsageApi.transportReason(new TypeError("fetch failed", { cause: new AggregateError([withCode("ECONNREFUSED")]) })),
      "connection refused"
    )
  })

  it("anything else is 'network error', and a cyclic cause ends", () => {
    const cyclic: { cause?: unknown } = {}
    cyclic.cause = cyclic
    for (const cause of [undefined, null, "ECONNREFUSED", 42, new Error("Bearer sk-ant-oat01-x"), withCode("EWHATEVER"), cyclic]) {
      assert.strictEqual(HttpUsageApi.transportReason(cause), "network error")
    }
  })
})

describe("HttpUsageApi.statusError", () => {
  const profile = ProfileName.make("work")
  const error = (status: number, retry?: string) => HttpUsageApi.statusError(profile, status, retry, now)

  it("maps 401, 403 and 429 to their errors", () => {
    assert.deepStrictEqual([error(401)._tag, error(403)._tag, error(429)._tag], ["Unauthorized", "MissingScope", "RateLimited"])
    const limited = error(429, "30")
    assert.strictEqual(limited._tag === "RateLimited" && limited.retryAfterMillis, 30_000)
  })

  it("every other status is ApiUnreachable naming it", () => {
    for (const status of [100, 204, 301, 400, 404, 500, 502, 529, 599]) {
      const unreachable = error(status)
      assert.strictEqual(unreachable._tag === "ApiUnreachable" && unreachable.reason, `HTTP ${status}`)
    }
  })
})

describe("HttpUsageApi.subscriptionTypeOf", () => {
  it("maps the four known organization types", () => {
    const mapped = ["claude_pro", "claude_max", "claude_team", "claude_enterprise"].map(HttpUsageApi.subscriptionTypeOf)
    assert.deepStrictEqual(mapped, ["pro", "max", "team", "enterprise"])
  })

  it("keeps unknown ones raw and reads null or blank as null", () => {
    const mapped = ["claude_max_plus", "CLAUDE_MAX", "api", null, "", "  "].map(HttpUsageApi.subscriptionTypeOf)
    assert.deepStrictEqual(mapped, ["claude_max_plus", "CLAUDE_MAX", "api", null, null, null])
  })
})
