// The write-back every credential store shares (SPEC §1.3): rotated tokens are written only if the
// store still holds the ones they replace, so tokens another program (Claude Code, a second
// cc-hdrm) rotated meanwhile are adopted, never overwritten.
import type { Credentials } from "@cchdrm/core/services/CredentialStore"
import { Effect, Redacted } from "effect"
import type { Duration } from "effect"
import * as FileLock from "./FileLock.js"

/** Whether two logins hold the same access token. */
export const sameToken = (a: Credentials, b: Credentials): boolean =>
  Redacted.value(a.accessToken) === Redacted.value(b.accessToken)

/** A store's side of a write-back. */
export interface Options<D extends { readonly credentials: Credentials }, E, W> {
  /** Reads what the store holds now. */
  readonly read: Effect.Effect<D, E>
  readonly previous: Credentials
  readonly next: Credentials
  /** Writes `next` over `current`, keeping everything else it holds. */
  readonly write: (current: D) => Effect.Effect<void, W>
  /** The file whose `.lock` serialises writers, and how long to wait for it. */
  readonly lockPath: string
  readonly lockWait: Duration.DurationInput
  /** The store's error when the lock cannot be had. */
  readonly lockFailed: (reason: string) => W
}

/**
 * A first look without the lock (tokens already rotated elsewhere need neither a lock nor a lock
 * file beside a file that is not ours), then, under the lock, a fresh read, the same compare and
 * the write. Returns the tokens now in force: `next`, or the newer ones the store holds.
 */
export const writeBack = <D extends { readonly credentials: Credentials }, E, W>(options: Options<D, E, W>): Effect.Effect<Credentials, E | W> =>
  Effect.gen(function*() {
    const seen = yield* options.read
    if (!sameToken(seen.credentials, options.previous)) return seen.credentials
    return yield* Effect.gen(function*() {
      const current = yield* options.read
      if (!sameToken(current.credentials, options.previous)) {
        yield* Effect.annotateCurrentSpan("outcome", "newer-stored")
        return current.credentials
      }
      yield* options.write(current)
      yield* Effect.annotateCurrentSpan("outcome", "written")
      return options.next
    }).pipe(
      FileLock.withLock(options.lockPath, { waitAtMost: options.lockWait }),
      Effect.catchIf((error): error is FileLock.LockFailed => error instanceof FileLock.LockFailed, (error) =>
        Effect.fail(options.lockFailed(error.reason)))
    )
  })
