// Keeping secrets out of anything a user or a log can see (SPEC §7): THE one place tokens are
// redacted, used by every message that shows outside text.

/** What a secret is replaced with. */
export const placeholder = "[redacted]"

// Anthropic's secrets all start with `sk-ant-` (oat01 access, ort01 refresh, api03 keys, …).
const anthropicToken = /sk-ant-[A-Za-z0-9_-]*/gi
// A bearer credential of any format, unless it is too short to be one ("Bearer token").
const bearerValue = /(?<=\bBearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi

// A secret can appear raw, URL-encoded (form bodies, query strings) or JSON-escaped.
const formsOf = (secret: string): ReadonlyArray<string> => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]

const occurrences = (text: string, needle: string): Array<[number, number]> => {
  const found: Array<[number, number]> = []
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + 1)) {
    found.push([index, index + needle.length])
  }
  return found
}

const matches = (text: string, pattern: RegExp): Array<[number, number]> =>
  Array.from(text.matchAll(pattern), (match) => [match.index, match.index + match[0].length])

/**
 * `text` with every `sk-ant-…` token, every bearer credential and every given secret (raw,
 * URL-encoded or JSON-escaped) replaced by `[redacted]`. Overlapping matches merge into one
 * placeholder, so no part of a secret is left over whichever pattern found it; placeholders already
 * in the text are left alone, so redacting twice changes nothing. Empty secrets are ignored.
 */
export const redactSecrets = (text: string, secrets: ReadonlyArray<string> = []): string => {
  const protectedRanges = occurrences(text, placeholder)
  const ranges = [
    ...new Set(secrets.flatMap(formsOf).filter((secret) => secret.length > 0))
  ].flatMap((secret) => occurrences(text, secret))
  ranges.push(...matches(text, anthropicToken), ...matches(text, bearerValue))
  const kept = ranges
    .filter(([start, end]) => !protectedRanges.some(([from, to]) => start >= from && end <= to))
    .sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const [start, end] of kept) {
    const last = merged[merged.length - 1]
    if (last !== undefined && start < last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  let result = ""
  let position = 0
  for (const [start, end] of merged) {
    result += text.slice(position, start) + placeholder
    position = end
  }
  return result + text.slice(position)
}

// In text a server sent, "Bearer" followed by anything is taken for a credential, short or not.
const bearerPhrase = /\bBearer\s+(?:\[redacted\]|[A-Za-z0-9._~+/=-]+)/gi

/**
 * Like {@link redactSecrets}, for text from outside (a response body): also every "Bearer …" phrase,
 * whatever follows it, is replaced whole.
 */
export const redactUntrusted = (text: string, secrets: ReadonlyArray<string> = []): string =>
  redactSecrets(text, secrets).replace(bearerPhrase, placeholder)

/** `text` on one line: each run of whitespace or control characters becomes one space. */
// eslint-disable-next-line no-control-regex
export const oneLine = (text: string): string => text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim()

/** What a message may show of outside text (a URL, a body excerpt): one line, never a secret. */
export const shown = (text: string): string => oneLine(redactUntrusted(text))

/**
 * A failure's text as a terminal may print it: secrets redacted, stack-trace lines dropped, the
 * rest on one line — the last line of defence behind messages that are already clean.
 */
export const printable = (text: string): string =>
  shown(redactSecrets(text).split(/\r?\n/).filter((line) => !line.trim().startsWith("at ")).join("\n"))
