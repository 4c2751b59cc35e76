// The whole history on the team's PostgreSQL database (API.md B.8). HistoryDatabase loads this
// module only when CCHDRM_DATABASE_URL is set: the PostgreSQL driver costs every start ~40 ms.
import type { TeamHistory, UsageHistory } from "@cchdrm/core"
import { Layer } from "effect"
import type * as HistoryArchive from "./HistoryArchive.js"
import * as PgDatabase from "./PgDatabase.js"
import * as PgTeamHistory from "./PgTeamHistory.js"
import * as PgUsageHistory from "./PgUsageHistory.js"

/** The member's history and archive, and the team view, on the shared database; connected and migrated when built. */
export const layer = (
  shared: PgDatabase.Options
): Layer.Layer<UsageHistory.UsageHistory | HistoryArchive.HistoryArchive | TeamHistory.TeamHistory, UsageHistory.HistoryError | UsageHistory.HistoryUnreachable> =>
  Layer.merge(PgUsageHistory.layer(shared), PgTeamHistory.layer(shared.url)).pipe(Layer.provide(PgDatabase.layer(shared)))
