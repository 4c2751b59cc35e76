// Polls held in memory while the history database is unreachable (a shared database restarting,
// a network down) and written, oldest first, as soon as a write succeeds again.
import { UsageHistory } from "@cchdrm/core"
import type { Usage } from "@cchdrm/core"
import { Effect } from "effect"

/** How many polls are held at most: a week of polls every minute. Beyond it the oldest are dropped. */
export const defaultCapacity = 10_080

/**
 * `history` whose failed `record`s are held (up to `capacity`, oldest dropped first) and retried
 * before the next poll is written. A failed `record` still fails, saying how many polls are held,
 * so the frontends show the problem; nothing is lost unless the database stays away past `capacity` polls.
 */
export const hold = (history: UsageHistory.UsageHistory["Type"], capacity: number = defaultCapacity): UsageHistory.UsageHistory["Type"] => {
  const held: Array<Usage.UsageSnapshot> = []
  // One writer of the buffer at a time (the monitor polls profiles concurrently).
  const turn = Effect.unsafeMakeSemaphore(1)
  const holding = (error: UsageHistory.HistoryError) =>
    new UsageHistory.HistoryError({
      operation: error.operation,
      problem: `${error.problem} ${held.length === 1 ? "1 poll is" : `${held.length} polls are`} held and written once it is back.`
    })

  // Oldest first; stops at the first failure, keeping that poll and the later ones.
  const flush = Effect.gen(function*() {
    while (held.length > 0) {
      yield* history.record(held[0]!)
      held.shift()
    }
  })

  const record = (snapshot: Usage.UsageSnapshot) =>
    flush.pipe(
      Effect.zipRight(history.record(snapshot)),
      Effect.catchTag("HistoryError", (error) =>
        Effect.suspend(() => {
          held.push(snapshot)
          if (held.length > capacity) held.splice(0, held.length - capacity)
          return Effect.fail(holding(error))
        })),
      turn.withPermits(1)
    )

  // A history query first writes what is held, so it never misses a poll that was taken.
  const flushed = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.zipRight(Effect.ignore(turn.withPermits(1)(flush)), effect)

  return UsageHistory.UsageHistory.of({
    ...history,
    record,
    latest: (profile) => flushed(history.latest(profile)),
    polls: (profile, from, to) => flushed(history.polls(profile, from, to)),
    resets: (profile, from, to) => flushed(history.resets(profile, from, to)),
    series: (profile, range) => flushed(history.series(profile, range)),
    profiles: flushed(history.profiles),
    maintain: (maintenance) => flushed(history.maintain(maintenance))
  })
}
