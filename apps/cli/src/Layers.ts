// The live layers of `cchdrm`, one per need, so each command builds only what it uses: `config`
// and `profiles list` never open usage.db, `--help` and `--version` build nothing.
import { Notifier, type PreferencesStore } from "@cchdrm/core"
import { FileCredentialStore, layerAnthropic, layerVault } from "@cchdrm/credentials"
import { DataPaths, FileInstallation, FileStatusLineCache, HistoryArchive, layerConfig, layerHistory } from "@cchdrm/storage"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Context, Effect, Layer } from "effect"
import { globalOptions } from "./GlobalOptions.js"

/** cc-hdrm's directories, resolved through `Config` so `--demo` can point them elsewhere. */
export class Paths extends Context.Tag("@cchdrm/cli/Paths")<Paths, DataPaths.DataPaths>() {}

const paths = Layer.effect(Paths, DataPaths.fromConfig)
const withPaths = <A, E, R>(make: (paths: DataPaths.DataPaths) => Layer.Layer<A, E, R>) => Layer.unwrapEffect(Effect.map(Paths, make))

/** Preferences and profiles from `config.json`. */
export const config = withPaths((p) => layerConfig({ configFile: p.configFile }))

/** The history (usage.db, or the team database with CCHDRM_DATABASE_URL), its archive and the team view. */
export const history = withPaths((p) => layerHistory({ dataDir: p.dataDir }))

/** The stored side: config and history (`history`, `analyze`, `import`, `team`). */
export const stored = Layer.merge(config, history)

/** The vault of profile tokens (no HTTP). */
export const vault = withPaths((p) => layerVault({ dataDir: p.dataDir }))

/**
 * The usage API and every profile's credentials, over node:http (the first `fetch` of a process
 * costs ~60 ms more; the bundle leaves undici out, see tsup.config.ts).
 */
export const anthropic = withPaths((p) => layerAnthropic({ dataDir: p.dataDir })).pipe(Layer.provide(NodeHttpClient.layer))

/** The files `doctor` reports on. */
export const installation = withPaths((paths) =>
  Layer.unwrapEffect(Effect.map(FileCredentialStore.credentialsPlace, (credentialsPlace) => FileInstallation.layerConfig({ paths, credentialsPlace })))
)

/** What a poll needs (`status`, `statusline`, `guard`), the status line's cache included; `notifier` may read preferences. */
export const poll = (notifier: Layer.Layer<Notifier.Notifier, never, PreferencesStore.PreferencesStore | Paths> = Notifier.layerQuiet) =>
  Layer.mergeAll(config, history, anthropic, withPaths((p) => FileStatusLineCache.layer({ dataDir: p.dataDir })), Layer.provide(notifier, config))

/**
 * Runs a command's program on `layer`; under `--demo` on the simulated world instead (fake API on
 * loopback, temporary directories seeded with a week of history), removed afterwards.
 */
export const provideLive = <A, E, R, ROut, E2>(program: Effect.Effect<A, E, R>, layer: Layer.Layer<ROut, E2, Paths>) =>
  Effect.gen(function*() {
    const { demo } = yield* globalOptions
    if (!demo) return yield* Effect.provide(program, Layer.provideMerge(layer, paths))
    const Demo = yield* Effect.promise(() => import("./Demo.js"))
    return yield* Effect.scoped(Effect.gen(function*() {
      const { provider, world } = yield* Demo.start
      return yield* Effect.zipRight(HistoryArchive.seed(world.history), program).pipe(
        Effect.provide(Layer.provideMerge(Layer.merge(layer, history), paths)),
        Effect.withConfigProvider(provider)
      )
    }))
  })
