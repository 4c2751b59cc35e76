// The usage endpoint's body (API.md A.1), decoded tolerantly into a UsageSnapshot (SPEC §1.4).
import { Either, Schema } from "effect"
import type { ProfileName } from "./Profile.js"
import * as Redact from "./Redact.js"
import { ExtraUsage, ModelCap, UsageSnapshot, UsageWindow } from "./Usage.js"

// A value of the wrong type reads as null, so one odd field never costs the rest of the body (SPEC §1.4).
const orNull = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.NullOr(schema).annotations({ decodingFallback: () => Either.right(null) })
const lenient = <A, I>(schema: Schema.Schema<A, I>) => Schema.optional(orNull(schema))

/** One window on the wire; `utilization` is percent used, finite, and may exceed 100. */
export const WindowBody = Schema.Struct({
  utilization: lenient(Schema.Finite),
  resets_at: lenient(Schema.String)
})
/** @see WindowBody */
export type WindowBody = typeof WindowBody.Type

/** `extra_usage` on the wire: `monthly_limit` and `used_credits` are cents; `utilization` has no known scale. */
export const ExtraUsageBody = Schema.Struct({
  is_enabled: lenient(Schema.Boolean),
  monthly_limit: lenient(Schema.Finite),
  used_credits: lenient(Schema.Finite),
  utilization: lenient(Schema.Finite)
})
/** @see ExtraUsageBody */
export type ExtraUsageBody = typeof ExtraUsageBody.Type

/** What a `limits[]` entry applies to; only the model's display name is used. */
export const LimitScopeBody = Schema.Struct({
  model: lenient(Schema.Struct({ id: lenient(Schema.String), display_name: lenient(Schema.String) })),
  surface: lenient(Schema.String)
})
/** @see LimitScopeBody */
export type LimitScopeBody = typeof LimitScopeBody.Type

/** One `limits[]` entry; `kind` is an open set (`session`, `weekly_all`, `weekly_scoped`, …). */
export const LimitBody = Schema.Struct({
  kind: lenient(Schema.String),
  group: lenient(Schema.String),
  percent: lenient(Schema.Finite),
  severity: lenient(Schema.String),
  resets_at: lenient(Schema.String),
  scope: lenient(LimitScopeBody),
  is_active: lenient(Schema.Boolean)
})
/** @see LimitBody */
export type LimitBody = typeof LimitBody.Type

/** The whole body. Every field is optional, a junk value reads as null, unknown keys are ignored. */
export const UsageBodySchema = Schema.Struct({
  five_hour: lenient(WindowBody),
  seven_day: lenient(WindowBody),
  seven_day_sonnet: lenient(WindowBody),
  seven_day_opus: lenient(WindowBody),
  seven_day_oauth_apps: lenient(WindowBody),
  extra_usage: lenient(ExtraUsageBody),
  limits: lenient(Schema.Array(orNull(LimitBody)))
})
/** @see UsageBodySchema */
export type UsageBodySchema = typeof UsageBodySchema.Type

// --- resets_at ---------------------------------------------------------------------------------

const timestampPattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)?$/
const msPerMinute = 60_000
// Date.UTC reads years 0–99 as 1900–1999; shifting by one 400-year Gregorian cycle avoids that.
const msPer400Years = 146_097 * 86_400_000

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/**
 * Epoch ms of an ISO-8601 date-time: fractional seconds of any length (truncated to ms), offset
 * `Z`, `±hh:mm`, `±hhmm`, `±hh` or none (= UTC). Anything else, or an impossible date, is `null`.
 */
export const parseTimestamp = (text: string): number | null => {
  const match = timestampPattern.exec(text.trim())
  if (match === null) return null
  const at = (index: number, fallback = 0): number => {
    const part = match[index]
    return part === undefined ? fallback : Number(part)
  }
  const [year, month, day, hour, minute, second] = [at(1), at(2), at(3), at(4), at(5), at(6)]
  const millis = Number(((match[7] ?? "") + "000").slice(0, 3))
  const offset = (at(9) * 60 + at(10)) * (match[8] === "-" ? -1 : 1)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (hour > 23 || minute > 59 || second > 59 || at(9) > 23 || at(10) > 59) return null
  const shift = year < 100 ? 400 : 0
  const utc = Date.UTC(year + shift, month - 1, day, hour, minute, second, millis) - (shift / 400) * msPer400Years
  return utc - offset * msPerMinute
}

