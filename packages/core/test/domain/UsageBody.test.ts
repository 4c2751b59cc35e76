import { assert, describe, expect, it } from "@effect/vitest"
import { Either, FastCheck, Schema } from "effect"
import { ProfileName } from "../../src/domain/Profile.js"
import { ExtraUsage, extraUsagePercent, ModelCap, UsageSnapshot, UsageWindow } from "../../src/domain/Usage.js"
import * as UsageBody from "../../src/domain/UsageBody.js"
import {
  cloudflare502,
  exampleBody,
  exampleSnapshot,
  htmlWithScripts,
  modelScope,
  nestedArrays,
  nestedObjects,
  scopedLimit
} from "../fixtures/usageBodies.js"

const context = { profile: ProfileName.make("work"), fetchedAt: 1_786_000_000_000, tier: "default_claude_max_20x" }

/** Decodes a text that must be usage data. */
const ok = (text: string): UsageSnapshot =>
  Either.getOrThrowWith(UsageBody.decode(text, context), (error) => new Error(`expected usage data: ${error.message}`))
/** Decodes a value serialised as JSON. */
const okJson = (json: unknown): UsageSnapshot => ok(JSON.stringify(json))
/** Decodes a text that must be rejected. */
const bad = (text: string): UsageBody.UsageBodyInvalid =>
  Either.getOrThrowWith(Either.flip(UsageBody.decode(text, context)), () => new Error("expected a UsageBodyInvalid"))

const window = (utilization: number | null, resetsAt: number | null) => new UsageWindow({ utilization, resetsAt })
const cap = (label: string, utilization: number | null, resetsAt: number | null) =>
  new ModelCap({ label, utilization, resetsAt })

const resetIso = "2026-08-12T22:00:00+00:00"
const resetMs = Date.UTC(2026, 7, 12, 22, 0, 0)
const token = "sk-ant-oat01-Zx9_Qw-ERTY1234abcdEFGH"
const isOneShortLine = (message: string) => !/[\r\n\u2028\u2029]/.test(message) && message.length <= 200

describe("UsageBody.decode: the A.1 example", () => {
  it("decodes to exactly the expected snapshot", () => {
    assert.deepStrictEqual(ok(exampleBody), exampleSnapshot(context))
  })

  it("decodeUnknown of the parsed body gives the same snapshot", () => {
    assert.deepStrictEqual(UsageBody.decodeUnknown(JSON.parse(exampleBody), context), UsageBody.decode(exampleBody, context))
  })

  it("carries the context: profile, fetchedAt, a null tier, source api", () => {
    const other = { profile: ProfileName.make("home"), fetchedAt: 42, tier: null }
    const snapshot = Either.getOrThrow(UsageBody.decode(exampleBody, other))
    assert.deepStrictEqual([snapshot.profile, snapshot.fetchedAt, snapshot.tier, snapshot.source], ["home", 42, null, "api"])
  })

  it("reads a body that starts with a byte-order mark", () => {
    assert.deepStrictEqual(ok("\ufeff" + exampleBody), ok(exampleBody))
  })
})

