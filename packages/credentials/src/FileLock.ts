// A lock file beside a file, so two processes cannot interleave a read-compare-write (SPEC §1.3).
import { open, stat, unlink } from "node:fs/promises"
import { hostname } from "node:os"
import { Data, Duration, Effect, Schedule } from "effect"

/** A lock older than this is left over from a crashed process and is taken over. */
export const staleAfter = Duration.seconds(10)

/** How long {@link withLock} waits for another holder before giving up. */
export const waitAtMost = Duration.seconds(15)

/** The lock could not be taken; `reason` is one line. */
export class LockFailed extends Data.TaggedError("LockFailed")<{ readonly path: string; readonly reason: string }> {}

/** The lock file of `path`: `<path>.lock`. */
export const lockPathOf = (path: string): string => `${path}.lock`

class Held extends Data.TaggedError("Held") {}

const codeOf = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string" ? cause.code : "unknown error"

// O_EXCL: exactly one process creates the file; the others see EEXIST.
const tryCreate = (lockPath: string): Effect.Effect<void, Held | LockFailed> =>
  Effect.tryPromise({
    try: async () => {
      const handle = await open(lockPath, "wx", 0o600)
      try {
        await handle.writeFile(`${process.pid}@${hostname()}\n`)
      } finally {
        await handle.close()
      }
    },
    catch: codeOf
  }).pipe(
    Effect.catchAll((code): Effect.Effect<never, Held | LockFailed> =>
      code === "EEXIST"
        ? removeIfStale(lockPath).pipe(Effect.zipRight(Effect.fail(new Held())))
        : Effect.fail(new LockFailed({ path: lockPath, reason: `cannot create ${lockPath} (${code})` }))
    )
  )

// The lock's age is measured on the file system's clock (its mtime), so wall time is right here.
const removeIfStale = (lockPath: string) =>
  Effect.promise(async () => {
    try {
      const info = await stat(lockPath)
      if (Date.now() - info.mtimeMs > Duration.toMillis(staleAfter)) await unlink(lockPath)
    } catch {
      // Gone meanwhile: the next attempt creates it.
    }
  })

const release = (lockPath: string) => Effect.promise(() => unlink(lockPath).catch(() => undefined))

/**
 * Runs `effect` while holding `<path>.lock`, created with O_EXCL and removed afterwards (also on
 * failure or interruption). Waits while another process holds it, takes over a lock older than
 * {@link staleAfter}, and fails with `LockFailed` after `options.waitAtMost` (default {@link waitAtMost}) or when the lock
 * cannot be created at all (e.g. the directory is missing or read-only).
 */
export const withLock = (path: string, options: { readonly waitAtMost?: Duration.DurationInput } = {}) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | LockFailed, R> => {
  const lockPath = lockPathOf(path)
  // A bounded schedule rather than a timeout: acquisition is uninterruptible (so a created lock is
  // always released), and a timeout could only fire once a stale lock had been taken over.
  const acquire = tryCreate(lockPath).pipe(
    Effect.retry({
      while: (error) => error instanceof Held,
      schedule: Schedule.spaced("25 millis").pipe(Schedule.upTo(options.waitAtMost ?? waitAtMost))
    }),
    Effect.catchTag("Held", () => Effect.fail(new LockFailed({ path: lockPath, reason: `another process holds ${lockPath}` })))
  )
  return Effect.acquireUseRelease(acquire, () => effect, () => release(lockPath))
}
