// The team database (API.md B.8) on the run's real PostgreSQL cluster: members apart, concurrent
// writers of one member without double counting, a newer schema refused untouched, failures
// explained without the password.
import { UsageHistory } from "@cchdrm/core"
import { Fixtures } from "@cchdrm/core/testing"
import { Profile } from "@cchdrm/core"
import * as SqlClient from "@effect/sql/SqlClient"
import { assert, describe, it } from "@effect/vitest"
import { Postgres } from "@cchdrm/testkit"
import { Effect, Exit, Layer, Option, Redacted } from "effect"
import * as Storage from "../src/index.js"
import { cluster, tempDatabase } from "./TempPostgres.js"

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const t0 = Date.UTC(2026, 0, 10)
const profile = Profile.ProfileName.make("default")

const poll = (at: number, fiveHour: number) =>
  Fixtures.snapshot({
    profile,
    fetchedAt: at,
    fiveHour: { utilization: fiveHour, resetsAt: Fixtures.gridResetsAt(at, 5 * hour) },
    sevenDay: { utilization: 30, resetsAt: t0 + 6 * day },
    tier: "default_claude_max_5x"
  })

const member = (url: Redacted.Redacted<string>, name: string) =>
  Storage.HistoryDatabase.layer({ databaseFile: "unused.db", shared: Option.some({ url, member: name }) })

const withHistory = <A, E>(layer: Layer.Layer<Storage.HistoryDatabase.Services, unknown>, use: Effect.Effect<A, E, UsageHistory.UsageHistory>) =>
  Effect.scoped(Effect.provide(use, layer))

