// Running macOS's `security` tool: arguments name items only, secrets travel on stdin and stdout.
import { Data, Duration, Effect } from "effect"

/** What the tool printed and how it ended. Never put `stdout` or `stderr` into a message. */
export interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** The tool could not be run at all (`missing`: not installed) or did not finish in time. */
export class SecurityUnavailable extends Data.TaggedError("SecurityUnavailable")<{
  readonly missing: boolean
  readonly reason: string
}> {}

/** How long one call may take; a Keychain access prompt left unanswered must not hang a poll. */
export const timeout = Duration.seconds(20)

/** `security find-generic-password` exits with this when the item does not exist. */
export const itemNotFound = 44

/**
 * Runs `command` (normally `security`, looked up on `PATH`) with `args` and, when given, `stdin`
 * written to its standard input — the only way a secret may reach it. No shell is involved.
 */
export const run = (
  command: string,
  args: ReadonlyArray<string>,
  stdin?: string
): Effect.Effect<Outcome, SecurityUnavailable> =>
  // Loaded on first use (macOS only): node:child_process costs every start ~10 ms elsewhere.
  Effect.flatMap(Effect.promise(() => import("node:child_process")), ({ spawn }) => Effect.async<Outcome, SecurityUnavailable>((resume) => {
    const child = spawn(command, [...args], { stdio: ["pipe", "pipe", "pipe"], shell: false })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
    child.on("error", (error: NodeJS.ErrnoException) =>
      resume(Effect.fail(new SecurityUnavailable({ missing: error.code === "ENOENT", reason: `cannot run '${command}' (${error.code ?? "unknown error"})` }))))
    child.on("close", (code, signal) => resume(Effect.succeed({ code: code ?? (signal === null ? 1 : 128), stdout, stderr })))
    // A tool that exits before reading its input makes the write fail with EPIPE; its exit code tells.
    child.stdin.on("error", () => undefined)
    child.stdin.end(stdin ?? "")
    return Effect.sync(() => void child.kill())
  })).pipe(
    Effect.timeoutFail({
      duration: timeout,
      onTimeout: () => new SecurityUnavailable({ missing: false, reason: `'${command}' did not answer within ${Duration.format(timeout)}` })
    })
  )

/** `value` quoted for one line of `security -i` input. */
export const quote = (value: string): string => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`
