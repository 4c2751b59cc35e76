// Polls as flat column values: batched inserts bind them, reset detection and rollups read them
// back without building a snapshot instance per row (a year of polls passes through here).
import type { Usage } from "@cchdrm/core"

/** The columns `lightPollOf` reads, in its order. */
export const lightColumns = "profile_id, fetched_at, has_five_hour, five_hour_util, five_hour_resets_at, " +
  "has_seven_day, seven_day_util, seven_day_resets_at, tier"

const num = (value: unknown): number | null => (typeof value === "number" ? value : null)

const lightWindow = (present: unknown, utilization: unknown, resetsAt: unknown): Usage.UsageWindow | null =>
  present === 0 ? null : ({ utilization: num(utilization), resetsAt: num(resetsAt) }) as Usage.UsageWindow

/**
 * A poll for rollups and reset detection from the values of `lightColumns`: times, windows and
 * tier only (no caps, no extra usage, source `api`). A plain object of the class's shape, not an
 * instance: those two only read fields, and a year of polls passes through here (an instance costs
 * microseconds to build). A damaged number reads as unknown, which both consumers ignore.
 */
export const lightPollOf = (values: ReadonlyArray<unknown>): Usage.UsageSnapshot =>
  ({
    profile: values[0],
    fetchedAt: values[1],
    source: "api",
    fiveHour: lightWindow(values[2], values[3], values[4]),
    sevenDay: lightWindow(values[5], values[6], values[7]),
    caps: [],
    extraUsage: null,
    tier: typeof values[8] === "string" ? values[8] : null
  }) as Usage.UsageSnapshot

/** The columns `rollupPollOf` reads, in its order: only what a rollup uses. */
export const rollupColumns = "fetched_at, has_five_hour, five_hour_util, has_seven_day, seven_day_util"

/** A poll of `profile` for rollups from the values of `rollupColumns` (see `lightPollOf`). */
export const rollupPollOf = (profile: string) => (values: ReadonlyArray<unknown>): Usage.UsageSnapshot =>
  ({
    profile: profile as Usage.UsageSnapshot["profile"],
    fetchedAt: values[0],
    source: "api",
    fiveHour: lightWindow(values[1], values[2], null),
    sevenDay: lightWindow(values[3], values[4], null),
    caps: [],
    extraUsage: null,
    tier: null
  }) as Usage.UsageSnapshot

/** The columns of `usage_polls` in `pushPollValues`' order. */
export const pollColumns = [
  "profile_id", "fetched_at", "source", "has_five_hour", "five_hour_util", "five_hour_resets_at", "has_seven_day",
  "seven_day_util", "seven_day_resets_at", "extra_enabled", "extra_used_cents", "extra_limit_cents", "caps", "tier"
] as const

/** `pollRowOf` (HistoryRows) as values in `pollColumns` order, appended to `into` (batched inserts bind one flat list). */
export const pushPollValues = (into: Array<unknown>, snapshot: Usage.UsageSnapshot): void => {
  const { extraUsage: extra, fiveHour: five, sevenDay: seven } = snapshot
  into.push(
    snapshot.profile,
    snapshot.fetchedAt,
    snapshot.source,
    five === null ? 0 : 1,
    five?.utilization ?? null,
    five?.resetsAt ?? null,
    seven === null ? 0 : 1,
    seven?.utilization ?? null,
    seven?.resetsAt ?? null,
    extra === null ? null : extra.enabled ? 1 : 0,
    extra?.usedCents ?? null,
    extra?.limitCents ?? null,
    snapshot.caps.length === 0 ? "[]" : JSON.stringify(snapshot.caps),
    snapshot.tier
  )
}

// NaN stands for null in the number columns below: an imported or stored value is never NaN
// (JSON has none, and `lightPollOf` reads a damaged one as unknown).
const orNaN = (value: number | null | undefined): number => value ?? Number.NaN
const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value)
const noCaps: ReadonlyArray<Usage.ModelCap> = []
const blockSize = 65_536
// The stand-in for null among repeating numbers (NaN is never equal to itself, so it would never repeat).
const key = (value: number | null | undefined): number => value ?? Number.NEGATIVE_INFINITY

