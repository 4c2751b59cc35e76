// The export formats of API.md B.4: one snapshot per JSON line (read back by `import`) and the
// CSV row. Pure codecs; reading and writing files is the caller's.
import { IsoTime, Usage, UsageBody } from "@cchdrm/core"
// Deep import: the namespace's declarations keep only the type of a name that is also a value.
import * as Profile from "@cchdrm/core/domain/Profile"
import { Either, ParseResult, Schema } from "effect"

/**
 * A line of an import that is not an exported snapshot: its 1-based `line` number and why, in
 * one line. `import` stores nothing from such a file unless told to skip invalid lines.
 */
export class ImportLineInvalid extends Schema.TaggedError<ImportLineInvalid>()("ImportLineInvalid", {
  line: Schema.Number,
  reason: Schema.String,
  /** The file the line is in, when known (`-` is standard input). */
  file: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const where = this.file === undefined ? `Line ${this.line}` : `${this.file === "-" ? "Standard input" : this.file} line ${this.line}`
    return `${where} is not an exported snapshot (${this.reason}). Fix or remove it, or import with --skip-invalid.`
  }
}

// --- JSON Lines ---------------------------------------------------------------------------------

/** `millis` as an ISO-8601 UTC time, `null` as `null`: every time of an export line. */
export const iso = IsoTime.isoOrNull

const windowJson = (window: Usage.UsageWindow | null) =>
  window === null ? null : { utilization: window.utilization, resetsAt: iso(window.resetsAt) }

/**
 * The export line of `snapshot`, keys in API.md B.4 order: `profile`, `timestamp`, `fiveHour`,
 * `sevenDay`, `extraUsage`, `caps`, `tier`. Times are ISO-8601 UTC; a missing window is `null`.
 * `source` is not exported: an imported line reads back as `source: "import"`.
 */
export const toJsonLine = (snapshot: Usage.UsageSnapshot): string =>
  JSON.stringify({
    profile: snapshot.profile,
    timestamp: iso(snapshot.fetchedAt),
    fiveHour: windowJson(snapshot.fiveHour),
    sevenDay: windowJson(snapshot.sevenDay),
    extraUsage: snapshot.extraUsage === null ? null : {
      enabled: snapshot.extraUsage.enabled,
      usedCents: snapshot.extraUsage.usedCents,
      limitCents: snapshot.extraUsage.limitCents
    },
    caps: snapshot.caps.map((cap) => ({ label: cap.label, utilization: cap.utilization, resetsAt: iso(cap.resetsAt) })),
    tier: snapshot.tier
  })

const digitsAt = (text: string, from: number, count: number): number => {
  let value = 0
  for (let index = from; index < from + count; index++) {
    const digit = text.charCodeAt(index) - 48
    if (digit < 0 || digit > 9) return Number.NaN
    value = value * 10 + digit
  }
  return value
}

const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
const daysIn = (year: number, month: number): number =>
  month === 2 ? (isLeap(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

/**
 * An ISO-8601 time as epoch ms, or `null`. The form every export writes (`2026-11-22T16:00:00.000Z`,
 * four of them a line) is read digit by digit; any other form goes to `UsageBody.parseTimestamp`.
 */
export const parseTime = (text: string): number | null => {
  if (
    text.length !== 24 || text.charCodeAt(23) !== 90 || text.charCodeAt(10) !== 84 || text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46
  ) return UsageBody.parseTimestamp(text)
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  const second = digitsAt(text, 17, 2)
  const millis = digitsAt(text, 20, 3)
  // NaN (a non-digit) fails every comparison below.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59 && millis >= 0)) {
    return UsageBody.parseTimestamp(text)
  }
  if (day > daysIn(year, month)) return null
  return Date.UTC(year, month - 1, day, hour, minute, second, millis)
}

/** An ISO-8601 date-time (offset `Z`, `±hh:mm` or none = UTC) as epoch ms. */
export const IsoMillis = Schema.transformOrFail(Schema.String, Schema.Number, {
  strict: true,
  decode: (text, _, ast) => {
    const millis = parseTime(text)
    return millis === null
      ? ParseResult.fail(new ParseResult.Type(ast, text, `expected an ISO-8601 time, got ${JSON.stringify(text)}`))
      : ParseResult.succeed(millis)
  },
  encode: (millis) => ParseResult.succeed(IsoTime.iso(millis))
})

const WindowLine = Schema.Struct({
  utilization: Schema.NullOr(Schema.Finite),
  resetsAt: Schema.NullOr(IsoMillis)
})

// Absent keys read as null (or no caps), so older or hand-written lines still import; present
// keys must have the right type.
const orNull = <A, I>(schema: Schema.Schema<A, I>) => Schema.optionalWith(Schema.NullOr(schema), { default: () => null })

/** One export line as JSON. */
export const JsonLine = Schema.Struct({
  profile: Profile.ProfileName,
  timestamp: IsoMillis,
  fiveHour: orNull(WindowLine),
  sevenDay: orNull(WindowLine),
  extraUsage: orNull(Schema.Struct({
    enabled: Schema.Boolean,
    usedCents: Schema.NullOr(Schema.Finite),
    limitCents: Schema.NullOr(Schema.Finite)
  })),
  caps: Schema.optionalWith(
    Schema.Array(Schema.Struct({ label: Schema.String, utilization: Schema.NullOr(Schema.Finite), resetsAt: Schema.NullOr(IsoMillis) })),
    { default: () => [] }
  ),
  tier: orNull(Schema.String)
})

const decodeLine = Schema.decodeUnknownEither(JsonLine, { onExcessProperty: "ignore" })

const reasonMax = 160
/** `text` on one line, at most 160 characters: the reason an import line is refused. */
export const oneLine = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim()
  return flat.length > reasonMax ? `${flat.slice(0, reasonMax - 1)}…` : flat
}

