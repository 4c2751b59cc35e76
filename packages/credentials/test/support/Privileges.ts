// Runs an effect as an unprivileged user, so permission checks apply even when tests run as root.
import { Effect } from "effect"

const nobody = 65_534

/**
 * `effect` with the effective uid of `nobody` when the tests run as root (vitest's forks pool runs
 * each file in its own process, so this touches no other test file); as is otherwise.
 */
export const asUnprivileged = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  process.getuid?.() === 0 && process.seteuid !== undefined
    ? Effect.acquireUseRelease(
      Effect.sync(() => process.seteuid!(nobody)),
      () => effect,
      () => Effect.sync(() => process.seteuid!(0))
    )
    : effect
