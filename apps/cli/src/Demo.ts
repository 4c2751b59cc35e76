// `--demo`: the commands run their normal live layers against testkit's demo world (fake API on
// loopback, temporary directories), seeded with a week of history through the storage's batched
// import, which derives reset events and rollups as live polling would.
import { startDemoWorld } from "@cchdrm/testkit"
import { ConfigProvider, Effect } from "effect"

/** The demo world for the scope, and the config that points cc-hdrm at it. */
export const start = Effect.acquireRelease(Effect.promise(() => startDemoWorld()), (world) => Effect.promise(() => world.close())).pipe(
  Effect.map((world) => ({
    world,
    // Environment variables other than cc-hdrm's own still come from the process (HOME, …).
    provider: ConfigProvider.fromMap(new Map(Object.entries(world.env))).pipe(ConfigProvider.orElse(() => ConfigProvider.fromEnv()))
  }))
)
