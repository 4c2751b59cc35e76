// Preferences: the config file's keys, their ranges and defaults, and one-line validation (SPEC §6, API.md B.6).
import { Either, ParseResult, Schema } from "effect"
import { ProfileName } from "./Profile.js"

// Ranges and defaults of the integer keys (SPEC §6), shared by the schema and the `keys` table.
const pollInterval = { min: 60, max: 1800, default: 180 } as const
const warning = { min: 6, max: 50, default: 20 } as const
const critical = { min: 1, max: 49, default: 5 } as const
const retention = { min: 30, max: 1825, default: 365 } as const
const concurrency = { min: 1, max: 16, default: 4 } as const

const isLoopbackHost = (host: string): boolean =>
  host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host)

/**
 * Whether a webhook URL is acceptable: `https://` with a host, or plain `http://` on a loopback
 * address only (tests and the demo; SPEC §7, API.md B.1). Parsed by hand: core has no `URL` global.
 */
export const isWebhookUrl = (text: string): boolean => {
  const match = /^(https?):\/\/([^/?#\s]+)([/?#]\S*)?$/i.exec(text)
  if (match === null) return false
  const authority = match[2] ?? ""
  const hostPort = authority.slice(authority.lastIndexOf("@") + 1)
  const hostMatch = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.exec(hostPort)
  if (hostMatch === null) return false
  const host = (hostMatch[1] ?? "").toLowerCase()
  return (match[1] ?? "").toLowerCase() === "https" || isLoopbackHost(host)
}

const intIn = (range: { readonly min: number; readonly max: number }) =>
  Schema.Int.pipe(Schema.between(range.min, range.max))
const withDefault = <S extends Schema.Schema.All>(schema: S, value: Schema.Schema.Type<S>) =>
  Schema.optionalWith(schema, { default: () => value })
const PositiveInt = Schema.Int.pipe(Schema.positive())
const WebhookUrl = Schema.String.pipe(Schema.filter(isWebhookUrl, { message: () => "an https:// URL" }))

const fields = {
  pollIntervalSeconds: withDefault(intIn(pollInterval), pollInterval.default),
  warningThreshold: withDefault(intIn(warning), warning.default),
  criticalThreshold: withDefault(intIn(critical), critical.default),
  apiStatusAlerts: withDefault(Schema.Boolean, true),
  extraUsageAlerts: withDefault(Schema.Boolean, true),
  predictiveAlerts: withDefault(Schema.Boolean, true),
  retentionDays: withDefault(intIn(retention), retention.default),
  customCredits5h: Schema.optionalWith(PositiveInt, { exact: true }),
  customCredits7d: Schema.optionalWith(PositiveInt, { exact: true }),
  launchAtLogin: withDefault(Schema.Boolean, false),
  activeProfile: Schema.optionalWith(ProfileName, { exact: true }),
  webhookUrl: Schema.optionalWith(WebhookUrl, { exact: true }),
  concurrency: withDefault(intIn(concurrency), concurrency.default),
  refreshClaudeCodeLogin: withDefault(Schema.Boolean, true)
}

/**
 * The user's preferences: the config file's keys (SPEC §6). Missing keys take their defaults;
 * the warning threshold stays above the critical one. Encodes to the file's JSON object.
 */
export class Preferences extends Schema.Class<Preferences>("Preferences")(
  Schema.Struct(fields).pipe(
    Schema.filter((p) => p.criticalThreshold < p.warningThreshold, {
      message: () => "criticalThreshold must be below warningThreshold"
    })
  )
) {}

/** Every preference at its default. */
export const defaults: Preferences = new Preferences({})

/** A preference's name. */
export type Key = keyof typeof fields

/** How a preference's value is written: integer, `true`/`false`, URL or profile name. */
export type KeyType = "integer" | "boolean" | "url" | "profile"

/** What `config list` and a settings UI show about one preference. */
export interface KeyInfo {
  readonly name: Key
  readonly type: KeyType
  /** Whether the key may be unset (it then has no value rather than a default). */
  readonly optional: boolean
  /** The default; absent for optional keys, which default to unset. */
  readonly default?: number | boolean
  readonly min?: number
  readonly max?: number
  /** The allowed values in words, e.g. "6–50". */
  readonly allowed: string
  readonly description: string
}

const integer = (name: Key, range: { readonly min: number; readonly max: number; readonly default: number }, description: string): KeyInfo => ({
  name, type: "integer", optional: false, default: range.default, min: range.min, max: range.max,
  allowed: `${range.min}–${range.max}`, description
})
const boolean = (name: Key, value: boolean, description: string): KeyInfo => ({
  name, type: "boolean", optional: false, default: value, allowed: "true or false", description
})
const credits = (name: Key, description: string): KeyInfo => ({
  name, type: "integer", optional: true, min: 1, allowed: "a whole number ≥ 1, or unset", description
})

/** Every preference, in the order of the config file and of validation. */
export const keys: ReadonlyArray<KeyInfo> = [
  integer("pollIntervalSeconds", pollInterval, "Seconds between usage polls; the endpoint throttles at about one request per two minutes."),
  integer("warningThreshold", warning, "Headroom % below which a warning notification fires; must stay above criticalThreshold."),
  integer("criticalThreshold", critical, "Headroom % below which a critical notification fires; must stay below warningThreshold."),
  boolean("apiStatusAlerts", true, "Notify when the Claude API becomes unreachable and when it is back."),
  boolean("extraUsageAlerts", true, "Notify when extra usage starts and at 50/75/90 % of its monthly limit."),
  boolean("predictiveAlerts", true, "Notify once per window when it will run out before it resets (at least 30 minutes ahead)."),
  integer("retentionDays", retention, "Days of usage history to keep (30 days to 5 years)."),
  credits("customCredits5h", "5-hour credit limit to use when the subscription tier is unknown."),
  credits("customCredits7d", "7-day credit limit to use when the subscription tier is unknown."),
  boolean("launchAtLogin", false, "Start the tray app when you log in."),
  {
    name: "activeProfile", type: "profile", optional: true,
    allowed: "a profile name, or unset", description: "The profile the menu-bar title follows; unset means 'default'."
  },
  {
    name: "webhookUrl", type: "url", optional: true,
    allowed: "an https:// URL (http:// only on loopback), or unset", description: "Slack/Discord-compatible webhook that also receives notifications."
  },
  integer("concurrency", concurrency, "How many profiles are polled at once."),
  boolean(
    "refreshClaudeCodeLogin",
    true,
    "Refresh Claude Code's login when its token has expired; false leaves that to Claude Code (open it to refresh)."
  )
]

/** Whether a string names a preference. */
export const isKey = (name: string): name is Key => keys.some((info) => info.name === name)

/** A preference's current value; `undefined` when an optional key is unset. */
export const valueOf = (prefs: Preferences, key: Key): number | boolean | string | undefined => prefs[key]

/** A value as `config get` prints it: `unset` for an optional key without one. */
export const valueText = (value: number | boolean | string | undefined): string => (value === undefined ? "unset" : String(value))

/** Every key with its value, `null` when unset: what `config list --json` prints. */
export const document = (prefs: Preferences): Record<Key, number | boolean | string | null> =>
  Object.fromEntries(keys.map((info) => [info.name, valueOf(prefs, info.name) ?? null])) as Record<Key, number | boolean | string | null>

/**
 * One aligned line per key: value, default and allowed range. A webhook URL carries its secret in
 * its path, so a list only says it is set (`config get webhookUrl` shows it).
 */
export const listLines = (prefs: Preferences): ReadonlyArray<string> => {
  const width = Math.max(...keys.map((info) => info.name.length))
  return keys.map((info) => {
    const raw = valueOf(prefs, info.name)
    const value = info.type === "url" && raw !== undefined ? "set" : valueText(raw)
    const fallback = info.default === undefined ? "" : `default ${info.default}; `
    return `${info.name.padEnd(width)}  ${value.padEnd(6)}  (${fallback}allowed ${info.allowed})`
  })
}

/**
 * A config file or `config set` value that cannot be used. `key` is the key at fault, `null`
 * when the whole document is wrong; `message` is one line naming the key, the value and the
 * allowed range.
 */
export class PreferencesInvalid extends Schema.TaggedError<PreferencesInvalid>()("PreferencesInvalid", {
  key: Schema.NullOr(Schema.String),
  message: Schema.String
}) {}

// Shows a value in a message on one short line; a hostile value never floods the terminal.
const show = (value: unknown): string => {
  if (typeof value === "string") {
    const quoted = JSON.stringify(value)
    return quoted.length > 42 ? `${quoted.slice(0, 40)}…"` : quoted
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value)
  if (Array.isArray(value)) return "an array"
  return typeof value === "object" ? "an object" : `a ${typeof value}`
}

const defaultText = (info: KeyInfo): string => (info.default === undefined ? "unset" : String(info.default))

// The problem with one key's value, or undefined when it is acceptable.
const problemOf = (info: KeyInfo, value: unknown): string | undefined => {
  const prefix = `${info.name} = ${show(value)}`
  const help = `allowed ${info.allowed} (default ${defaultText(info)})`
  switch (info.type) {
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) return `${prefix} is not a whole number: ${help}`
      if ((info.min !== undefined && value < info.min) || (info.max !== undefined && value > info.max)) {
        return `${prefix} is out of range: ${help}`
      }
      return undefined
    case "boolean":
      return typeof value === "boolean" ? undefined : `${prefix} is not true or false (default ${defaultText(info)})`
    case "url":
      // The URL is not echoed: webhook URLs carry a secret in their path.
      return typeof value === "string" && isWebhookUrl(value)
        ? undefined
        : `${info.name} must be an https:// URL (plain http:// only on a loopback address)`
    case "profile":
      return Schema.is(ProfileName)(value)
        ? undefined
        : `${prefix} is not a profile name: 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit`
  }
}

const invalid = (key: string | null, message: string) => Either.left(new PreferencesInvalid({ key, message }))

const describeDocument = (input: unknown): string =>
  input === null ? "null" : Array.isArray(input) ? "an array" : `a ${typeof input}`

/**
 * Validates a config document. Missing keys take their defaults, unknown keys are ignored (other
 * programs may write the file), `null` unsets an optional key. The first problem in key order is
 * reported, so the same file always gives the same message.
 */
export const decode = (input: unknown): Either.Either<Preferences, PreferencesInvalid> => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return invalid(null, `the config must be a JSON object of settings, such as {"warningThreshold": 20}; got ${describeDocument(input)}`)
  }
  const values: Record<string, unknown> = {}
  for (const info of keys) {
    const value = Object.prototype.hasOwnProperty.call(input, info.name)
      ? (input as Record<string, unknown>)[info.name]
      : undefined
    if (value === undefined || (value === null && info.optional)) continue
    const problem = problemOf(info, value)
    if (problem !== undefined) return invalid(info.name, problem)
    values[info.name] = value
    if (info.name === "criticalThreshold") {
      const warningValue = (values.warningThreshold as number | undefined) ?? warning.default
      if ((value as number) >= warningValue) {
        return invalid(info.name, `criticalThreshold (${show(value)}) must be below warningThreshold (${warningValue})`)
      }
    }
  }
  // Each key is checked above; the schema's own check stays as a safety net, still one line.
  return Schema.decodeUnknownEither(Preferences)(values).pipe(
    Either.mapLeft((error) =>
      new PreferencesInvalid({ key: null, message: ParseResult.TreeFormatter.formatErrorSync(error).replace(/\s+/g, " ") })
    )
  )
}