describe("UsageBody.decode: missing, null and unknown fields", () => {
  it("{} has no windows, no caps and no extra usage", () => {
    const snapshot = ok("{}")
    assert.deepStrictEqual([snapshot.fiveHour, snapshot.sevenDay, snapshot.caps, snapshot.extraUsage], [null, null, [], null])
  })

  it("every known key null reads like {}", () => {
    const keys = ["five_hour", "seven_day", "seven_day_sonnet", "seven_day_opus", "seven_day_oauth_apps", "extra_usage", "limits"]
    assert.deepStrictEqual(okJson(Object.fromEntries(keys.map((key) => [key, null]))), ok("{}"))
  })

  it("an empty window object is a window whose values are unknown", () => {
    assert.deepStrictEqual(okJson({ five_hour: {} }).fiveHour, window(null, null))
  })

  it("ignores unknown keys, at the top and inside windows and limits", () => {
    const snapshot = okJson({
      iguana_necktie: { deeply: [1, { odd: true }] },
      five_hour: { utilization: 20, resets_at: resetIso, burst: "x" },
      limits: [{ ...scopedLimit(30, modelScope("Fable")), brand_new_field: [1, 2] }]
    })
    assert.deepStrictEqual(snapshot.fiveHour, window(20, resetMs))
    assert.deepStrictEqual(snapshot.caps, [cap("Fable", 30, resetMs)])
  })

  it("utilization null is unknown, never 0", () => {
    assert.strictEqual(okJson({ five_hour: { utilization: null } }).fiveHour?.utilization, null)
  })

  it("utilization missing is unknown", () => {
    assert.strictEqual(okJson({ seven_day: { resets_at: resetIso } }).sevenDay?.utilization, null)
  })

  it("utilization 0 stays 0", () => {
    assert.strictEqual(okJson({ five_hour: { utilization: 0 } }).fiveHour?.utilization, 0)
  })

  it.each([99.9, 100, 100.1, 140, 1e308])("utilization %d is kept as sent, also above 100", (value) => {
    assert.strictEqual(okJson({ seven_day: { utilization: value } }).sevenDay?.utilization, value)
  })

  it.each(["1e999", "-1e999"])("a non-finite utilization (%s) is unknown", (literal) => {
    assert.deepStrictEqual(ok(`{"five_hour":{"utilization":${literal},"resets_at":"${resetIso}"}}`).fiveHour, window(null, resetMs))
  })

  it("NaN and Infinity handed to decodeUnknown are unknown", () => {
    const snapshot = Either.getOrThrow(
      UsageBody.decodeUnknown({ five_hour: { utilization: Number.NaN }, seven_day: { utilization: Infinity } }, context)
    )
    assert.deepStrictEqual([snapshot.fiveHour?.utilization, snapshot.sevenDay?.utilization], [null, null])
  })
})

