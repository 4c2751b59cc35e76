// The usage history's migrations, by id: `<number>_<name>` as Migrator.fromRecord expects.
import type * as SqlClient from "@effect/sql/SqlClient"
import type { Effect } from "effect"
import initial from "./0001_initial.js"
import resetRolledFlag from "./0002_reset_rolled_flag.js"

/** Every migration this version knows. */
export const all: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_initial": initial,
  "0002_reset_rolled_flag": resetRolledFlag
}

/** The newest schema version this version knows; a database past it is refused, never altered. */
export const latest: number = Math.max(...Object.keys(all).map((key) => Number.parseInt(key, 10)))
