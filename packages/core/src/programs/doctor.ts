// doctor: where credentials were looked for, token expiry, API reachability, the database and the
// config — each a check that is fine or a problem with its fix (SPEC §5 `doctor`). Each layer is
// built inside its own check, so a corrupt database or a bad URL is a failed check, not a crash.
import { Clock, Effect, Layer, Option } from "effect"
import * as DoctorReport from "../domain/DoctorReport.js"
import * as Format from "../domain/Format.js"
import { defaultProfile } from "../domain/Profile.js"
import { type Credentials, CredentialStore } from "../services/CredentialStore.js"
import { Installation } from "../services/Installation.js"
import { PreferencesStore } from "../services/PreferencesStore.js"
import { ProfileEntry, ProfileStore } from "../services/ProfileStore.js"
import { UsageApi } from "../services/UsageApi.js"
import { TeamHistory } from "../services/TeamHistory.js"
import { UsageHistory } from "../services/UsageHistory.js"

const { ok, problem } = DoctorReport

/** The layers doctor checks, each built only inside its own check. */
export interface Layers<E1, E2, E3, R = never> {
  readonly config: Layer.Layer<PreferencesStore | ProfileStore, E1, R>
  readonly history: Layer.Layer<UsageHistory | TeamHistory, E2, R>
  readonly anthropic: Layer.Layer<CredentialStore | UsageApi, E3, R>
}

// The check `label`: fine with the detail `effect` returns, or the problem it failed with.
const check = <E, R>(label: string, effect: Effect.Effect<string, E, R>) =>
  effect.pipe(Effect.map((detail) => ok(label, detail)), Effect.catchAll((error) => Effect.succeed(problem(label, error))))

// Runs `effect` on the services of `layer`, built in a scope of its own.
const on = <ROut, E1, RIn, A, E2, R>(layer: Layer.Layer<ROut, E1, RIn>, effect: Effect.Effect<A, E2, R>) =>
  Effect.scoped(Effect.flatMap(Layer.build(layer), (context) => Effect.provide(effect, context)))

const profileChecks = (entry: ProfileEntry, now: number) =>
  Effect.gen(function*() {
    const label = `Profile '${entry.name}'`
    const installation = yield* Installation
    const read = yield* Effect.either((yield* CredentialStore).read(entry.name))
    if (read._tag === "Left") return [problem(`${label} credentials`, read.left)]
    const credentials: Credentials = read.right
    const expiry = credentials.expiresAt === null
      ? "expiry unknown"
      : credentials.expiresAt > now
      ? `token expires in ${Format.countdown(credentials.expiresAt, now)}`
      : "token expired — the next poll refreshes it"
    const found = ok(`${label} credentials`, `found in ${installation.credentialsPlace(entry.source)}, ${expiry}`)
    const api = yield* (yield* UsageApi).fetchUsage(credentials.accessToken, { profile: entry.name, tier: credentials.rateLimitTier }).pipe(
      Effect.as(ok(`${label} API`, "reachable, usage answered")),
      Effect.catchAll((error) => Effect.succeed(problem(`${label} API`, error)))
    )
    return [found, api]
  })

/**
 * Every check, in order: data directory, config file, config, database, then each profile's
 * credentials and API. A layer that cannot be built is the failed check of what it stands for;
 * profiles that cannot be listed (a broken config) fall back to Claude Code's own login.
 */
export const doctor = <E1, E2, E3, R>(layers: Layers<E1, E2, E3, R>) => Effect.gen(function*() {
  const installation = yield* Installation
  const now = yield* Clock.currentTimeMillis
  const checks: Array<DoctorReport.Check> = [
    ok("Data directory", `${installation.dataDir.path} (from ${installation.dataDir.source})`),
    ok("Config file", `${installation.configFile.path} (from ${installation.configFile.source})`)
  ]
  const fallback = [new ProfileEntry({ name: defaultProfile, source: "claude-code" })]
  const config = yield* on(layers.config, Effect.gen(function*() {
    const valid = yield* check("Config", Effect.as((yield* PreferencesStore).get, "valid"))
    const entries = yield* (yield* ProfileStore).list.pipe(Effect.orElseSucceed(() => fallback))
    return { valid, entries }
  })).pipe(Effect.catchAll((error) => Effect.succeed({ valid: problem("Config", error), entries: fallback })))
  checks.push(config.valid)
  checks.push(yield* check("Database", on(layers.history, Effect.gen(function*() {
    const profiles = (yield* (yield* UsageHistory).profiles).length
    const schema = `schema version ${installation.schemaVersion}, history of ${profiles} profile(s)`
    if (Option.isSome(installation.sharedDatabase)) {
      const team = yield* (yield* TeamHistory).read(now, now)
      return `team database ${installation.sharedDatabase.value}: connected, ${schema}, ${team.members.length} member(s)`
    }
    const size = Option.match(yield* installation.databaseSize, { onNone: () => "not created yet", onSome: Format.fileSize })
    return `${installation.databaseFile}, ${size}, ${schema}`
  }))))
  const profiles = yield* on(layers.anthropic, Effect.forEach(config.entries, (entry) => profileChecks(entry, now))).pipe(
    Effect.catchAll((error) => Effect.succeed([[problem("Credentials and API", error)]]))
  )
  checks.push(...profiles.flat())
  return checks
}).pipe(Effect.withSpan("doctor"))