/** The config file's JSON object for some preferences (unset optional keys are omitted). */
export const encode = (prefs: Preferences): Schema.Schema.Encoded<typeof Preferences> => Schema.encodeSync(Preferences)(prefs)

const numberLiteral = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

// A command-line string in the key's type; text that does not parse stays text, so the message shows it.
const parseRaw = (info: KeyInfo, text: string): unknown => {
  switch (info.type) {
    case "integer":
      return numberLiteral.test(text) ? Number(text) : text
    case "boolean": {
      const lower = text.toLowerCase()
      return lower === "true" ? true : lower === "false" ? false : text
    }
    case "url":
    case "profile":
      return text
  }
}

/**
 * `config set KEY VALUE`: parses `raw` into the key's type ("true"/"false", whole numbers, URLs,
 * profile names) and validates the result like a file. `unset` or an empty value returns the key
 * to its default (optional keys: no value). An unknown key is rejected with the list of keys.
 */
export const setValue = (prefs: Preferences, key: string, raw: string): Either.Either<Preferences, PreferencesInvalid> => {
  const info = keys.find((candidate) => candidate.name === key)
  if (info === undefined) {
    // A typo is echoed for the user to spot, but never a control character (terminal escapes).
    const shown = [...key.slice(0, 40)].map((c) => (c < " " || c === "\u007f" ? "?" : c)).join("")
    return invalid(key, `unknown key '${shown}' — known keys: ${keys.map((k) => k.name).join(", ")}`)
  }
  const text = raw.trim()
  const next: Record<string, unknown> = { ...encode(prefs) }
  if (text === "" || text.toLowerCase() === "unset") delete next[info.name]
  else next[info.name] = parseRaw(info, text)
  return decode(next)
}
