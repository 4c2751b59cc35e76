// TeamHistory over the shared PostgreSQL database: every member's newest polls and the range's
// resets, read in two statements across the members' schemas (API.md B.8).
import { TeamHistory, UsageHistory } from "@cchdrm/core"
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect, Layer, Redacted, Schema } from "effect"
import { decodePollRows, decodeResetRows, quickOrDecode } from "./internal/HistoryRows.js"
import * as Migrations from "./migrations/index.js"
import * as PgDatabase from "./PgDatabase.js"

const MemberColumn = Schema.Struct({ member: Schema.String })
const decodeMembers = quickOrDecode(
  (row) => typeof row === "object" && row !== null && typeof (row as { readonly member?: unknown }).member === "string" ? row as typeof MemberColumn.Type : undefined,
  Schema.decodeUnknown(MemberColumn)
)

/** The team's history in the database at `url`. */
export const make = (url: Redacted.Redacted<string>) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const describe = PgDatabase.describe(Redacted.value(url))
    const read = Effect.fn("TeamHistory.read")(function*(from: number, to: number) {
      const members = yield* PgDatabase.members(sql)
      const version = Math.max(0, ...members.map((member) => member.version))
      if (version > Migrations.latest) {
        return yield* new UsageHistory.HistoryError({
          operation: "team",
          problem: `A member of the team database at ${PgDatabase.hostOf(Redacted.value(url))} runs a newer cc-hdrm (schema ${version}, this version knows ${Migrations.latest}). Update cc-hdrm on this machine.`
        })
      }
      const pollRows = yield* PgDatabase.latestPolls(sql, members)
      const resetRows = yield* PgDatabase.resetsBetween(sql, members, from, to)
      const snapshots = yield* decodePollRows(pollRows)
      const pollMembers = yield* decodeMembers(pollRows)
      const events = yield* decodeResetRows(resetRows)
      const resetMembers = yield* decodeMembers(resetRows)
      return {
        members: members.map((entry) => entry.member),
        latest: snapshots.map((snapshot, index) => ({ member: pollMembers[index]!.member, snapshot })),
        resets: events.map((event, index) => ({ member: resetMembers[index]!.member, event }))
      }
    }, Effect.catchTags({
      SqlError: (error) =>
        Effect.fail(
          PgDatabase.isUnreachable(error)
            ? new UsageHistory.HistoryUnreachable({ problem: describe(error) })
            : new UsageHistory.HistoryError({ operation: "team", problem: describe(error) })
        ),
      ParseError: (error) =>
        Effect.fail(
          new UsageHistory.HistoryError({ operation: "team", problem: `a stored row is damaged (${error.message.split("\n")[0] ?? ""}).` })
        )
    }))
    return TeamHistory.TeamHistory.of({ read })
  })

/** @see make */
export const layer = (url: Redacted.Redacted<string>): Layer.Layer<TeamHistory.TeamHistory, never, SqlClient.SqlClient> =>
  Layer.effect(TeamHistory.TeamHistory, make(url))
