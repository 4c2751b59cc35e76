// Replacing a file atomically: readers see the old content or the new, never a torn write (SPEC §1.3).
import { randomBytes } from "node:crypto"
import { open, realpath, rename, unlink } from "node:fs/promises"
import { basename, dirname, join } from "node:path"
import { Data, Effect } from "effect"

/** Writing failed; the original file is untouched. `reason` is one line. */
export class WriteFailed extends Data.TaggedError("WriteFailed")<{ readonly path: string; readonly reason: string }> {}

const codeOf = (cause: unknown): string =>
  typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string" ? cause.code : "unknown error"

// Make the rename itself durable; not every platform can open a directory, so this is best effort.
const syncDirectory = async (directory: string): Promise<void> => {
  try {
    const handle = await open(directory, "r")
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic.
  }
}

// A symlinked file (a dotfiles manager's) is replaced at its target, so the link survives.
const targetOf = (path: string): Promise<string> => realpath(path).catch(() => path)

const replace = async (link: string, text: string, mode: number): Promise<void> => {
  const path = await targetOf(link)
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`)
  try {
    const handle = await open(temp, "wx", mode)
    try {
      await handle.chmod(mode)
      await handle.writeFile(text, "utf8")
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (cause) {
    await unlink(temp).catch(() => undefined)
    throw cause
  }
  await syncDirectory(dirname(path))
}

/**
 * Replaces `path` with `text`: writes a temp file in the same directory with `mode` (umask does not
 * widen it), fsyncs it and renames it over `path` (over its target when `path` is a symlink). On failure the temp file is removed and `path`
 * keeps its old content.
 */
export const write = (path: string, text: string, mode = 0o600): Effect.Effect<void, WriteFailed> =>
  Effect.tryPromise({
    try: () => replace(path, text, mode),
    catch: (cause) => new WriteFailed({ path, reason: codeOf(cause) })
  })
