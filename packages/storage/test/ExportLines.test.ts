import { generateHistory } from "@cchdrm/testkit"
import { Usage, UsageBody } from "@cchdrm/core"
import * as Profile from "@cchdrm/core/domain/Profile"
import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { ExportLines } from "../src/index.js"

const t0 = Date.UTC(2026, 10, 22, 16)
const hour = 3_600_000

const full = new Usage.UsageSnapshot({
  profile: Profile.ProfileName.make("default"),
  fetchedAt: t0,
  source: "api",
  fiveHour: new Usage.UsageWindow({ utilization: 17, resetsAt: t0 + 2 * hour + 13 * 60_000 }),
  sevenDay: new Usage.UsageWindow({ utilization: 35, resetsAt: Date.UTC(2026, 10, 25, 9) }),
  caps: [],
  extraUsage: new Usage.ExtraUsage({ enabled: false, usedCents: null, limitCents: null }),
  tier: "default_claude_max_20x"
})

const time = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) })
// JSON has no -0, NaN or Infinity; the domain's numbers are finite.
const number = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n))
const window = fc.record({ utilization: fc.option(number), resetsAt: fc.option(time) })
  .map((fields) => new Usage.UsageWindow(fields))
const snapshot = fc.record({
  profile: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/).map(Profile.ProfileName.make),
  fetchedAt: time,
  fiveHour: fc.option(window),
  sevenDay: fc.option(window),
  caps: fc.array(
    fc.record({ label: fc.string(), utilization: fc.option(number), resetsAt: fc.option(time) }).map((cap) => new Usage.ModelCap(cap)),
    { maxLength: 3 }
  ),
  extraUsage: fc.option(
    fc.record({ enabled: fc.boolean(), usedCents: fc.option(number), limitCents: fc.option(number) })
      .map((extra) => new Usage.ExtraUsage(extra))
  ),
  tier: fc.option(fc.string())
}).map((fields) => new Usage.UsageSnapshot({ ...fields, source: "api" }))

const reasonOf = (text: string, line = 7) => {
  const result = ExportLines.fromJsonLine(text, line)
  assert.isTrue(Either.isLeft(result), `expected ${text} to be invalid`)
  const error = Either.getOrThrow(Either.flip(result))
  assert.strictEqual(error._tag, "ImportLineInvalid")
  assert.strictEqual(error.line, line)
  assert.notInclude(error.message, "\n")
  return error.reason
}

describe("ExportLines JSON", () => {
  it("writes API.md B.4's example byte for byte", () => {
    assert.strictEqual(
      ExportLines.toJsonLine(full),
      `{"profile":"default","timestamp":"2026-11-22T16:00:00.000Z","fiveHour":{"utilization":17,"resetsAt":"2026-11-22T18:13:00.000Z"},"sevenDay":{"utilization":35,"resetsAt":"2026-11-25T09:00:00.000Z"},"extraUsage":{"enabled":false,"usedCents":null,"limitCents":null},"caps":[],"tier":"default_claude_max_20x"}`
    )
  })

  it("writes missing windows, extra usage and tier as null, and caps in order", () => {
    const sparse = new Usage.UsageSnapshot({
      ...full,
      fiveHour: null,
      sevenDay: new Usage.UsageWindow({ utilization: null, resetsAt: null }),
      extraUsage: null,
      tier: null,
      caps: [new Usage.ModelCap({ label: "Opus", utilization: 12.5, resetsAt: t0 })]
    })
    assert.strictEqual(
      ExportLines.toJsonLine(sparse),
      `{"profile":"default","timestamp":"2026-11-22T16:00:00.000Z","fiveHour":null,"sevenDay":{"utilization":null,"resetsAt":null},"extraUsage":null,"caps":[{"label":"Opus","utilization":12.5,"resetsAt":"2026-11-22T16:00:00.000Z"}],"tier":null}`
    )
  })

  it.prop("reads back every snapshot it writes, as an import", [snapshot], ([original]) => {
    const line = ExportLines.toJsonLine(original)
    const decoded = ExportLines.fromJsonLine(line, 1)
    assert.deepStrictEqual(decoded, Either.right(new Usage.UsageSnapshot({ ...original, source: "import" })))
    assert.strictEqual(ExportLines.toJsonLine(Either.getOrThrow(decoded)), line)
  }, { fastCheck: { numRuns: 500 } })

  it("reads every line of testkit's generateHistory, and writes it back identically", () => {
    const lines = [
      ...generateHistory({ from: t0, to: t0 + 3 * 24 * hour, nullRate: 0.2, gaps: true, jitterMs: 999, profile: "work" }),
      ...generateHistory({ from: t0, to: t0 + 24 * hour, tier: null, caps: false, seed: 7 })
    ]
    assert.isAbove(lines.length, 1_500)
    let nullWindows = 0
    lines.forEach((line, index) => {
      const decoded = ExportLines.fromJsonLine(line, index + 1)
      assert.isTrue(Either.isRight(decoded), Either.isLeft(decoded) ? decoded.left.message : "")
      const snapshot = Either.getOrThrow(decoded)
      assert.strictEqual(snapshot.source, "import")
      if (snapshot.fiveHour === null || snapshot.sevenDay === null) nullWindows++
      assert.strictEqual(ExportLines.toJsonLine(snapshot), line)
    })
    assert.isAbove(nullWindows, 0)
  })

  it("reads absent optional keys as null and ignores unknown keys", () => {
    const decoded = ExportLines.fromJsonLine(`{"profile":"p1","timestamp":"2026-11-22T17:00:00+01:00","extra":1}`, 1)
    assert.deepStrictEqual(
      decoded,
      Either.right(
        new Usage.UsageSnapshot({
          profile: Profile.ProfileName.make("p1"),
          fetchedAt: t0,
          source: "import",
          fiveHour: null,
          sevenDay: null,
          caps: [],
          extraUsage: null,
          tier: null
        })
      )
    )
  })

  it("rejects malformed lines with their line number and a one-line reason", () => {
    const good = JSON.parse(ExportLines.toJsonLine(full)) as Record<string, unknown>
    const line = (changes: Record<string, unknown>) => JSON.stringify({ ...good, ...changes })
    assert.include(reasonOf("{not json", 3), "not JSON")
    assert.include(reasonOf("", 4), "empty")
    assert.include(reasonOf("[1,2]"), "not a JSON object")
    assert.include(reasonOf("null"), "not a JSON object")
    assert.include(reasonOf(line({ profile: undefined })), "profile")
    assert.include(reasonOf(line({ profile: "no spaces allowed" })), "profile")
    assert.include(reasonOf(line({ timestamp: "yesterday" })), "timestamp")
    assert.include(reasonOf(line({ timestamp: "2026-02-30T00:00:00Z" })), "timestamp")
    assert.include(reasonOf(line({ timestamp: 1_700_000_000_000 })), "timestamp")
    assert.include(reasonOf(line({ fiveHour: { utilization: "17", resetsAt: null } })), "fiveHour.utilization")
    assert.include(reasonOf(line({ sevenDay: { utilization: 3, resetsAt: "soon" } })), "sevenDay.resetsAt")
    assert.include(reasonOf(line({ extraUsage: { enabled: "yes", usedCents: null, limitCents: null } })), "extraUsage.enabled")
    assert.include(reasonOf(line({ caps: [{ label: "Opus", utilization: 1, resetsAt: 5 }] })), "caps[0].resetsAt")
    assert.include(reasonOf(line({ tier: 3 })), "tier")
    const long = Either.getOrThrow(Either.flip(ExportLines.fromJsonLine(line({ timestamp: "x".repeat(1_000) }), 12)))
    assert.isAtMost(long.reason.length, 160)
    assert.match(long.message, /^Line 12 /)
  })
})