/** The first problem, with where it is: `fiveHour.utilization: Expected Finite, actual "x"`. */
export const firstIssue = (error: ParseResult.ParseError): string => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  if (issue === undefined) return "not an exported snapshot"
  const where = issue.path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("").replace(/^\./, "")
  return where === "" ? issue.message : `${where}: ${issue.message}`
}

// --- the common line, without a Schema run ---------------------------------------------------------
// A year of minute polls is half a million lines; the Schema path costs about 200 µs a line. A line
// with every key present and well typed is built directly; anything else (a missing key, a wrong
// type) takes the Schema path, which accepts a superset and explains what is wrong. For an import
// (`light`), the snapshot is a plain object of the classes' shape rather than instances: the ingest
// only reads its fields (see PollValues.lightPollOf), and building instances is most of a line's cost.

const isProfile = Schema.is(Profile.ProfileName)
const finiteOrNull = (value: unknown): value is number | null => value === null || (typeof value === "number" && Number.isFinite(value))
const fail = Symbol("fail")
const timeOf = (value: unknown): number | null | typeof fail =>
  value === null ? null : typeof value === "string" ? (parseTime(value) ?? fail) : fail

const quickWindow = (value: unknown, light: boolean): Usage.UsageWindow | null | typeof fail => {
  if (value === null) return null
  if (typeof value !== "object") return fail
  const { resetsAt, utilization } = value as Record<string, unknown>
  const at = timeOf(resetsAt)
  if (!finiteOrNull(utilization) || at === fail) return fail
  return light
    ? { utilization, resetsAt: at } as Usage.UsageWindow
    : new Usage.UsageWindow({ utilization, resetsAt: at }, { disableValidation: true })
}

const quickCaps = (value: unknown, light: boolean): Array<Usage.ModelCap> | typeof fail => {
  if (!Array.isArray(value)) return fail
  const caps: Array<Usage.ModelCap> = []
  for (const cap of value as Array<unknown>) {
    if (typeof cap !== "object" || cap === null) return fail
    const { label, resetsAt, utilization } = cap as Record<string, unknown>
    const at = timeOf(resetsAt)
    if (typeof label !== "string" || !finiteOrNull(utilization) || at === fail) return fail
    caps.push(
      light
        ? { label, utilization, resetsAt: at } as Usage.ModelCap
        : new Usage.ModelCap({ label, utilization, resetsAt: at }, { disableValidation: true })
    )
  }
  return caps
}

const quickExtra = (value: unknown, light: boolean): Usage.ExtraUsage | null | typeof fail => {
  if (value === null) return null
  if (typeof value !== "object") return fail
  const { enabled, limitCents, usedCents } = value as Record<string, unknown>
  if (typeof enabled !== "boolean" || !finiteOrNull(usedCents) || !finiteOrNull(limitCents)) return fail
  return light
    ? { enabled, usedCents, limitCents } as Usage.ExtraUsage
    : new Usage.ExtraUsage({ enabled, usedCents, limitCents }, { disableValidation: true })
}

