// Batched ingest of many polls (import): one transaction, multi-row inserts, and reset detection
// by replaying the stored sequence through core's Reset functions, as live polling would.
import { Reset, type Usage } from "@cchdrm/core"
import type * as SqlClient from "@effect/sql/SqlClient"
import { Array as Arr, Effect, Option, Schema, Stream } from "effect"
import { EventFromRow, pollRowOf } from "./HistoryRows.js"
import { lightColumns, lightPollOf, PollColumns, pollColumns, pushPollValues } from "./PollValues.js"

const encodeEvent = Schema.encode(EventFromRow)

/** What an ingest stored. */
export interface Ingested {
  /** Polls received, duplicates included. */
  readonly received: number
  /**
   * Polls that were new: not stored yet (same profile and time = the same poll) and not inside
   * a period already rolled up into a bucket.
   */
  readonly inserted: number
  /** Reset events the new polls produced. */
  readonly resets: number
  /**
   * New polls not written, by profile (see `Options.rollUpBefore`): the caller's rollup run
   * takes them as if it had read them from `usage_polls`. Counted in `inserted`.
   */
  readonly pending: ReadonlyMap<string, PollColumns>
}

/** How to ingest. */
export interface Options {
  /**
   * Polls before this time are due for rollup at once. A profile with no stored poll and no
   * reset event whose polls arrive in time order keeps such polls in memory (`pending`) rather
   * than writing them only for the rollup to read them back and delete them.
   */
  readonly rollUpBefore?: number | undefined
}

// 14 columns × 1,000 rows stays under SQLite's limit on bound parameters.
const batchSize = 1_000
const pageSize = 10_000
// Past this many pending polls of one profile (two years at 60 s) they are written after all,
// bounding the memory an import holds.
const pendingLimit = 1_051_200

interface Span {
  low: number
  high: number
}

// The index of the event nearest to `at` in the sorted `times`, for the two-way cooldown (SPEC §2).
const nearest = (times: ReadonlyArray<number>, at: number): number | null => {
  let low = 0
  let high = times.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (times[middle]! < at) low = middle + 1
    else high = middle
  }
  const after = times[low]
  const before = times[low - 1]
  if (after === undefined) return before ?? null
  if (before === undefined) return after
  return at - before <= after - at ? before : after
}

const insertSorted = (times: Array<number>, at: number): void => {
  let index = times.length
  while (index > 0 && times[index - 1]! > at) index--
  times.splice(index, 0, at)
}

/**
 * Judges polls of one profile fed in time order as live polling would: each against the one
 * before it, with the peak of the 5 hours before and the cooldown against `known` events either
 * side (sorted; found events join it). Of the last 5 h it holds only times and 5h utilizations
 * (a year of polls passes through; objects held for hours would each outlive the young heap).
 */
const replay = (known: Array<number>) => {
  const found: Array<Reset.ResetEvent> = []
  let times: Array<number> = []
  let fiveHour: Array<number | null> = []
  let windowStart = 0
  let previous: Usage.UsageSnapshot | undefined
  // The polls of the window as far as `Reset.peak5h` reads them, built only for a reset.
  const recent = () =>
    times.slice(windowStart).map((fetchedAt, index) =>
      ({ profile: previous!.profile, fetchedAt, fiveHour: { utilization: fiveHour[windowStart + index]!, resetsAt: null } }) as
        unknown as Usage.UsageSnapshot
    )
  const push = (next: Usage.UsageSnapshot, judge: boolean): void => {
    while (windowStart < times.length && times[windowStart]! < next.fetchedAt - Reset.peakWindowMillis) windowStart++
    // Reset.detect first: the common poll is no reset and needs no window.
    if (judge && previous !== undefined && Option.isSome(Reset.detect(previous, next))) {
      const event = Reset.eventFor({ previous, next, recent: recent(), lastEventAt: nearest(known, next.fetchedAt) })
      if (Option.isSome(event)) {
        found.push(event.value)
        insertSorted(known, event.value.at)
      }
    }
    times.push(next.fetchedAt)
    fiveHour.push(next.fiveHour?.utilization ?? null)
    if (windowStart > pageSize) {
      times = times.slice(windowStart)
      fiveHour = fiveHour.slice(windowStart)
      windowStart = 0
    }
    previous = next
  }
  return { found, push, last: () => previous }
}

const storeEvents = (sql: SqlClient.SqlClient, events: ReadonlyArray<Reset.ResetEvent>) =>
  Effect.gen(function*() {
    const rows = yield* Effect.forEach(events, (event) => encodeEvent(event))
    for (const chunk of Arr.chunksOf(rows, batchSize)) {
      yield* sql`INSERT INTO reset_events ${sql.insert(chunk)} ON CONFLICT (profile_id, at) DO NOTHING`
    }
    return events.length
  })

