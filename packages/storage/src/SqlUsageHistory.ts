// UsageHistory over SqlClient (SPEC §4): portable SQL; the SQLite specifics live in SqliteDatabase.ts.
import { Reset, Rollup, UsageHistory } from "@cchdrm/core"
import type { Usage } from "@cchdrm/core"
// Deep import: the namespace's declarations keep only the type of a name that is also a value.
import * as Profile from "@cchdrm/core/domain/Profile"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Layer, Option, type ParseResult, Schema } from "effect"
import { decodeBucketPoints, decodePollPoints, decodePollRows, decodeResetRows, EventFromRow, OutageFromRow, SnapshotFromRow } from "./internal/HistoryRows.js"
import * as SqlRollups from "./internal/SqlRollups.js"

/** How database failures are explained to the user. */
export interface Options {
  /** The one line for a failed statement, naming the file and the fix. */
  readonly describe?: ((cause: unknown) => string) | undefined
}

const decodePolls = decodePollRows
const decodeOutages = Schema.decodeUnknown(Schema.Array(OutageFromRow))
const decodeProfiles = Schema.decodeUnknown(Schema.Array(Schema.Struct({ profile_id: Schema.String })))
const encodePoll = Schema.encode(SnapshotFromRow)
const encodeEvent = Schema.encode(EventFromRow)

const genericDescribe = (cause: unknown): string =>
  `the history database failed (${String((cause as { readonly message?: unknown }).message ?? cause).replace(/\s+/g, " ")}). Run 'cchdrm doctor'.`

