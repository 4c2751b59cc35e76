// A real terminal for tests: a detached tmux session of a given size running one command, read
// with capture-pane and driven with send-keys, as a person would see and type.
import { execFileSync } from "node:child_process"
import { randomUUID } from "node:crypto"

const tmux = (...args: ReadonlyArray<string>) => execFileSync("tmux", args, { encoding: "utf8" })

/** A running session. */
export interface Session {
  /** The visible screen, one string per row (trailing spaces trimmed). */
  readonly screen: () => ReadonlyArray<string>
  /** Waits until the screen matches `pattern`; fails with the screen as it was. */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<ReadonlyArray<string>>
  readonly keys: (...keys: ReadonlyArray<string>) => void
  readonly resize: (columns: number, rows: number) => void
  /** Whether the program has the alternate screen on. */
  readonly alternateScreen: () => boolean
  readonly kill: () => void
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Starts `command` (a shell line) in a `columns`×`rows` terminal with `env`. */
export const start = (command: string, options: { readonly columns: number; readonly rows: number; readonly env: Readonly<Record<string, string>> }): Session => {
  const name = `cchdrm-${randomUUID().slice(0, 8)}`
  const env = Object.entries(options.env).flatMap(([key, value]) => ["-e", `${key}=${value}`])
  // The shell stays a while after the program, so its exit line can be read.
  tmux("new-session", "-d", "-s", name, "-x", String(options.columns), "-y", String(options.rows), ...env, `${command}; echo "EXIT=$?"; sleep 600`)
  // capture-pane ends every row, the last one too, with a newline.
  const screen = () => tmux("capture-pane", "-p", "-t", name).replace(/\n$/, "").split("\n").map((line) => line.trimEnd())
  return {
    screen,
    waitFor: async (pattern, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const shown = screen()
        if (pattern.test(shown.join("\n"))) return shown
        if (Date.now() > deadline) throw new Error(`screen never matched ${pattern}:\n${shown.join("\n")}`)
        await sleep(200)
      }
    },
    keys: (...keys) => void tmux("send-keys", "-t", name, ...keys),
    resize: (columns, rows) => void tmux("resize-window", "-t", name, "-x", String(columns), "-y", String(rows)),
    alternateScreen: () => tmux("display-message", "-p", "-t", name, "#{alternate_on}").trim() === "1",
    kill: () => {
      try {
        tmux("kill-session", "-t", name)
      } catch {
        // Already gone.
      }
    }
  }
}
