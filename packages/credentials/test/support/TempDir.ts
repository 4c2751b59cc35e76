// A fresh directory under the OS temp dir, removed when the scope closes.
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"

/** A new empty directory (mode 0755, so a dropped-privilege reader can enter it). */
export const make = Effect.acquireRelease(
  Effect.promise(async () => {
    const dir = await mkdtemp(join(tmpdir(), "cchdrm-credentials-"))
    await chmod(dir, 0o755)
    return dir
  }),
  (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true }))
)

/** Writes `text` to `path` with `mode`. */
export const put = (path: string, text: string | Uint8Array, mode = 0o600) =>
  Effect.promise(async () => {
    await writeFile(path, text, { mode })
    await chmod(path, mode)
  })

/** The file's bytes. */
export const bytes = (path: string) => Effect.promise(() => readFile(path))

/** The file's text. */
export const text = (path: string) => Effect.promise(() => readFile(path, "utf8"))

/** The permission bits of `path`. */
export const modeOf = (path: string) => Effect.promise(async () => (await stat(path)).mode & 0o777)