/** A growing column of numbers in fixed blocks: no copy on growth, 8 bytes a value. */
class Numbers {
  private readonly blocks: Array<Float64Array> = []
  length = 0
  push(value: number): void {
    const offset = this.length % blockSize
    if (offset === 0) this.blocks.push(new Float64Array(blockSize))
    this.blocks[this.blocks.length - 1]![offset] = value
    this.length++
  }
  get(index: number): number {
    return this.blocks[Math.floor(index / blockSize)]![index % blockSize]!
  }
}

/** A growing column of bytes in fixed blocks. */
class Bytes {
  private readonly blocks: Array<Uint8Array> = []
  length = 0
  push(value: number): void {
    const offset = this.length % blockSize
    if (offset === 0) this.blocks.push(new Uint8Array(blockSize))
    this.blocks[this.blocks.length - 1]![offset] = value
    this.length++
  }
  get(index: number): number {
    return this.blocks[Math.floor(index / blockSize)]![index % blockSize]!
  }
}

/** A column of values that mostly repeat: stored only when they change (`push` says whether). */
class Repeats<A> {
  readonly changes: Array<A> = []
  push(value: A, first: boolean): boolean {
    if (!first && value === this.changes[this.changes.length - 1]) return false
    this.changes.push(value)
    return true
  }
  /** The `index`th change. */
  get(index: number): A {
    return this.changes[index]!
  }
}

/** Repeating numbers (see `Repeats`) in blocks: a value that changes every poll costs 8 bytes. */
class RepeatedNumbers {
  private readonly changes = new Numbers()
  private last = Number.NaN
  push(value: number, first: boolean): boolean {
    if (!first && value === this.last) return false
    this.changes.push(value)
    this.last = value
    return true
  }
  get(index: number): number {
    return this.changes.get(index)
  }
}

// The bits of a poll's `changed` byte: which repeating value it changes.
const changedBits = { fiveResets: 1, sevenResets: 2, extraUsed: 4, extraLimit: 8, tier: 16, source: 32 } as const

/**
 * Polls of one profile, in the order pushed, held as number columns: an import holds a year of
 * polls until their rollup, and as snapshots (five objects each) they would take hundreds of MB.
 * Times and utilizations take 8 bytes each; reset times, extra usage, tier, source and cap labels,
 * which repeat from poll to poll, are stored only when they change. `polls()` gives every field back;
 * `rollupPoll` builds only what a rollup reads.
 */
export class PollColumns {
  readonly at = new Numbers()
  private readonly fiveUtil = new Numbers()
  private readonly sevenUtil = new Numbers()
  /** Bit 0: a five-hour window, bit 1: a seven-day window, bit 2: extra usage, bit 3: extra usage enabled. */
  private readonly flags = new Bytes()
  private readonly changed = new Bytes()
  private readonly fiveResets = new RepeatedNumbers()
  private readonly sevenResets = new RepeatedNumbers()
  private readonly extraUsed = new RepeatedNumbers()
  private readonly extraLimit = new RepeatedNumbers()
  private readonly tiers = new Repeats<string | null>()
  private readonly sources = new Repeats<Usage.SnapshotSource>()
  /** How many caps each poll has, in order in the cap columns (at most 255 are kept a poll). */
  private readonly capCount = new Bytes()
  private readonly capUtil = new Numbers()
  private readonly capResets = new RepeatedNumbers()
  private readonly capLabels = new Repeats<string>()
  /** Per cap: bit 0 when its label is a new entry of `capLabels`, bit 1 when its reset time is one of `capResets`. */
  private readonly capChanged = new Bytes()

  constructor(readonly profile: Usage.UsageSnapshot["profile"]) {}

  get length(): number {
    return this.at.length
  }

  push(poll: Usage.UsageSnapshot): void {
    const { extraUsage: extra, fiveHour: five, sevenDay: seven } = poll
    const first = this.at.length === 0
    this.at.push(poll.fetchedAt)
    this.fiveUtil.push(orNaN(five?.utilization))
    this.sevenUtil.push(orNaN(seven?.utilization))
    this.flags.push((five === null ? 0 : 1) | (seven === null ? 0 : 2) | (extra === null ? 0 : 4) | (extra?.enabled === true ? 8 : 0))
    this.changed.push(
      (this.fiveResets.push(key(five?.resetsAt), first) ? changedBits.fiveResets : 0) |
        (this.sevenResets.push(key(seven?.resetsAt), first) ? changedBits.sevenResets : 0) |
        (this.extraUsed.push(key(extra?.usedCents), first) ? changedBits.extraUsed : 0) |
        (this.extraLimit.push(key(extra?.limitCents), first) ? changedBits.extraLimit : 0) |
        (this.tiers.push(poll.tier, first) ? changedBits.tier : 0) |
        (this.sources.push(poll.source, first) ? changedBits.source : 0)
    )
    const caps = poll.caps.length > 255 ? poll.caps.slice(0, 255) : poll.caps
    for (const cap of caps) {
      const firstCap = this.capChanged.length === 0
      this.capUtil.push(orNaN(cap.utilization))
      this.capChanged.push(
        (this.capLabels.push(cap.label, firstCap) ? 1 : 0) | (this.capResets.push(key(cap.resetsAt), firstCap) ? 2 : 0)
      )
    }
    this.capCount.push(caps.length)
  }

