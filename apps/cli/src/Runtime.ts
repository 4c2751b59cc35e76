// THE composition of `cchdrm`: every live layer the commands run on, in one place, so a layer can
// be swapped here and nowhere else. Commands only ask for core services.
import { HttpUsageApi } from "@cchdrm/core"
import type { Notifier } from "@cchdrm/core"
import { layerProfiles } from "@cchdrm/credentials"
import { ConfigFileStores, DataPaths, HistoryArchive, layerSqlite, SqliteDatabase } from "@cchdrm/storage"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Config, Context, Effect, Either, Layer, Option } from "effect"
import { homedir } from "node:os"
import { globalOptions } from "./GlobalOptions.js"
import { QuietNotifier } from "./Notifiers.js"

/** cc-hdrm's directories, resolved through `Config` so `--demo` can point them elsewhere. */
export class Paths extends Context.Tag("@cchdrm/cli/Paths")<Paths, DataPaths.DataPaths>() {}

const variables = ["CCHDRM_DATA_DIR", "CCHDRM_CONFIG_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "APPDATA"] as const

/** {@link Paths} from the configuration (API.md B.1); a relative override fails with `DataPathInvalid` (exit 2). */
export const pathsLayer = Layer.effect(
  Paths,
  Effect.gen(function*() {
    const env: Record<string, string | undefined> = {}
    for (const name of variables) env[name] = Option.getOrUndefined(yield* Config.option(Config.string(name)).pipe(Effect.orDie))
    return yield* Either.match(DataPaths.resolve({ platform: process.platform, env, home: homedir() }), {
      onLeft: Effect.fail,
      onRight: Effect.succeed
    })
  })
)

// The history and its export/import archive share one connection to `usage.db`.
const historyLayer = Layer.unwrapEffect(Effect.map(Paths, (paths) =>
  HistoryArchive.layerWith({ describe: SqliteDatabase.describe(paths.databaseFile) }).pipe(
    Layer.provideMerge(layerSqlite({ filename: paths.databaseFile }))
  )))

// Preferences and profiles from `config.json` (one file handle, lock and watcher for both).
const configLayer = Layer.unwrapEffect(Effect.map(Paths, (paths) => ConfigFileStores.layer({ filename: paths.configFile })))

/**
 * The Anthropic side: usage API at `CCHDRM_API_URL`; credentials of every profile (`default` is
 * Claude Code's login, the others live in the vault beside `usage.db`) refreshed at
 * `CCHDRM_TOKEN_URL`; over node:http (the first `fetch` of a process costs ~60 ms more; the bundle
 * leaves undici out, see tsup.config.ts).
 */
const anthropicLayer = Layer.unwrapEffect(Effect.map(Paths, (paths) =>
  Layer.mergeAll(HttpUsageApi.layerConfig, layerProfiles({ dataDir: paths.dataDir }))
)).pipe(Layer.provide(NodeHttpClient.layer))

/**
 * Every live service. The history database is opened (and migrated) when the layer is built;
 * `notifier` delivers alerts (`watch` prints them; one-shot commands stay quiet).
 */
export const live = (notifier: Layer.Layer<Notifier.Notifier> = QuietNotifier.layer) =>
  Layer.mergeAll(historyLayer, anthropicLayer, configLayer, notifier).pipe(Layer.provideMerge(pathsLayer))

/** What every command may use. */
export type Services = Layer.Layer.Success<ReturnType<typeof live>>

/**
 * Runs a command's program on the live services; under `--demo` on the simulated world instead
 * (fake API on loopback, temporary directories seeded with a week of history), removed afterwards.
 */
export const provideLive = <A, E>(
  program: Effect.Effect<A, E, Services>,
  options: { readonly notifier?: Layer.Layer<Notifier.Notifier> } = {}
) =>
  Effect.gen(function*() {
    const { demo } = yield* globalOptions
    if (!demo) return yield* Effect.provide(program, live(options.notifier))
    const Demo = yield* Effect.promise(() => import("./Demo.js"))
    return yield* Effect.scoped(Effect.gen(function*() {
      const world = yield* Demo.start
      return yield* Effect.zipRight(Demo.seed(world), program).pipe(
        Effect.provide(live(options.notifier)),
        Effect.withConfigProvider(world.provider)
      )
    }))
  })