const knownEvents = (sql: SqlClient.SqlClient, profile: string, from: number, to: number) =>
  Effect.map(
    sql<{ readonly at: number }>`SELECT at FROM reset_events WHERE profile_id = ${profile}
      AND at > ${from - Reset.cooldownMillis} AND at < ${to + Reset.cooldownMillis} ORDER BY at`,
    (rows) => rows.map((row) => row.at)
  )

/**
 * Replays one profile's stored polls around the new ones (see `replay`) and stores the events
 * found. Reads a page at a time.
 */
const detectResets = (sql: SqlClient.SqlClient, profile: string, span: Span) =>
  Effect.gen(function*() {
    const [before] = yield* sql<{ readonly at: number | null }>`SELECT MAX(fetched_at) AS at FROM usage_polls
      WHERE profile_id = ${profile} AND fetched_at < ${span.low}`
    const [after] = yield* sql<{ readonly at: number | null }>`SELECT MIN(fetched_at) AS at FROM usage_polls
      WHERE profile_id = ${profile} AND fetched_at > ${span.high}`
    // The first stored poll after the new ones now follows one of them, so it is judged again.
    const from = Math.min(before?.at ?? span.low, span.low - Reset.peakWindowMillis)
    const to = after?.at ?? span.high
    const judge = replay(yield* knownEvents(sql, profile, from, to))
    let cursor = from - 1
    for (;;) {
      const page = yield* sql`SELECT ${sql.literal(lightColumns)} FROM usage_polls WHERE profile_id = ${profile}
        AND fetched_at > ${cursor} AND fetched_at <= ${to} ORDER BY fetched_at LIMIT ${pageSize}`.values
      for (const values of page) {
        const next = lightPollOf(values)
        judge.push(next, next.fetchedAt >= span.low)
      }
      const last = judge.last()
      if (page.length < pageSize || last === undefined) break
      cursor = last.fetchedAt
    }
    return yield* storeEvents(sql, judge.found)
  })

const rowPlaceholders = `(${pollColumns.map(() => "?").join(", ")})`
const insertText = new Map<number, string>()
// The statement for `rows` polls, built once per size so the prepared-statement cache reuses it.
const insertStatement = (rows: number): string => {
  let text = insertText.get(rows)
  if (text === undefined) {
    text = `INSERT INTO usage_polls (${pollColumns.join(", ")}) VALUES ${Array(rows).fill(rowPlaceholders).join(", ")}
      ON CONFLICT (profile_id, fetched_at) DO NOTHING`
    insertText.set(rows, text)
  }
  return text
}

// One batch of polls. On SQLite the values are bound as one flat list to a cached statement (the
// insert helper would rebuild a 14,000-parameter statement per batch); elsewhere, the helper.
const insertBatch = (sql: SqlClient.SqlClient, polls: ReadonlyArray<Usage.UsageSnapshot>) =>
  sql.onDialectOrElse({
    sqlite: () => {
      const values: Array<unknown> = []
      for (const poll of polls) pushPollValues(values, poll)
      return sql.unsafe(insertStatement(polls.length), values)
    },
    orElse: () =>
      sql`INSERT INTO usage_polls ${sql.insert(polls.map(pollRowOf))} ON CONFLICT (profile_id, fetched_at) DO NOTHING`
  })

type Period = readonly [start: number, end: number]

// The periods of a profile's buckets, oldest first; they never overlap.
const rolledPeriods = (sql: SqlClient.SqlClient, profile: string) =>
  Effect.map(
    sql<{ readonly period_start: number; readonly period_end: number }>`SELECT period_start, period_end FROM usage_rollups
      WHERE profile_id = ${profile} ORDER BY period_start`,
    (rows): ReadonlyArray<Period> => rows.map((row) => [row.period_start, row.period_end] as const)
  )

const covers = (periods: ReadonlyArray<Period>, at: number): boolean => {
  let low = 0
  let high = periods.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (periods[middle]![1] <= at) low = middle + 1
    else high = middle
  }
  const period = periods[low]
  return period !== undefined && period[0] <= at
}

const countPolls = (sql: SqlClient.SqlClient) =>
  Effect.map(sql<{ readonly n: number }>`SELECT COUNT(*) AS n FROM usage_polls`, (rows) => Number(rows[0]?.n ?? 0))

// Writes the held `polls` in batches.
const insertAll = (sql: SqlClient.SqlClient, polls: PollColumns) =>
  Effect.gen(function*() {
    let batch: Array<Usage.UsageSnapshot> = []
    for (const poll of polls.polls()) {
      batch.push(poll)
      if (batch.length === batchSize) {
        yield* insertBatch(sql, batch)
        batch = []
      }
    }
    if (batch.length > 0) yield* insertBatch(sql, batch)
  })