const quickSnapshot = (json: Record<string, unknown>, light: boolean): Usage.UsageSnapshot | undefined => {
  const { caps, extraUsage, fiveHour, profile, sevenDay, tier, timestamp } = json
  const fetchedAt = timeOf(timestamp)
  const five = quickWindow(fiveHour, light)
  const seven = quickWindow(sevenDay, light)
  const extra = quickExtra(extraUsage, light)
  const capList = quickCaps(caps, light)
  if (
    !isProfile(profile) || fetchedAt === fail || fetchedAt === null || five === fail || seven === fail || extra === fail ||
    capList === fail || !(tier === null || typeof tier === "string")
  ) return undefined
  if (light) {
    return { profile, fetchedAt, source: "import", fiveHour: five, sevenDay: seven, caps: capList, extraUsage: extra, tier } as
      Usage.UsageSnapshot
  }
  return new Usage.UsageSnapshot({
    profile,
    fetchedAt,
    source: "import",
    fiveHour: five,
    sevenDay: seven,
    caps: capList,
    extraUsage: extra,
    tier
  }, { disableValidation: true })
}

/**
 * The snapshot of the export line `text` (its `lineNumber` is 1-based), marked `source: "import"`,
 * or why the line is not one. Unknown keys are ignored; a missing window, extra usage or tier
 * reads as `null`, missing caps as none.
 */
export const fromJsonLine = (text: string, lineNumber: number): Either.Either<Usage.UsageSnapshot, ImportLineInvalid> =>
  Either.flatMap(parseObject(text, lineNumber), (json) => snapshotOf(json, lineNumber, false))

/** The JSON object on the line `text`, or why it is none. */
export const parseObject = (text: string, lineNumber: number): Either.Either<Record<string, unknown>, ImportLineInvalid> => {
  const invalid = (reason: string) => Either.left(new ImportLineInvalid({ line: lineNumber, reason: oneLine(reason) }))
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    // Checked only here: trimming every good line would cost the import time.
    if (text.trim() === "") return invalid("empty line")
    return invalid(`not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return invalid("not a JSON object")
  return Either.right(json as Record<string, unknown>)
}

/**
 * The snapshot of a poll line's parsed `json` (see `fromJsonLine`). `light` builds plain objects
 * of the classes' shape for the import's ingest (see the section above); instances otherwise.
 */
export const snapshotOf = (
  json: Record<string, unknown>,
  lineNumber: number,
  light: boolean
): Either.Either<Usage.UsageSnapshot, ImportLineInvalid> => {
  const quick = quickSnapshot(json, light)
  if (quick !== undefined) return Either.right(quick)
  const invalid = (reason: string) => Either.left(new ImportLineInvalid({ line: lineNumber, reason: oneLine(reason) }))
  return Either.match(decodeLine(json), {
    onLeft: (error) => invalid(firstIssue(error)),
    onRight: (line) =>
      Either.right(
        new Usage.UsageSnapshot({
          profile: line.profile,
          fetchedAt: line.timestamp,
          source: "import",
          fiveHour: line.fiveHour === null ? null : new Usage.UsageWindow(line.fiveHour),
          sevenDay: line.sevenDay === null ? null : new Usage.UsageWindow(line.sevenDay),
          caps: line.caps.map((cap) => new Usage.ModelCap(cap)),
          extraUsage: line.extraUsage === null ? null : new Usage.ExtraUsage(line.extraUsage),
          tier: line.tier
        })
      )
  })
}

// --- CSV ----------------------------------------------------------------------------------------

/** The CSV export's header row (API.md B.4). */
export const csvHeader = "profile,timestamp,five_hour_util,five_hour_resets_at,seven_day_util,seven_day_resets_at"

/** One CSV field (RFC 4180): quoted, quotes doubled, when it holds a comma, quote or line break. */
export const csvField = (value: string | number | null): string => {
  if (value === null) return ""
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, "\"\"")}"` : text
}

/** The CSV row of `snapshot` under `csvHeader`; an unknown value is an empty field. */
export const toCsvRow = (snapshot: Usage.UsageSnapshot): string =>
  [
    snapshot.profile,
    iso(snapshot.fetchedAt),
    snapshot.fiveHour?.utilization ?? null,
    iso(snapshot.fiveHour?.resetsAt ?? null),
    snapshot.sevenDay?.utilization ?? null,
    iso(snapshot.sevenDay?.resetsAt ?? null)
  ].map(csvField).join(",")