// --- errors ------------------------------------------------------------------------------------

const excerptMax = 80

/** Why a body could not be read as usage data. */
export const InvalidReason = Schema.Literal("not_json", "not_an_object", "empty")
/** @see InvalidReason */
export type InvalidReason = typeof InvalidReason.Type

/**
 * The usage endpoint answered with something that is not usage data (an HTML error page, a JSON
 * array, nothing). `excerpt` is a short, token-free, one-line glimpse of it; `html` says the
 * excerpt is an HTML page's visible text. Treated as *disconnected* (SPEC §1.5).
 */
export class UsageBodyInvalid extends Schema.TaggedError<UsageBodyInvalid>()("UsageBodyInvalid", {
  reason: InvalidReason,
  excerpt: Schema.String,
  html: Schema.optionalWith(Schema.Boolean, { default: () => false })
}) {
  override get message(): string {
    if (this.reason === "empty") return "Claude API answered with an empty body instead of usage data — will retry"
    const kind = this.reason === "not_an_object" ? "JSON but not an object" : this.html ? "HTML" : "not JSON"
    // Re-clean here too: an error built elsewhere must still read as one short, token-free line.
    const shown = shorten(collapse(redact(this.excerpt)))
    return `Claude API answered with a body that is not usage data (${kind}: "${shown}") — will retry`
  }
}

// Only the start of a body is looked at: a 5 MB page costs no more than a 16 kB one.
const scanLimit = 16_384
const hiddenElements = new Set(["head", "title", "script", "style", "noscript", "template"])
const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " }

const redact = Redact.redactUntrusted

// Control characters would break the one-line message; strip them with the whitespace.
// eslint-disable-next-line no-control-regex
const collapse = (text: string): string => text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim()

const shorten = (text: string): string => {
  if (text.length <= excerptMax) return text
  const cut = text.slice(0, excerptMax - 1)
  // Never leave half of a surrogate pair at the cut.
  return (/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut) + "…"
}

const looksLikeHtml = (text: string): boolean => /^\s*</.test(text) || /<(?:!doctype|html|head|body)\b/i.test(text)

const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return entities[name.toLowerCase()] ?? whole
  })

// What a browser would show: tags, comments and hidden elements dropped. One forward pass, so a
// hostile page cannot make it slow.
const visibleText = (html: string): string => {
  const lower = html.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) // same length as html
  const parts: Array<string> = []
  let index = 0
  while (index < html.length) {
    const open = html.indexOf("<", index)
    if (open === -1) {
      parts.push(html.slice(index))
      break
    }
    parts.push(html.slice(index, open), " ")
    if (lower.startsWith("<!--", open)) {
      const end = lower.indexOf("-->", open + 4)
      index = end === -1 ? html.length : end + 3
      continue
    }
    const close = html.indexOf(">", open)
    if (close === -1) break
    index = close + 1
    const name = /^<([a-z][a-z0-9-]*)/.exec(lower.slice(open, Math.min(close, open + 32)))?.[1]
    if (name !== undefined && hiddenElements.has(name)) {
      const end = lower.indexOf(`</${name}`, index)
      const after = end === -1 ? -1 : html.indexOf(">", end)
      index = after === -1 ? html.length : after + 1
    }
  }
  return decodeEntities(parts.join(""))
}

const plainExcerpt = (text: string): string => shorten(collapse(redact(text.trimStart().slice(0, scanLimit))))

const excerptOf = (text: string): { readonly excerpt: string; readonly html: boolean } => {
  const start = text.trimStart().slice(0, scanLimit)
  const html = looksLikeHtml(start)
  return { excerpt: html ? shorten(collapse(redact(visibleText(start)))) : plainExcerpt(start), html }
}

const describe = (json: unknown): string => {
  if (typeof json === "string") return JSON.stringify(json.slice(0, scanLimit))
  if (Array.isArray(json)) return `[… ${json.length} items]`
  return typeof json === "object" || typeof json === "function" ? typeof json : String(json)
}

// --- decoding ----------------------------------------------------------------------------------

/** What the caller knows about a body beyond the body itself. */
export interface DecodeContext {
  readonly profile: ProfileName
  readonly fetchedAt: number
  readonly tier: string | null
}

