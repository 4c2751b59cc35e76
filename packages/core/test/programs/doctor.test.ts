// doctor on the memory layers: every check in order, and a layer that cannot be built is the
// failed check of what it stands for while every other check still runs.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import * as DoctorReport from "../../src/domain/DoctorReport.js"
import { doctor } from "../../src/programs/doctor.js"
import { ApiUrlInvalid } from "../../src/services/ApiEndpoint.js"
import { ConfigFileError } from "../../src/services/ConfigFileError.js"
import { Installation } from "../../src/services/Installation.js"
import { type TeamData, TeamHistory } from "../../src/services/TeamHistory.js"
import { HistoryError } from "../../src/services/UsageHistory.js"
import * as Stub from "../../src/testing/Stub.js"
import * as MemoryCredentialStore from "../../src/testing/MemoryCredentialStore.js"
import * as MemoryPreferencesStore from "../../src/testing/MemoryPreferencesStore.js"
import * as MemoryProfileStore from "../../src/testing/MemoryProfileStore.js"
import * as MemoryUsageHistory from "../../src/testing/MemoryUsageHistory.js"
import * as ScriptedUsageApi from "../../src/testing/ScriptedUsageApi.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as TestEnv from "./TestEnv.js"

const installationWith = (sharedDatabase: Option.Option<string>) => Layer.succeed(Installation, Installation.of({
  sharedDatabase,
  dataDir: { path: "/data", source: "CCHDRM_DATA_DIR" },
  configFile: { path: "/config/config.json", source: "default" },
  databaseFile: "/data/usage.db",
  schemaVersion: 3,
  databaseSize: Effect.succeed(Option.some(2048)),
  credentialsPlace: (source) => source === "claude-code" ? "/claude/.credentials.json" : "the vault"
}))
const installation = installationWith(Option.none())

// The file's history has no team view; doctor must not ask it for one.
const teamOf = (members: ReadonlyArray<string>) =>
  Stub.layer(TeamHistory, { read: () => Effect.succeed<TeamData>({ members, latest: [], resets: [] }) })

const healthy = {
  config: Layer.merge(MemoryPreferencesStore.layer(), MemoryProfileStore.layer([MemoryProfileStore.defaultEntry, TestEnv.entry("work")])),
  history: Layer.merge(MemoryUsageHistory.layer(), Stub.layer(TeamHistory, {})),
  anthropic: Layer.merge(
    MemoryCredentialStore.layer([
      { profile: Fixtures.profile("default"), source: "claude-code", credentials: Fixtures.credentials() },
      { profile: Fixtures.profile("work"), source: "vault", credentials: Fixtures.credentials() }
    ]),
    ScriptedUsageApi.layer
  )
}

const labels = (checks: ReadonlyArray<DoctorReport.Check>) => checks.map((check) => `${check.code} ${check.label}`)

describe("doctor", () => {
  it.effect("all well: every check in order, each fine", () =>
    Effect.gen(function*() {
      const checks = yield* doctor(healthy)
      assert.deepStrictEqual(labels(checks), [
        "0 Data directory",
        "0 Config file",
        "0 Config",
        "0 Database",
        "0 Profile 'default' credentials",
        "0 Profile 'default' API",
        "0 Profile 'work' credentials",
        "0 Profile 'work' API"
      ])
      assert.strictEqual(checks[3]?.detail, "/data/usage.db, 2 KiB, schema version 3, history of 0 profile(s)")
      assert.include(checks[4]?.detail, "found in /claude/.credentials.json")
    }).pipe(Effect.provide(installation)))

  it.effect("a team database: the Database check names it and counts its members", () =>
    Effect.gen(function*() {
      const checks = yield* doctor({ ...healthy, history: Layer.merge(MemoryUsageHistory.layer(), teamOf(["alice@a", "bob@b"])) })
      assert.strictEqual(
        checks[3]?.detail,
        "team database postgres://u:***@db/team as member 'alice@a': connected, schema version 3, history of 0 profile(s), 2 member(s)"
      )
    }).pipe(Effect.provide(installationWith(Option.some("postgres://u:***@db/team as member 'alice@a'")))))

  it.effect("a database that cannot be opened is a failed Database check (7) with its fix; the rest still runs", () =>
    Effect.gen(function*() {
      const corrupt = new HistoryError({ operation: "open", problem: "/data/usage.db is corrupt. Move it aside." })
      const checks = yield* doctor({ ...healthy, history: Layer.fail(corrupt) })
      assert.deepStrictEqual(checks.find((check) => check.label === "Database"), { label: "Database", code: 7, detail: corrupt.message })
      assert.strictEqual(checks.length, 8)
      assert.strictEqual(DoctorReport.exitCode(checks), 7)
    }).pipe(Effect.provide(installation)))

  it.effect("an unreadable config fails the Config check (7) and the profiles fall back to Claude Code's login", () =>
    Effect.gen(function*() {
      const broken = new ConfigFileError({ path: "/config/config.json", problem: "not JSON" })
      const checks = yield* doctor({ ...healthy, config: Layer.fail(broken) })
      assert.deepStrictEqual(labels(checks), [
        "0 Data directory",
        "0 Config file",
        "7 Config",
        "0 Database",
        "0 Profile 'default' credentials",
        "0 Profile 'default' API"
      ])
    }).pipe(Effect.provide(installation)))

  it.effect("a bad endpoint URL is one failed check (2) in place of the profiles' checks", () =>
    Effect.gen(function*() {
      const bad = new ApiUrlInvalid({ variable: "CCHDRM_TOKEN_URL", url: "http://example.com/token", problem: "insecure" })
      const checks = yield* doctor({ ...healthy, anthropic: Layer.fail(bad) })
      assert.deepStrictEqual(labels(checks).slice(4), ["2 Credentials and API"])
      assert.strictEqual(checks[4]?.detail, bad.message)
    }).pipe(Effect.provide(installation)))
})
