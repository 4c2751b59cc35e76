// Deterministic hostile JSON for the reliability suite: wrong types, nulls everywhere, huge,
// negative and NaN-like numbers, unknown kinds, deep nesting, megabyte strings, HTML, truncation.

/** A small seeded generator (mulberry32): the same seed gives the same inputs on every run. */
export const random = (seed: number) => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, pick: <A>(items: ReadonlyArray<A>): A => items[Math.floor(next() * items.length)]! }
}

const oddValues: ReadonlyArray<unknown> = [
  null, true, false, 0, -1, -0.5, 1e308, -1e308, 5e-324, 2 ** 53 + 1, "NaN", "Infinity", "-1", "15", "", " ", "null",
  [], {}, [null], { utilization: null }, "2026-13-45T99:99:99Z", "1770850000", 1770850000, "<b>x</b>", "\u0000", "\ud800"
]

/** A value of any JSON type, nested up to `depth`. */
export const anyValue = (rng: ReturnType<typeof random>, depth = 3): unknown => {
  const roll = rng.next()
  if (depth <= 0 || roll < 0.5) return rng.pick(oddValues)
  if (roll < 0.75) return Array.from({ length: Math.floor(rng.next() * 4) }, () => anyValue(rng, depth - 1))
  const keys = ["utilization", "resets_at", "kind", "percent", "scope", "model", "display_name", "is_enabled", "monthly_limit", "used_credits", "x"]
  return Object.fromEntries(Array.from({ length: Math.floor(rng.next() * 5) }, () => [rng.pick(keys), anyValue(rng, depth - 1)]))
}

/** A document shaped like `valid`, with some keys replaced by hostile values or removed. */
export const mutate = (rng: ReturnType<typeof random>, valid: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(valid)) {
    const roll = rng.next()
    if (roll < 0.15) continue
    if (roll < 0.5) out[key] = anyValue(rng)
    else if (roll < 0.65 && typeof value === "object" && value !== null && !Array.isArray(value)) {
      out[key] = mutate(rng, value as Record<string, unknown>)
    } else out[key] = value
  }
  if (rng.next() < 0.2) out[`iguana_${Math.floor(rng.next() * 100)}`] = anyValue(rng)
  return out
}

/**
 * The text of hostile document number `index` built around `valid`: mostly mutated documents,
 * and among them truncated JSON, HTML, deep nesting, a megabyte string (every 500th), not-objects.
 */
export const hostileText = (rng: ReturnType<typeof random>, valid: Record<string, unknown>, index: number): string => {
  if (index % 500 === 499) return JSON.stringify({ ...valid, five_hour: { utilization: 1, resets_at: "x".repeat(1_048_576) } })
  const kind = index % 10
  if (kind === 0) {
    const text = JSON.stringify(mutate(rng, valid))
    return text.slice(0, Math.floor(rng.next() * text.length))
  }
  if (kind === 1) return rng.pick(["<html><body>502 Bad Gateway</body></html>", "<!DOCTYPE html><title>Just a moment...</title>", "", "\ufeff", "{"])
  if (kind === 2) {
    const depth = 10 + Math.floor(rng.next() * 20_000)
    return `{"five_hour":${"[".repeat(depth)}${"]".repeat(depth)}}`
  }
  if (kind === 3) return JSON.stringify(anyValue(rng, 4))
  return JSON.stringify(mutate(rng, valid))
}