const windowOf = (body: WindowBody | null | undefined): UsageWindow | null =>
  body == null ? null : new UsageWindow({
    utilization: body.utilization ?? null,
    resetsAt: body.resets_at == null ? null : parseTimestamp(body.resets_at)
  })

const legacyCaps = [["seven_day_sonnet", "Sonnet"], ["seven_day_opus", "Opus"], ["seven_day_oauth_apps", "OAuth apps"]] as const

// weekly_scoped entries are labelled by model, "Model" when it has no name; is_active is not a
// filter (SPEC §1.4).
const scopedCapOf = (limit: LimitBody | null): ModelCap | null => {
  if (limit?.kind !== "weekly_scoped") return null
  const name = limit.scope?.model?.display_name?.trim() ?? ""
  return new ModelCap({
    label: name === "" ? "Model" : name,
    utilization: limit.percent ?? null,
    resetsAt: limit.resets_at == null ? null : parseTimestamp(limit.resets_at)
  })
}

const capsOf = (body: UsageBodySchema): ReadonlyArray<ModelCap> => {
  const scoped = (body.limits ?? []).flatMap((limit) => scopedCapOf(limit) ?? [])
  const scopedLabels = new Set(scoped.map((cap) => cap.label.toLowerCase()))
  const legacy = legacyCaps.flatMap(([key, label]) => {
    const window = windowOf(body[key])
    // The same cap can arrive both ways; limits[] is the newer source, so it wins.
    if (window === null || scopedLabels.has(label.toLowerCase())) return []
    return [new ModelCap({ label, utilization: window.utilization, resetsAt: window.resetsAt })]
  })
  return [...legacy, ...scoped]
}

// Without a boolean is_enabled we cannot tell whether extra usage is on, so the object is junk.
const extraUsageOf = (body: ExtraUsageBody | null | undefined): ExtraUsage | null =>
  body == null || body.is_enabled == null ? null : new ExtraUsage({
    enabled: body.is_enabled,
    usedCents: body.used_credits ?? null,
    limitCents: body.monthly_limit ?? null
  })


const decodeBody = Schema.decodeUnknownEither(UsageBodySchema)

const fromJson = (
  json: unknown,
  context: DecodeContext,
  excerpt: () => string
): Either.Either<UsageSnapshot, UsageBodyInvalid> => {
  const notAnObject = () => new UsageBodyInvalid({ reason: "not_an_object", excerpt: excerpt() })
  if (typeof json !== "object" || json === null || Array.isArray(json)) return Either.left(notAnObject())
  return Either.mapBoth(decodeBody(json), {
    onLeft: notAnObject,
    onRight: (body) =>
      new UsageSnapshot({
        profile: context.profile,
        fetchedAt: context.fetchedAt,
        source: "api",
        fiveHour: windowOf(body.five_hour),
        sevenDay: windowOf(body.seven_day),
        caps: capsOf(body),
        extraUsage: extraUsageOf(body.extra_usage),
        tier: context.tier
      })
  })
}

/** Decodes an already-parsed body; `undefined` is `empty`, any non-object `not_an_object`. */
export const decodeUnknown = (json: unknown, context: DecodeContext): Either.Either<UsageSnapshot, UsageBodyInvalid> =>
  json === undefined
    ? Either.left(new UsageBodyInvalid({ reason: "empty", excerpt: "" }))
    : fromJson(json, context, () => plainExcerpt(describe(json)))

/**
 * Decodes the text of a usage response into a snapshot (source `api`). Never throws: a body
 * that is empty, not JSON (an HTML error page) or not a JSON object is a `UsageBodyInvalid`.
 */
export const decode = (text: string, context: DecodeContext): Either.Either<UsageSnapshot, UsageBodyInvalid> => {
  const body = text.startsWith("\ufeff") ? text.slice(1) : text
  if (/^\s*$/.test(body)) return Either.left(new UsageBodyInvalid({ reason: "empty", excerpt: "" }))
  // JSON.parse may also throw RangeError on absurd nesting; any throw means "not JSON".
  return Either.try(() => JSON.parse(body) as unknown).pipe(
    Either.mapLeft(() => new UsageBodyInvalid({ reason: "not_json", ...excerptOf(body) })),
    Either.flatMap((json) => fromJson(json, context, () => plainExcerpt(body)))
  )
}
