// A fresh database on the run's PostgreSQL cluster (test/support/postgres.global.ts).
import { Postgres } from "@cchdrm/testkit"
import { Effect, Redacted } from "effect"
import "@cchdrm/testkit/PostgresGlobalSetup"
import { inject } from "vitest"

/** The cluster the global setup started. */
export const cluster = (): Postgres.ClusterAddress => inject("postgres")

/** The URL of a new, empty database. */
export const tempDatabase = (prefix = "storage"): Effect.Effect<Redacted.Redacted<string>> =>
  Effect.promise(() => Postgres.createDatabase(cluster(), Postgres.uniqueName(prefix))).pipe(Effect.map(Redacted.make))
