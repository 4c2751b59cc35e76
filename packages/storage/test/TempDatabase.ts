// A fresh database file in its own temporary directory, removed afterwards.
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { Effect } from "effect"

/** A new temporary directory for the scope's lifetime. */
export const tempDir = Effect.acquireRelease(
  Effect.promise(() => mkdtemp(path.join(tmpdir(), "cchdrm-storage-"))),
  (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true }))
)

/** The path of a not-yet-existing `usage.db` in a new temporary directory. */
export const tempFile = Effect.map(tempDir, (dir) => path.join(dir, "usage.db"))
