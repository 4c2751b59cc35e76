// The first schema of the usage history (SPEC §4). Shipped migrations are never edited; add the next one.
import * as SqlClient from "@effect/sql/SqlClient"
import { Effect } from "effect"

// Portable DDL: BIGINT holds Unix ms, DOUBLE PRECISION percentages and credits, in SQLite and PostgreSQL alike.
// A window's `has_*` flag keeps "the API sent no window" apart from "a window with unknown values".
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE usage_polls (
    profile_id TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    source TEXT NOT NULL,
    has_five_hour INTEGER NOT NULL,
    five_hour_util DOUBLE PRECISION,
    five_hour_resets_at BIGINT,
    has_seven_day INTEGER NOT NULL,
    seven_day_util DOUBLE PRECISION,
    seven_day_resets_at BIGINT,
    extra_enabled INTEGER,
    extra_used_cents DOUBLE PRECISION,
    extra_limit_cents DOUBLE PRECISION,
    caps TEXT NOT NULL,
    tier TEXT,
    PRIMARY KEY (profile_id, fetched_at)
  )`
  yield* sql`CREATE INDEX usage_polls_fetched_at ON usage_polls (fetched_at)`
  yield* sql`CREATE TABLE usage_rollups (
    profile_id TEXT NOT NULL,
    resolution TEXT NOT NULL,
    period_start BIGINT NOT NULL,
    period_end BIGINT NOT NULL,
    sample_count INTEGER NOT NULL,
    five_hour_avg DOUBLE PRECISION,
    five_hour_peak DOUBLE PRECISION,
    five_hour_min DOUBLE PRECISION,
    five_hour_count INTEGER NOT NULL,
    seven_day_avg DOUBLE PRECISION,
    seven_day_peak DOUBLE PRECISION,
    seven_day_min DOUBLE PRECISION,
    seven_day_count INTEGER NOT NULL,
    reset_count INTEGER NOT NULL,
    unused_credits DOUBLE PRECISION,
    PRIMARY KEY (profile_id, resolution, period_start)
  )`
  yield* sql`CREATE INDEX usage_rollups_period ON usage_rollups (profile_id, period_start)`
  yield* sql`CREATE TABLE reset_events (
    profile_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    peak_5h DOUBLE PRECISION,
    seven_day_util DOUBLE PRECISION,
    tier TEXT,
    used_credits DOUBLE PRECISION,
    constrained_credits DOUBLE PRECISION,
    unused_credits DOUBLE PRECISION,
    PRIMARY KEY (profile_id, at)
  )`
  yield* sql`CREATE TABLE api_outages (
    profile_id TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    reason TEXT NOT NULL,
    PRIMARY KEY (profile_id, started_at)
  )`
  // At most one open outage per profile, even with several writers.
  yield* sql`CREATE UNIQUE INDEX api_outages_open ON api_outages (profile_id) WHERE ended_at IS NULL`
  yield* sql`CREATE TABLE rollup_state (
    profile_id TEXT NOT NULL PRIMARY KEY,
    last_run_at BIGINT NOT NULL,
    resets_rolled_before BIGINT NOT NULL
  )`
})