describe("ExportLines CSV", () => {
  it("writes the header's columns, unknown values empty", () => {
    assert.strictEqual(
      ExportLines.csvHeader,
      "profile,timestamp,five_hour_util,five_hour_resets_at,seven_day_util,seven_day_resets_at"
    )
    assert.strictEqual(
      ExportLines.toCsvRow(full),
      "default,2026-11-22T16:00:00.000Z,17,2026-11-22T18:13:00.000Z,35,2026-11-25T09:00:00.000Z"
    )
    const sparse = new Usage.UsageSnapshot({ ...full, fiveHour: null, sevenDay: new Usage.UsageWindow({ utilization: 101.5, resetsAt: null }) })
    assert.strictEqual(ExportLines.toCsvRow(sparse), "default,2026-11-22T16:00:00.000Z,,,101.5,")
  })

  it("quotes fields holding commas, quotes or line breaks (RFC 4180)", () => {
    assert.strictEqual(ExportLines.csvField("plain"), "plain")
    assert.strictEqual(ExportLines.csvField("a,b"), "\"a,b\"")
    assert.strictEqual(ExportLines.csvField("say \"hi\""), "\"say \"\"hi\"\"\"")
    assert.strictEqual(ExportLines.csvField("two\nlines"), "\"two\nlines\"")
    assert.strictEqual(ExportLines.csvField("cr\r"), "\"cr\r\"")
    assert.strictEqual(ExportLines.csvField(null), "")
    assert.strictEqual(ExportLines.csvField(-1.25), "-1.25")
  })
})

describe("ExportLines.parseTime", () => {
  it("reads the export's own form digit by digit exactly as UsageBody.parseTimestamp reads any form", () => {
    fc.assert(fc.property(time, (millis) => {
      const text = new Date(millis).toISOString()
      assert.strictEqual(ExportLines.parseTime(text), millis)
      assert.strictEqual(ExportLines.parseTime(text), UsageBody.parseTimestamp(text))
    }), { numRuns: 2_000 })
    for (
      const text of [
        "2026-02-29T00:00:00.000Z", "2028-02-29T00:00:00.000Z", "2000-02-29T00:00:00.000Z", "2100-02-29T00:00:00.000Z",
        "2026-13-01T00:00:00.000Z", "2026-04-31T00:00:00.000Z",
        "2026-01-01T24:00:00.000Z", "2026-01-01T23:60:00.000Z", "2026-01-01T23:59:60.000Z", "2026-0a-01T00:00:00.000Z",
        "0099-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000+", "2026-01-01T00:00:00.123456Z", "2026-01-01 00:00:00.000Z"
      ]
    ) assert.strictEqual(ExportLines.parseTime(text), UsageBody.parseTimestamp(text), text)
  })
})
