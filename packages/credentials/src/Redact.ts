// Keeping secrets out of anything a user or a log can see (SPEC §7).

/** What a secret is replaced with. */
export const placeholder = "[redacted]"

// Anthropic's secrets all start with `sk-ant-` (oat01 access, ort01 refresh, api03 keys, …).
const anthropicToken = /sk-ant-[A-Za-z0-9_-]+/g
// A bearer credential of any format, unless it is too short to be one ("Bearer token").
const bearerValue = /(?<=\bBearer\s+)[A-Za-z0-9._~+/=-]{12,}/g

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