  /** Appends a stored poll from the values of `rollupColumns` (a damaged number reads as unknown). */
  pushRollupValues(values: ReadonlyArray<unknown>): void {
    this.push(rollupPollOf(this.profile)(values))
  }

  /** Every poll, in the order pushed, as plain objects of the snapshot's shape (see `lightPollOf`). */
  *polls(): Generator<Usage.UsageSnapshot> {
    const next = { fiveResets: 0, sevenResets: 0, extraUsed: 0, extraLimit: 0, tiers: 0, sources: 0, capLabels: 0, capResets: 0 }
    let fiveResets = Number.NaN
    let sevenResets = Number.NaN
    let extraUsed = Number.NaN
    let extraLimit = Number.NaN
    let tier: string | null = null
    let source: Usage.SnapshotSource = "import"
    let label = ""
    let capResets = Number.NaN
    let cap = 0
    const real = (value: number) => (value === Number.NEGATIVE_INFINITY ? null : value)
    for (let index = 0; index < this.length; index++) {
      const changed = this.changed.get(index)
      if ((changed & changedBits.fiveResets) !== 0) fiveResets = this.fiveResets.get(next.fiveResets++)
      if ((changed & changedBits.sevenResets) !== 0) sevenResets = this.sevenResets.get(next.sevenResets++)
      if ((changed & changedBits.extraUsed) !== 0) extraUsed = this.extraUsed.get(next.extraUsed++)
      if ((changed & changedBits.extraLimit) !== 0) extraLimit = this.extraLimit.get(next.extraLimit++)
      if ((changed & changedBits.tier) !== 0) tier = this.tiers.get(next.tiers++)
      if ((changed & changedBits.source) !== 0) source = this.sources.get(next.sources++)
      const caps: Array<Usage.ModelCap> = []
      for (const end = cap + this.capCount.get(index); cap < end; cap++) {
        const capChanged = this.capChanged.get(cap)
        if ((capChanged & 1) !== 0) label = this.capLabels.get(next.capLabels++)
        if ((capChanged & 2) !== 0) capResets = this.capResets.get(next.capResets++)
        caps.push({ label, utilization: orNull(this.capUtil.get(cap)), resetsAt: real(capResets) } as Usage.ModelCap)
      }
      const flags = this.flags.get(index)
      yield ({
        profile: this.profile,
        fetchedAt: this.at.get(index),
        source,
        fiveHour: (flags & 1) === 0 ? null : { utilization: orNull(this.fiveUtil.get(index)), resetsAt: real(fiveResets) },
        sevenDay: (flags & 2) === 0 ? null : { utilization: orNull(this.sevenUtil.get(index)), resetsAt: real(sevenResets) },
        caps: caps.length === 0 ? noCaps : caps,
        extraUsage: (flags & 4) === 0
          ? null
          : { enabled: (flags & 8) !== 0, usedCents: real(extraUsed), limitCents: real(extraLimit) },
        tier
      }) as Usage.UsageSnapshot
    }
  }

  /** The poll at `index` with only what a rollup reads (see `rollupPollOf`). */
  rollupPoll(index: number): Usage.UsageSnapshot {
    const flags = this.flags.get(index)
    return ({
      profile: this.profile,
      fetchedAt: this.at.get(index),
      source: "api",
      fiveHour: (flags & 1) === 0 ? null : { utilization: orNull(this.fiveUtil.get(index)), resetsAt: null },
      sevenDay: (flags & 2) === 0 ? null : { utilization: orNull(this.sevenUtil.get(index)), resetsAt: null },
      caps: noCaps,
      extraUsage: null,
      tier: null
    }) as Usage.UsageSnapshot
  }
}