describe("PgDatabase", () => {
  it.effect("each member sees only their own history, and team reads every member", () =>
    Effect.gen(function*() {
      const url = yield* tempDatabase("members")
      yield* withHistory(member(url, "alice@a"), Effect.flatMap(UsageHistory.UsageHistory, (h) => h.record(poll(t0, 10))))
      yield* withHistory(member(url, "bob@b"), Effect.flatMap(UsageHistory.UsageHistory, (h) => h.record(poll(t0 + minute, 20))))
      const alice = yield* withHistory(member(url, "alice@a"), Effect.flatMap(UsageHistory.UsageHistory, (h) => h.polls(profile, 0, t0 + day)))
      assert.deepStrictEqual(alice.map((p) => p.fiveHour?.utilization), [10])
      const team = yield* Effect.scoped(Effect.provide(
        Effect.flatMap(Storage.PgTeamHistory.make(url), (t) => t.read(0, t0 + day)),
        Storage.PgDatabase.layer({ url, member: "carol@c" })
      ))
      assert.deepStrictEqual(team.members, ["alice@a", "bob@b", "carol@c"])
      assert.deepStrictEqual(team.latest.map((entry) => [entry.member, entry.snapshot.fiveHour?.utilization]), [["alice@a", 10], ["bob@b", 20]])
    }))

  it.effect("three writers of one member record and roll up at once without double counting or lost polls", () =>
    Effect.gen(function*() {
      const url = yield* tempDatabase("writers")
      // Three days of 3-minute polls, dealt round-robin to three connections pools (processes).
      const polls = Array.from({ length: 3 * 480 }, (_, index) => poll(t0 + index * 3 * minute, index % 90))
      const now = t0 + 3 * day
      const writer = (index: number) =>
        withHistory(
          member(url, "shared@member"),
          Effect.gen(function*() {
            const history = yield* UsageHistory.UsageHistory
            for (const [at, snapshot] of polls.entries()) {
              if (at % 3 !== index) continue
              yield* history.record(snapshot)
              if (at % 60 === index) yield* history.maintain({ now, retentionDays: 365 })
            }
            yield* history.maintain({ now, retentionDays: 365 })
          })
        )
      yield* Effect.all([writer(0), writer(1), writer(2)], { concurrency: "unbounded" })
      const counted = yield* withHistory(
        member(url, "shared@member"),
        Effect.gen(function*() {
          const sql = yield* SqlClient.SqlClient
          const [raw] = yield* sql<{ readonly n: number }>`SELECT COUNT(*) AS n FROM usage_polls`
          const [rolled] = yield* sql<{ readonly n: number | null }>`SELECT SUM(sample_count) AS n FROM usage_rollups WHERE resolution = '5min'`
          const [hourly] = yield* sql<{ readonly n: number | null }>`SELECT SUM(sample_count) AS n FROM usage_rollups WHERE resolution <> '5min'`
          return (raw?.n ?? 0) + (rolled?.n ?? 0) + (hourly?.n ?? 0)
        }).pipe(Effect.provide(Storage.PgDatabase.layer({ url, member: "shared@member" })))
      )
      assert.strictEqual(counted, polls.length)
    }), { timeout: 120_000 })

  it.effect("a member schema from a newer version is refused untouched (exit 7)", () =>
    Effect.gen(function*() {
      const url = yield* tempDatabase("newer")
      yield* withHistory(member(url, "new@er"), Effect.flatMap(UsageHistory.UsageHistory, (h) => h.record(poll(t0, 10))))
      const schema = Storage.PgDatabase.schemaOf("new@er")
      const bump = Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        yield* sql`INSERT INTO ${sql(schema)}.effect_sql_migrations (migration_id, name) VALUES (99, 'future')`
      })
      yield* Effect.scoped(Effect.provide(bump, Storage.PgDatabase.client(Redacted.value(url), schema)))
      const exit = yield* Effect.exit(withHistory(member(url, "new@er"), Effect.flatMap(UsageHistory.UsageHistory, (h) => h.latest(profile))))
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) {
        const error = Exit.causeOption(exit).pipe(Option.flatMap((cause) => Option.fromNullable(JSON.stringify(cause))))
        assert.match(Option.getOrThrow(error), /newer cc-hdrm \(schema 99/)
        assert.match(Option.getOrThrow(error), /HistoryError/)
      }
      // Untouched: the poll is still there, and the migrations table still says 99.
      const still = yield* Effect.scoped(Effect.provide(
        Effect.flatMap(SqlClient.SqlClient, (sql) => sql<{ readonly n: number }>`SELECT COUNT(*) AS n FROM usage_polls`),
        Storage.PgDatabase.client(Redacted.value(url), schema)
      ))
      assert.strictEqual(still[0]?.n, 1)
      // `team` refuses to read a team where a member's history is newer than this version.
      const teamExit = yield* Effect.exit(Effect.scoped(Effect.provide(
        Effect.gen(function*() {
          const sql = yield* SqlClient.SqlClient
          yield* sql`UPDATE cchdrm.members SET schema_version = 99 WHERE member = 'new@er'`
          return yield* (yield* Storage.PgTeamHistory.make(url)).read(0, t0)
        }),
        Storage.PgDatabase.client(Redacted.value(url), schema)
      )))
      assert.include(JSON.stringify(teamExit), '"_tag":"HistoryError"')
      assert.match(JSON.stringify(teamExit), /runs a newer cc-hdrm \(schema 99/, JSON.stringify(teamExit))
    }))

  it.effect("unreachable, refused and TLS-requiring URLs fail to open with the host and no password", () =>
    Effect.gen(function*() {
      const { host, port } = cluster()
      const good = Postgres.urlOf({ host, port }, "postgres")
      const cases = [
        { url: `postgres://someone:hunter2@127.0.0.1:1/db`, tag: "HistoryUnreachable", text: /Cannot reach the team database at 127\.0\.0\.1:1 / },
        { url: good.replace(Postgres.password, "hunter2"), tag: "HistoryUnreachable", text: /refused the login of user 'postgres'/ },
        // sslmode from the URL is honoured: this server speaks no TLS, so the connection is refused.
        { url: `${good.replace(Postgres.password, "hunter2")}?sslmode=require`, tag: "HistoryUnreachable", text: /SSL/ }
      ]
      for (const { tag, text, url } of cases) {
        const exit = yield* Effect.exit(withHistory(member(Redacted.make(url), "x@y"), Effect.flatMap(UsageHistory.UsageHistory, (h) => h.profiles)))
        const failure = Exit.isFailure(exit) ? Option.getOrUndefined(Exit.causeOption(exit).pipe(Option.flatMap((c) => Option.fromNullable(c)))) : undefined
        const text_ = JSON.stringify(failure)
        assert.include(text_, tag, text_)
        assert.match(text_, text)
        assert.notInclude(text_, "hunter2")
      }
      assert.strictEqual(Storage.PgDatabase.maskUrl("postgres://u:hunter2@h:5/d?sslmode=require"), "postgres://u:****@h:5/d?sslmode=require")
    }))
})