describe("UsageBody.parseTimestamp", () => {
  const at = (ms: number) => Date.UTC(2026, 7, 12, 3, 40, 0, ms)
  it.each([
    ["fraction and +00:00", "2026-08-12T03:40:00.059198+00:00", at(59)],
    ["no fraction", "2026-08-12T03:40:00+00:00", at(0)],
    ["one-digit fraction", "2026-08-12T03:40:00.5Z", at(500)],
    ["three-digit fraction", "2026-08-12T03:40:00.123Z", at(123)],
    ["nine-digit fraction, truncated to ms", "2026-08-12T03:40:00.999999999Z", at(999)],
    ["Z", "2026-08-12T03:40:00Z", at(0)],
    ["lower-case z", "2026-08-12t03:40:00z", at(0)],
    ["no offset (UTC)", "2026-08-12T03:40:00", at(0)],
    ["no offset with fraction", "2026-08-12T03:40:00.059198", at(59)],
    ["-07:00", "2026-08-11T20:40:00-07:00", at(0)],
    ["+0530", "2026-08-12T09:10:00+0530", at(0)],
    ["+05:30 with fraction", "2026-08-12T09:10:00.250+05:30", at(250)],
    ["hour-only offset", "2026-08-12T05:40:00+02", at(0)],
    ["-00:00", "2026-08-12T03:40:00-00:00", at(0)],
    ["no seconds", "2026-08-12T03:40Z", at(0)],
    ["space instead of T", "2026-08-12 03:40:00+00:00", at(0)],
    ["surrounding whitespace", "  2026-08-12T03:40:00Z\n", at(0)],
    ["offset crossing midnight", "2026-08-12T00:10:00+20:30", Date.UTC(2026, 7, 11, 3, 40)],
    ["leap day", "2028-02-29T12:00:00Z", Date.UTC(2028, 1, 29, 12)],
    ["leap day of a 400th year", "2000-02-29T00:00:00Z", Date.UTC(2000, 1, 29)],
    ["last second of a year", "2026-12-31T23:59:59.999Z", Date.UTC(2027, 0, 1) - 1],
    ["a year below 100 is not read as 19xx", "0050-03-01T00:00:00Z", Date.parse("0050-03-01T00:00:00.000Z")]
  ])("reads %s", (_, text, expected) => {
    assert.strictEqual(UsageBody.parseTimestamp(text), expected)
  })

  it.each([
    ["empty", ""],
    ["words", "soon"],
    ["a date only", "2026-08-12"],
    ["month 13", "2026-13-01T00:00:00Z"],
    ["month 0", "2026-00-10T00:00:00Z"],
    ["day 0", "2026-08-00T00:00:00Z"],
    ["February 30", "2026-02-30T00:00:00Z"],
    ["February 29 of a common year", "2026-02-29T00:00:00Z"],
    ["February 29 of 2100", "2100-02-29T00:00:00Z"],
    ["April 31", "2026-04-31T00:00:00Z"],
    ["hour 24", "2026-08-12T24:00:00Z"],
    ["minute 60", "2026-08-12T03:60:00Z"],
    ["second 60", "2026-08-12T03:40:60Z"],
    ["offset hour 24", "2026-08-12T03:40:00+24:00"],
    ["offset minute 60", "2026-08-12T03:40:00+05:60"],
    ["an empty fraction", "2026-08-12T03:40:00.Z"],
    ["a bare offset sign", "2026-08-12T03:40:00+"],
    ["trailing junk", "2026-08-12T03:40:00Zjunk"],
    ["a named zone", "2026-08-12T03:40:00 UTC"],
    ["an HTTP date", "Wed, 12 Aug 2026 03:40:00 GMT"],
    ["epoch digits", "1786505000"],
    ["a five-digit year", "+20260-08-12T03:40:00Z"]
  ])("rejects %s", (_, text) => {
    assert.isNull(UsageBody.parseTimestamp(text))
  })

  it.prop(
    "reads back every Date's toISOString",
    [FastCheck.date({ min: new Date("0000-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true })],
    ([date]) => {
      assert.strictEqual(UsageBody.parseTimestamp(date.toISOString()), date.getTime())
    }
  )

  it.prop(
    "the same instant written at any offset reads the same",
    [FastCheck.integer({ min: 0, max: 4_000_000_000_000 }), FastCheck.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })],
    ([instant, offsetMinutes]) => {
      const local = new Date(Math.floor(instant / 1000) * 1000 + offsetMinutes * 60_000).toISOString().slice(0, 19)
      const abs = Math.abs(offsetMinutes)
      const pad = (n: number) => String(n).padStart(2, "0")
      const offset = `${offsetMinutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
      assert.strictEqual(UsageBody.parseTimestamp(local + offset), Math.floor(instant / 1000) * 1000)
    }
  )
})

describe("UsageBody.decode: resets_at in a window", () => {
  it("a fractional UTC timestamp becomes epoch ms", () => {
    assert.strictEqual(okJson({ five_hour: { resets_at: "2026-08-12T03:40:00.059198+00:00" } }).fiveHour?.resetsAt, Date.UTC(2026, 7, 12, 3, 40, 0, 59))
  })

  it("null resets_at is unknown while utilization is still read", () => {
    assert.deepStrictEqual(okJson({ five_hour: { utilization: 5, resets_at: null } }).fiveHour, window(5, null))
  })

  it("an unparseable resets_at is unknown while utilization is still read", () => {
    assert.deepStrictEqual(okJson({ five_hour: { utilization: 5, resets_at: "tomorrow-ish" } }).fiveHour, window(5, null))
  })

  it.each([[1_786_505_000], [1_786_505_000_000], [{ at: resetIso }], [[resetIso]], [true]])(
    "a resets_at of the wrong type (%j) is unknown",
    (value) => {
      assert.deepStrictEqual(okJson({ seven_day: { utilization: 5, resets_at: value } }).sevenDay, window(5, null))
    }
  )
})

describe("UsageBody.decode: wrong types are unknown for that field only", () => {
  it.each([["a string", "15%"], ["a number", 15], ["true", true], ["an array", [{ utilization: 1 }]]])(
    "a window that is %s is null, the other window still decodes",
    (_, value) => {
      const snapshot = okJson({ five_hour: value, seven_day: { utilization: 67, resets_at: resetIso } })
      assert.deepStrictEqual([snapshot.fiveHour, snapshot.sevenDay], [null, window(67, resetMs)])
    }
  )

  it.each([["a string", "15"], ["an object", { value: 15 }], ["an array", [15]], ["a boolean", true]])(
    "a utilization that is %s is unknown, resets_at still read",
    (_, value) => {
      assert.deepStrictEqual(okJson({ five_hour: { utilization: value, resets_at: resetIso } }).fiveHour, window(null, resetMs))
    }
  )

  it("junk in every field at once still yields a snapshot, with what was readable", () => {
    const snapshot = okJson({
      five_hour: { utilization: "x", resets_at: 7 },
      seven_day: [],
      seven_day_sonnet: "yes",
      extra_usage: { is_enabled: true, monthly_limit: "5000", used_credits: { cents: 1 } },
      limits: [7, "x", null, [], { kind: 3 }, scopedLimit("63", { model: "Fable" })]
    })
    assert.deepStrictEqual(snapshot.fiveHour, window(null, null))
    assert.isNull(snapshot.sevenDay)
    assert.deepStrictEqual(snapshot.caps, [cap("Model", null, resetMs)])
    assert.deepStrictEqual(snapshot.extraUsage, new ExtraUsage({ enabled: true, usedCents: null, limitCents: null }))
  })
})

describe("UsageBody.decode: legacy per-model windows", () => {
  it("sonnet, opus and oauth apps become caps, in that order", () => {
    const snapshot = okJson({
      seven_day_oauth_apps: { utilization: 3, resets_at: null },
      seven_day_opus: { utilization: 2, resets_at: resetIso },
      seven_day_sonnet: { utilization: 1, resets_at: resetIso }
    })
    assert.deepStrictEqual(snapshot.caps, [cap("Sonnet", 1, resetMs), cap("Opus", 2, resetMs), cap("OAuth apps", 3, null)])
  })

  it("a null legacy window is no cap", () => {
    assert.deepStrictEqual(okJson({ seven_day_opus: null, seven_day_sonnet: { utilization: 12 } }).caps, [cap("Sonnet", 12, null)])
  })

  it("an empty legacy window is a cap whose values are unknown", () => {
    assert.deepStrictEqual(okJson({ seven_day_opus: {} }).caps, [cap("Opus", null, null)])
  })

  it("a legacy window of the wrong type is no cap", () => {
    assert.deepStrictEqual(okJson({ seven_day_opus: 40, seven_day_sonnet: "40" }).caps, [])
  })
})

describe("UsageBody.decode: limits[]", () => {
  const capsOf = (limits: unknown) => okJson({ limits }).caps

  it("a weekly_scoped entry is a cap labelled by the model's display name", () => {
    assert.deepStrictEqual(capsOf([scopedLimit(63, modelScope("Fable"))]), [cap("Fable", 63, resetMs)])
  })

  it.each([
    ["scope missing", undefined],
    ["scope null", null],
    ["model missing", { surface: null }],
    ["model null", { model: null }],
    ["display_name missing", { model: { id: "m-1" } }],
    ["display_name null", modelScope(null)],
    ["display_name empty", modelScope("")],
    ["display_name blank", modelScope("  ")],
    ["display_name a number", modelScope(7)],
    ["scope a string", "opus"]
  ])("falls back to \"Model\" when %s", (_, scope) => {
    assert.deepStrictEqual(capsOf([scopedLimit(10, scope)]), [cap("Model", 10, resetMs)])
  })

  it("trims the display name", () => {
    assert.deepStrictEqual(capsOf([scopedLimit(10, modelScope("  Fable\t"))]).map((c) => c.label), ["Fable"])
  })

  it("keeps entries whatever is_active says", () => {
    const limits = [
      scopedLimit(1, modelScope("A"), { is_active: false }),
      scopedLimit(2, modelScope("B"), { is_active: true }),
      scopedLimit(3, modelScope("C"), { is_active: "no" })
    ]
    assert.deepStrictEqual(capsOf(limits).map((c) => c.utilization), [1, 2, 3])
  })

  it("ignores other kinds, a missing kind and a kind of the wrong type", () => {
    const limits = [
      { kind: "session", percent: 15 },
      { kind: "weekly_all", percent: 67 },
      { kind: "monthly_scoped", percent: 5, scope: modelScope("Fable") },
      { kind: "WEEKLY_SCOPED", percent: 5, scope: modelScope("Fable") },
      { percent: 5, scope: modelScope("Fable") },
      { kind: ["weekly_scoped"], percent: 5, scope: modelScope("Fable") }
    ]
    assert.deepStrictEqual(capsOf(limits), [])
  })

  it("percent null or of the wrong type is unknown, never 0", () => {
    assert.deepStrictEqual(capsOf([scopedLimit(null, modelScope("A")), scopedLimit("63", modelScope("B"))]).map((c) => c.utilization), [null, null])
  })

  it("keeps percent above 100", () => {
    assert.strictEqual(capsOf([scopedLimit(140, modelScope("A"))])[0]?.utilization, 140)
  })

  it("an unparseable resets_at is unknown", () => {
    assert.strictEqual(capsOf([scopedLimit(1, modelScope("A"), { resets_at: "later" })])[0]?.resetsAt, null)
  })

  it.each([["a string", "weekly_scoped"], ["an object", { 0: scopedLimit(1, null) }], ["a number", 3], ["true", true]])(
    "limits that is %s gives no caps",
    (_, limits) => {
      assert.deepStrictEqual(capsOf(limits), [])
    }
  )

  it("skips junk entries and keeps the good ones in order", () => {
    const limits = [null, 1, "weekly_scoped", [scopedLimit(9, null)], scopedLimit(4, modelScope("A")), {}, scopedLimit(5, modelScope("B"))]
    assert.deepStrictEqual(capsOf(limits), [cap("A", 4, resetMs), cap("B", 5, resetMs)])
  })

  it("a limits[] cap replaces the legacy cap with the same label", () => {
    const snapshot = okJson({
      seven_day_sonnet: { utilization: 12, resets_at: null },
      seven_day_opus: { utilization: 30, resets_at: null },
      limits: [scopedLimit(14, modelScope("Sonnet"))]
    })
    assert.deepStrictEqual(snapshot.caps, [cap("Opus", 30, null), cap("Sonnet", 14, resetMs)])
  })

  it("the label match ignores case", () => {
    const snapshot = okJson({ seven_day_opus: { utilization: 30 }, limits: [scopedLimit(31, modelScope("opus"))] })
    assert.deepStrictEqual(snapshot.caps, [cap("opus", 31, resetMs)])
  })

  it("a legacy cap with a different label stays beside the limits[] caps", () => {
    const snapshot = okJson({ seven_day_sonnet: { utilization: 12 }, limits: [scopedLimit(14, modelScope("Sonnet 4.5"))] })
    assert.deepStrictEqual(snapshot.caps.map((c) => c.label), ["Sonnet", "Sonnet 4.5"])
  })
})

describe("UsageBody.decode: extra usage", () => {
  const extraOf = (extra: unknown) => okJson({ extra_usage: extra }).extraUsage

  it("reads cents and ignores the ambiguous utilization", () => {
    const read = extraOf({ is_enabled: true, monthly_limit: 5000, used_credits: 1561.0, utilization: 0.3122 })
    assert.deepStrictEqual(read, new ExtraUsage({ enabled: true, usedCents: 1561, limitCents: 5000 }))
  })

  it("disabled with no amounts", () => {
    assert.deepStrictEqual(
      extraOf({ is_enabled: false, monthly_limit: null, used_credits: null, utilization: null }),
      new ExtraUsage({ enabled: false, usedCents: null, limitCents: null })
    )
  })

  it("an amount of the wrong type is unknown, the others still read", () => {
    assert.deepStrictEqual(
      extraOf({ is_enabled: true, monthly_limit: "5000", used_credits: 12 }),
      new ExtraUsage({ enabled: true, usedCents: 12, limitCents: null })
    )
  })

  it.each([["missing", undefined], ["null", null], ["{}", {}], ["a string", "on"], ["an array", [true]], ["is_enabled a string", { is_enabled: "true", monthly_limit: 5000 }]])(
    "is null when extra_usage is %s",
    (_, extra) => {
      assert.isNull(extraOf(extra))
    }
  )
})

describe("extraUsagePercent", () => {
  const extra = (usedCents: number | null, limitCents: number | null) => new ExtraUsage({ enabled: true, usedCents, limitCents })

  it("is used over limit, from cents (SPEC §3)", () => {
    assert.strictEqual(extraUsagePercent(extra(1561, 5000)), 31.22)
  })

  it("of the A.1 example is 31.22", () => {
    assert.strictEqual(extraUsagePercent(ok(exampleBody).extraUsage), 31.22)
  })

  it.each([[0, 5000, 0], [5000, 5000, 100], [6000, 5000, 120], [1, 1, 100]])("%d of %d cents is %d %%", (used, limit, percent) => {
    assert.strictEqual(extraUsagePercent(extra(used, limit)), percent)
  })

  it.each([[null, 5000], [100, null], [100, 0], [100, -5000], [null, null]])("is unknown for used %s, limit %s", (used, limit) => {
    assert.isNull(extraUsagePercent(extra(used, limit)))
  })

  it("is unknown without extra usage", () => {
    assert.isNull(extraUsagePercent(null))
  })
})

describe("UsageBody.decode: bodies that are not usage data", () => {
  it("a Cloudflare 502 page is not_json, showing the page's visible text", () => {
    const error = bad(cloudflare502)
    assert.deepStrictEqual([error._tag, error.reason, error.excerpt, error.html], ["UsageBodyInvalid", "not_json", "502 Bad Gateway cloudflare", true])
    assert.strictEqual(
      error.message,
      "Claude API answered with a body that is not usage data (HTML: \"502 Bad Gateway cloudflare\") — will retry"
    )
  })

  it("drops head, scripts, styles, comments and noscript, and decodes entities", () => {
    assert.strictEqual(bad(htmlWithScripts).excerpt, "Gateway time\u2011out & retry")
  })

  it("plain text is not_json, shown as it is", () => {
    const error = bad("upstream connect error or disconnect/reset before headers")
    assert.deepStrictEqual([error.reason, error.html, error.excerpt], ["not_json", false, "upstream connect error or disconnect/reset before headers"])
    assert.include(error.message, "(not JSON: \"upstream connect error")
  })

  it.each([["truncated JSON", "{\"five_hour\": {\"utilization\": 1"], ["a trailing comma", "{\"a\":1,}"], ["single quotes", "{'a':1}"], ["NaN", "{\"a\":NaN}"]])(
    "%s is not_json",
    (_, text) => {
      assert.strictEqual(bad(text).reason, "not_json")
    }
  )

  it.each([["empty", ""], ["spaces", "   "], ["newlines and tabs", "\n\t\r\n "], ["a byte-order mark", "\ufeff"]])("%s is empty", (_, text) => {
    const error = bad(text)
    assert.deepStrictEqual([error.reason, error.excerpt], ["empty", ""])
    assert.strictEqual(error.message, "Claude API answered with an empty body instead of usage data — will retry")
  })

  it.each([["an array", "[1,2,3]"], ["a string", "\"ok\""], ["a number", "42"], ["null", "null"], ["true", "true"], ["an empty array", "[]"]])(
    "JSON that is %s is not_an_object, quoting the body",
    (_, text) => {
      const error = bad(text)
      assert.deepStrictEqual([error.reason, error.excerpt], ["not_an_object", text])
      assert.include(error.message, `(JSON but not an object: "${text}")`)
    }
  )

  it.each([["undefined", undefined, "empty"], ["null", null, "not_an_object"], ["an array", [{}], "not_an_object"], ["a string", "{}", "not_an_object"], ["a number", 1, "not_an_object"]])(
    "decodeUnknown of %s is %s",
    (_, json, reason) => {
      const result = UsageBody.decodeUnknown(json, context)
      assert.strictEqual(Either.isLeft(result) ? result.left.reason : "decoded", reason)
    }
  )

  it("collapses whitespace and keeps the excerpt to 80 characters", () => {
    const error = bad("Service   \n\n Unavailable\t" + " lorem ipsum".repeat(50))
    assert.strictEqual(error.excerpt.length, 80)
    assert.isTrue(error.excerpt.startsWith("Service Unavailable lorem ipsum"))
    assert.isTrue(error.excerpt.endsWith("…"))
    assert.notMatch(error.excerpt, /\s{2}|[\n\t]/)
  })

  it("never cuts a surrogate pair in half", () => {
    const excerpt = bad("😀".repeat(100)).excerpt
    assert.isAtMost(excerpt.length, 80)
    assert.notMatch(excerpt, /[\ud800-\udbff](?![\udc00-\udfff])/)
  })

  it("the error serialises through its schema", () => {
    const error = bad(cloudflare502)
    const encoded = Schema.encodeSync(UsageBody.UsageBodyInvalid)(error)
    assert.deepStrictEqual(encoded, { _tag: "UsageBodyInvalid", reason: "not_json", excerpt: "502 Bad Gateway cloudflare", html: true })
  })

  it("html defaults to false when an error is built by hand", () => {
    assert.isFalse(new UsageBody.UsageBodyInvalid({ reason: "not_json", excerpt: "x" }).html)
  })
})

describe("UsageBody.decode: tokens never reach an excerpt or message", () => {
  const secret = token.slice("sk-ant-".length)

  it.each([
    ["plain text", `invalid token ${token} for this request`],
    ["an HTML page", `<html><body><p>token: ${token}</p></body></html>`],
    ["a JSON array", `["${token}"]`],
    ["a Bearer header echo", "Authorization: Bearer abc.DEF-123_xyz~+/= was rejected"]
  ])("in %s", (_, text) => {
    const error = bad(text)
    assert.include(error.excerpt, "[redacted]")
    for (const leaked of [secret, "sk-ant-", "abc.DEF-123_xyz"]) {
      assert.notInclude(error.excerpt, leaked)
      assert.notInclude(error.message, leaked)
    }
  })

  it("a Bearer with any spacing and case", () => {
    assert.strictEqual(bad("bearer\n   tok3n.value rejected").excerpt, "[redacted] rejected")
  })

  it("also when the error is built by hand with a raw, multi-line excerpt", () => {
    const message = new UsageBody.UsageBodyInvalid({ reason: "not_json", excerpt: `a\n\nb ${token} ${"c".repeat(500)}` }).message
    assert.notInclude(message, secret)
    assert.isTrue(isOneShortLine(message))
  })
})

describe("UsageBody.decode: hostile input", () => {
  it("10,000 nested arrays under an unknown key are ignored", () => {
    assert.deepStrictEqual(ok(`{"junk":${nestedArrays(10_000)},"five_hour":{"utilization":3}}`).fiveHour, window(3, null))
  })

  it("10,000 nested arrays or objects in known fields read as junk", () => {
    const snapshot = ok(`{"five_hour":${nestedArrays(10_000)},"limits":[${nestedObjects(10_000)}],"extra_usage":${nestedObjects(10_000)}}`)
    assert.deepStrictEqual([snapshot.fiveHour, snapshot.caps, snapshot.extraUsage], [null, [], null])
  })

  it("unbalanced deep nesting is not_json, with a short excerpt", () => {
    const error = bad("[".repeat(200_000))
    assert.strictEqual(error.reason, "not_json")
    assert.isAtMost(error.excerpt.length, 80)
  })

  it("a 5 MB HTML page gives a short excerpt", () => {
    const page = "<html><body><h1>Service Unavailable</h1>" + "<p>filler text</p>".repeat(300_000) + "</body></html>"
    expect(page.length).toBeGreaterThan(5_000_000)
    const error = bad(page)
    assert.isTrue(error.excerpt.startsWith("Service Unavailable filler text"))
    assert.isAtMost(error.excerpt.length, 80)
    assert.isTrue(isOneShortLine(error.message))
  })

  it("a 5 MB page of unclosed tags and whitespace stays short", () => {
    assert.isAtMost(bad("<" + " <a".repeat(2_000_000)).excerpt.length, 80)
    assert.strictEqual(bad(" ".repeat(5_000_000) + "x").excerpt, "x")
  })

  it("a 5 MB JSON body decodes", () => {
    const body = JSON.stringify({ padding: "x".repeat(5_000_000), five_hour: { utilization: 9, resets_at: resetIso } })
    assert.deepStrictEqual(ok(body).fiveHour, window(9, resetMs))
  })

  it("a huge limits[] array decodes", () => {
    const limits = Array.from({ length: 50_000 }, (_, i) => (i % 2 === 0 ? { kind: "session" } : scopedLimit(i % 100, modelScope(`M${i}`))))
    assert.strictEqual(okJson({ limits }).caps.length, 25_000)
  })

  it("huge numbers: finite ones are kept, overflow is unknown", () => {
    const snapshot = ok(`{"five_hour":{"utilization":123456789012345678901234567890},"seven_day":{"utilization":1${"0".repeat(400)}}}`)
    assert.deepStrictEqual([snapshot.fiveHour?.utilization, snapshot.sevenDay?.utilization], [1.2345678901234568e29, null])
  })

  it("__proto__ keys neither pollute Object.prototype nor smuggle fields in", () => {
    const body = `{"__proto__":{"polluted":true,"five_hour":{"utilization":99}},
      "seven_day":{"__proto__":{"utilization":98},"resets_at":"${resetIso}"},
      "constructor":{"prototype":{"polluted":true}},
      "limits":[{"__proto__":{"kind":"weekly_scoped"},"percent":5}]}`
    const snapshot = ok(body)
    assert.isUndefined((({}) as Record<string, unknown>)["polluted"])
    assert.isUndefined((Object.prototype as Record<string, unknown>)["polluted"])
    assert.deepStrictEqual([snapshot.fiveHour, snapshot.sevenDay, snapshot.caps], [null, window(null, resetMs), []])
  })

  it("an object whose prototype carries usage fields is not read through the prototype", () => {
    const json = Object.create({ five_hour: { utilization: 50 } }) as object
    const snapshot = Either.getOrThrow(UsageBody.decodeUnknown(json, context))
    assert.isNull(snapshot.fiveHour)
  })
})

describe("UsageBody: properties", () => {
  it.prop("decode never throws on any JSON value, and a failure is one short line", [FastCheck.jsonValue()], ([value]) => {
    const result = UsageBody.decode(JSON.stringify(value) ?? "", context)
    assert.isTrue(Either.isRight(result) || isOneShortLine(result.left.message))
  })

  it.prop("decodeUnknown never throws on anything", [FastCheck.anything({ withNullPrototype: true, withObjectString: true })], ([value]) => {
    const result = UsageBody.decodeUnknown(value, context)
    assert.isTrue(Either.isRight(result) || isOneShortLine(result.left.message))
  })

  it.prop("any object with junk under the known keys decodes", [
    FastCheck.dictionary(
      FastCheck.constantFrom("five_hour", "seven_day", "seven_day_sonnet", "seven_day_opus", "seven_day_oauth_apps", "extra_usage", "limits"),
      FastCheck.jsonValue()
    )
  ], ([body]) => {
    assert.isTrue(Either.isRight(UsageBody.decode(JSON.stringify(body), context)))
  })

  it.prop("any text decodes or fails with one short, token-free line", [FastCheck.oneof(FastCheck.string({ unit: "binary", maxLength: 400 }), FastCheck.string({ maxLength: 400 })), FastCheck.nat(400)], ([text, at]) => {
    const withToken = text.slice(0, at) + token + text.slice(at)
    const result = UsageBody.decode(withToken, context)
    if (Either.isLeft(result)) {
      assert.isTrue(isOneShortLine(result.left.message))
      assert.notInclude(result.left.message, token.slice(-12))
      assert.isAtMost(result.left.excerpt.length, 80)
    }
  })

  it.prop("a finite utilization survives the trip through JSON", [FastCheck.double({ noNaN: true, noDefaultInfinity: true })], ([utilization]) => {
    assert.strictEqual(okJson({ five_hour: { utilization } }).fiveHour?.utilization, utilization)
  })
})