interface ProfileState {
  ordered: boolean
  readonly judge: ReturnType<typeof replay>
  readonly periods: ReadonlyArray<Period>
  /** Polls kept from the disk for the rollup (`Options.rollUpBefore`); `undefined` once written or never kept. */
  pending: PollColumns | undefined
}

/**
 * Stores `polls` in one transaction: a failure of the stream (a bad import line) or of the
 * database stores nothing. Polls already stored stay as they were. Reset events follow; rollups
 * and retention are the caller's, once, afterwards (with `pending`).
 */
export const ingest = <E, R>(sql: SqlClient.SqlClient, polls: Stream.Stream<Usage.UsageSnapshot, E, R>, options: Options = {}) =>
  sql.withTransaction(Effect.gen(function*() {
    const rollUpBefore = options.rollUpBefore ?? Number.NEGATIVE_INFINITY
    // Counted before and after (the transaction holds the write lock), rather than row by row.
    const before = yield* countPolls(sql)
    // The span of each profile's incoming polls. Duplicates widen it harmlessly: replaying a
    // stored poll finds its event already there, inside the cooldown.
    const spans = new Map<string, Span>()
    // A profile with no stored poll whose polls arrive in time order (an export, a new profile)
    // is judged as it streams in; any other is replayed from the database afterwards.
    const profiles = new Map<string, ProfileState>()
    const writePending = (state: ProfileState) =>
      Effect.suspend(() => {
        const held = state.pending
        state.pending = undefined
        return held === undefined ? Effect.void : insertAll(sql, held)
      })
    let received = 0
    yield* Stream.runForEachChunk(polls, (chunk) =>
      Effect.gen(function*() {
        const fresh: Array<Usage.UsageSnapshot> = []
        for (const poll of chunk) {
          received++
          let state = profiles.get(poll.profile)
          if (state === undefined) {
            const periods = yield* rolledPeriods(sql, poll.profile)
            const stored = yield* sql`SELECT 1 AS one FROM usage_polls WHERE profile_id = ${poll.profile} LIMIT 1`
            // With no event stored either, nothing in the database bears on this profile's resets.
            const events = yield* sql`SELECT 1 AS one FROM reset_events WHERE profile_id = ${poll.profile} LIMIT 1`
            const ordered = stored.length === 0
            state = {
              ordered,
              judge: replay([]),
              periods,
              pending: ordered && events.length === 0 ? new PollColumns(poll.profile) : undefined
            }
            profiles.set(poll.profile, state)
          }
          // A poll inside a rolled-up period is in its bucket already (or was never there): storing
          // it again would count it twice, so importing the same file again stays a no-op.
          if (covers(state.periods, poll.fetchedAt)) continue
          if (state.ordered) {
            const last = state.judge.last()
            if (last === undefined || poll.fetchedAt > last.fetchedAt) state.judge.push(poll, true)
            else state.ordered = false
          }
          // Out of order, the resets are replayed from the database: pending polls go there
          // first (before this poll, which may repeat one of them).
          if (state.pending !== undefined && (!state.ordered || state.pending.length >= pendingLimit)) yield* writePending(state)
          if (state.pending !== undefined && poll.fetchedAt < rollUpBefore) state.pending.push(poll)
          else fresh.push(poll)
          const span = spans.get(poll.profile)
          if (span === undefined) spans.set(poll.profile, { low: poll.fetchedAt, high: poll.fetchedAt })
          else {
            if (poll.fetchedAt < span.low) span.low = poll.fetchedAt
            if (poll.fetchedAt > span.high) span.high = poll.fetchedAt
          }
        }
        for (const batch of Arr.chunksOf(fresh, batchSize)) yield* insertBatch(sql, batch)
      }))
    let resets = 0
    for (const [profile, span] of spans) {
      const state = profiles.get(profile)!
      // Events kept from before (their polls rolled up and gone) still hold the cooldown.
      const clear = state.ordered && (yield* knownEvents(sql, profile, span.low, span.high)).length === 0
      if (clear) resets += yield* storeEvents(sql, state.judge.found)
      else {
        // The replay reads every poll from the database (never the case for a pending profile).
        yield* writePending(state)
        resets += yield* detectResets(sql, profile, span)
      }
    }
    const pending = new Map<string, PollColumns>()
    let inserted = (yield* countPolls(sql)) - before
    for (const [profile, state] of profiles) {
      if (state.pending === undefined || state.pending.length === 0) continue
      pending.set(profile, state.pending)
      inserted += state.pending.length
    }
    const ingested: Ingested = { received, inserted, resets, pending }
    return ingested
  }))
