// A vitest global setup: one throwaway PostgreSQL cluster for the whole run, its address given to
// every test file as `inject("postgres")`; each file creates its own database on it.
import type {} from "vitest"
import type { TestProject } from "vitest/node"
import * as Postgres from "./PostgresCluster.js"

declare module "vitest" {
  export interface ProvidedContext {
    readonly postgres: Postgres.ClusterAddress
  }
}

/** Starts the cluster; vitest calls the returned function to stop it after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await Postgres.startPostgres()
  project.provide("postgres", { host: cluster.host, port: cluster.port })
  return () => cluster.stop()
}