/** The UsageHistory of the database behind `SqlClient`, with failures explained by `options.describe`. */
export const makeWith = (options: Options = {}) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const describe = options.describe ?? genericDescribe
    const fail = (operation: string) => <A, R>(effect: Effect.Effect<A, SqlError | ParseResult.ParseError, R>) =>
      effect.pipe(Effect.catchTags({
        SqlError: (error) => Effect.fail(new UsageHistory.HistoryError({ operation, problem: describe(error) })),
        ParseError: (error) =>
          Effect.fail(
            new UsageHistory.HistoryError({
              operation,
              problem: `a stored row is damaged (${error.message.split("\n")[0] ?? ""}). Export what is readable, then clear the history.`
            })
          )
      }))

    const pollsBetween = (profile: string, from: number, to: number) =>
      sql`SELECT * FROM usage_polls WHERE profile_id = ${profile} AND fetched_at >= ${from} AND fetched_at < ${to}
        ORDER BY fetched_at`.pipe(Effect.flatMap(decodePolls))

    const resetsBetween = (profile: string, from: number, to: number) =>
      sql`SELECT * FROM reset_events WHERE profile_id = ${profile} AND at >= ${from} AND at < ${to} ORDER BY at`.pipe(
        Effect.flatMap(decodeResetRows)
      )

    const record = Effect.fn("UsageHistory.record")(function*(snapshot: Usage.UsageSnapshot) {
      const row = yield* encodePoll(snapshot)
      return yield* sql.withTransaction(Effect.gen(function*() {
        // Written first, so the transaction holds the write lock before it reads. A poll already
        // stored (same profile and time) stays as it was: recording is idempotent.
        yield* sql`INSERT INTO usage_polls ${sql.insert(row)} ON CONFLICT (profile_id, fetched_at) DO NOTHING`
        const stored = yield* sql`SELECT * FROM usage_polls WHERE profile_id = ${row.profile_id} AND fetched_at = ${row.fetched_at}`
          .pipe(Effect.flatMap(decodePolls))
        const next = stored[0] ?? snapshot
        const previous = yield* sql`SELECT * FROM usage_polls WHERE profile_id = ${row.profile_id} AND fetched_at < ${row.fetched_at}
          ORDER BY fetched_at DESC LIMIT 1`.pipe(Effect.flatMap(decodePolls))
        if (previous[0] === undefined) return { reset: Option.none() }
        // Most polls are no reset: only one that is needs the 5 h of polls for its peak.
        if (Option.isNone(Reset.detect(previous[0], next))) return { reset: Option.none() }
        const recent = yield* pollsBetween(row.profile_id, row.fetched_at - Reset.peakWindowMillis, row.fetched_at)
        // The nearest event either side: the cooldown counts both ways (SPEC §2).
        const nearest = yield* sql<{ readonly at: number }>`SELECT at FROM reset_events WHERE profile_id = ${row.profile_id}
          ORDER BY ABS(at - ${row.fetched_at}) LIMIT 1`
        const event = Reset.eventFor({ previous: previous[0], next, recent, lastEventAt: nearest[0]?.at ?? null })
        if (Option.isSome(event)) {
          const eventRow = yield* encodeEvent(event.value)
          yield* sql`INSERT INTO reset_events ${sql.insert(eventRow)} ON CONFLICT (profile_id, at) DO NOTHING`
        }
        return { reset: event }
      }))
    }, fail("record"))

    const latest = Effect.fn("UsageHistory.latest")(function*(profile: Profile.ProfileName) {
      const rows = yield* sql`SELECT * FROM usage_polls WHERE profile_id = ${profile} ORDER BY fetched_at DESC LIMIT 1`.pipe(
        Effect.flatMap(decodePolls)
      )
      return Option.fromNullable(rows[0])
    }, fail("latest"))

    const polls = Effect.fn("UsageHistory.polls")(
      (profile: Profile.ProfileName, from: number, to: number) => pollsBetween(profile, from, to),
      fail("polls")
    )

    const resets = Effect.fn("UsageHistory.resets")(
      (profile: Profile.ProfileName, from: number, to: number) => resetsBetween(profile, from, to),
      fail("resets")
    )

    const outagesOverlapping = (profile: string, from: number, to: number) =>
      sql`SELECT * FROM api_outages WHERE profile_id = ${profile} AND started_at < ${to}
        AND (ended_at IS NULL OR ended_at >= ${from}) ORDER BY started_at`.pipe(Effect.flatMap(decodeOutages))

    const series = Effect.fn("UsageHistory.series")(function*(
      profile: Profile.ProfileName,
      range: { readonly from: number; readonly to: number; readonly gapThreshold: number }
    ) {
      const { from, to } = range
      // Raw polls where they still exist (the last 24 h once rollups ran), buckets beyond.
      const raw = yield* sql`SELECT fetched_at, has_five_hour, five_hour_util, has_seven_day, seven_day_util
        FROM usage_polls WHERE profile_id = ${profile} AND fetched_at >= ${from} AND fetched_at < ${to}`.pipe(
        Effect.flatMap(decodePollPoints)
      )
      const rolledUp = yield* sql`SELECT * FROM usage_rollups WHERE profile_id = ${profile}
        AND period_start >= ${from} AND period_start < ${to}`.pipe(Effect.flatMap(decodeBucketPoints))
      const points = [...raw, ...rolledUp].sort((a, b) => a.at - b.at)
      // Bucket starts are a bucket apart even when nothing is missing (Rollup.gapThresholdFor).
      const threshold = rolledUp.reduce(
        (widest, point) => point.resolution === "raw" ? widest : Math.max(widest, Rollup.bucketMillis[point.resolution]),
        range.gapThreshold
      )
      const gaps = Rollup.findGaps(points.map((point) => point.at), threshold, { from, to })
      // Every part is decoded or built typed above; checking thousands of points again is waste.
      return new UsageHistory.Series({
        profile,
        from,
        to,
        points,
        gaps: gaps.map((gap) => new UsageHistory.Gap(gap)),
        resets: yield* resetsBetween(profile, from, to),
        outages: yield* outagesOverlapping(profile, from, to)
      }, true)
    }, fail("series"))

    const maintain = Effect.fn("UsageHistory.maintain")(
      (maintenance: UsageHistory.Maintenance) => SqlRollups.maintain(sql, maintenance),
      fail("rollup")
    )

    const openOutage = Effect.fn("UsageHistory.openOutage")(
      (profile: Profile.ProfileName, at: number, reason: string) =>
        // The partial unique index keeps one open outage per profile; a second open is a no-op.
        sql`INSERT INTO api_outages ${
          sql.insert({ profile_id: profile, started_at: at, ended_at: null, reason })
        } ON CONFLICT DO NOTHING`.pipe(Effect.asVoid),
      fail("openOutage")
    )

    const closeOutage = Effect.fn("UsageHistory.closeOutage")(
      (profile: Profile.ProfileName, at: number) =>
        sql`UPDATE api_outages SET ended_at = ${at} WHERE profile_id = ${profile} AND ended_at IS NULL`.pipe(Effect.asVoid),
      fail("closeOutage")
    )

    const profiles = sql`SELECT profile_id FROM usage_polls UNION SELECT profile_id FROM usage_rollups
      UNION SELECT profile_id FROM reset_events UNION SELECT profile_id FROM api_outages ORDER BY profile_id`.pipe(
      Effect.flatMap(decodeProfiles),
      Effect.flatMap((rows) => Schema.decodeUnknown(Schema.Array(Profile.ProfileName))(rows.map((row) => row.profile_id))),
      Effect.withSpan("UsageHistory.profiles"),
      fail("profiles")
    )

    const clear = sql.withTransaction(Effect.gen(function*() {
      yield* sql`DELETE FROM usage_polls`
      yield* sql`DELETE FROM usage_rollups`
      yield* sql`DELETE FROM reset_events`
      yield* sql`DELETE FROM api_outages`
      yield* sql`DELETE FROM rollup_state`
    })).pipe(
      // VACUUM reclaims the space; it cannot run inside a transaction.
      Effect.zipRight(sql.onDialectOrElse({ sqlite: () => Effect.asVoid(sql`VACUUM`), orElse: () => Effect.void })),
      Effect.asVoid,
      Effect.withSpan("UsageHistory.clear"),
      fail("clear")
    )

    const clearProfile = (profile: Profile.ProfileName) =>
      sql.withTransaction(Effect.gen(function*() {
        yield* sql`DELETE FROM usage_polls WHERE profile_id = ${profile}`
        yield* sql`DELETE FROM usage_rollups WHERE profile_id = ${profile}`
        yield* sql`DELETE FROM reset_events WHERE profile_id = ${profile}`
        yield* sql`DELETE FROM api_outages WHERE profile_id = ${profile}`
        yield* sql`DELETE FROM rollup_state WHERE profile_id = ${profile}`
      })).pipe(
        Effect.zipRight(sql.onDialectOrElse({ sqlite: () => Effect.asVoid(sql`VACUUM`), orElse: () => Effect.void })),
        Effect.asVoid,
        Effect.withSpan("UsageHistory.clearProfile"),
        fail("clear")
      )

    return UsageHistory.UsageHistory.of({
      record,
      latest,
      polls,
      maintain,
      series,
      resets,
      openOutage,
      closeOutage,
      profiles,
      clear,
      clearProfile
    })
  })

/** The UsageHistory of the database behind `SqlClient`. */
export const make = makeWith()

/** @see make */
export const layer: Layer.Layer<UsageHistory.UsageHistory, never, SqlClient.SqlClient> = Layer.effect(UsageHistory.UsageHistory, make)

/** @see makeWith */
export const layerWith = (options: Options): Layer.Layer<UsageHistory.UsageHistory, never, SqlClient.SqlClient> =>
  Layer.effect(UsageHistory.UsageHistory, makeWith(options))
