// Reads what another program piped to stdin, never blocking: nothing from a terminal, a file or
// /dev/null is read at once, and from a pipe whatever arrived within `boundMillis` (a writer may
// keep the pipe open). Effect-free (lean bundle); `process.stdin` is only touched for a pipe,
// because creating it costs a few milliseconds.
import { fstatSync, readFileSync } from "node:fs"
import { isatty } from "node:tty"

const nonEmpty = (text: string): string | null => text.trim() === "" ? null : text

/** The piped text, `null` when stdin is a terminal or nothing arrived in time. */
export const readPiped = (boundMillis = 150): Promise<string | null> => {
  if (isatty(0)) return Promise.resolve(null)
  try {
    const stat = fstatSync(0)
    if (stat.isFile() || stat.isCharacterDevice()) return Promise.resolve(nonEmpty(readFileSync(0, "utf8")))
  } catch {
    // No stdin at all (closed descriptor): nothing was piped.
    return Promise.resolve(null)
  }
  const stdin = process.stdin
  return new Promise((resolve) => {
    const chunks: Array<Buffer> = []
    const finish = () => {
      clearTimeout(timer)
      stdin.removeAllListeners()
      stdin.pause()
      stdin.unref?.()
      resolve(nonEmpty(Buffer.concat(chunks).toString("utf8")))
    }
    const timer = setTimeout(finish, boundMillis)
    stdin.on("data", (chunk: Buffer) => chunks.push(chunk))
    stdin.on("end", finish)
    stdin.on("error", finish)
  })
}
