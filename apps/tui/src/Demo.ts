// `--demo`: the TUI runs its normal live layers against testkit's demo world (fake API on loopback,
// temporary directories), seeded with a week of history through the storage's import.
import { startDemoWorld } from "@cchdrm/testkit"
import { Effect } from "effect"

/** The demo world for the scope; removed when the scope closes. */
export const start = Effect.acquireRelease(Effect.promise(() => startDemoWorld()), (world) => Effect.promise(() => world.close()))
