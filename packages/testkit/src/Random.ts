// Deterministic randomness as a stateless hash, so any instant of simulated time can be computed on its own.

const fold = (n: number): number => (n | 0) ^ Math.floor(n / 4_294_967_296)

// murmur3's 32-bit finaliser: every input bit affects every output bit.
const fmix = (value: number): number => {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85eb_ca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2_ae35)
  h ^= h >>> 16
  return h >>> 0
}

const step = (h: number, part: number): number => fmix(h + Math.imul(fold(part), 0xcc9e_2d51))

/** A 32-bit hash of a seed and up to three integers (each may exceed 32 bits, e.g. epoch minutes). */
export const hash = (seed: number, a: number, b?: number, c?: number): number => {
  let h = step(fmix(fold(seed) ^ 0x9e37_79b9), a)
  if (b !== undefined) h = step(h, b)
  if (c !== undefined) h = step(h, c)
  return h
}

/** A number in [0, 1) from a seed and up to three integers. */
export const unit = (seed: number, a: number, b?: number, c?: number): number => hash(seed, a, b, c) / 4_294_967_296

/** A small sequential generator (mulberry32) for building one week or month of the model at a time. */
export const sequence = (seed: number): (() => number) => {
  let state = hash(seed, 0x5eed) | 0
  return () => {
    state = (state + 0x6d2b_79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
