// THE one place where failures become exit codes and messages (API.md B.3): a user-facing error
// prints one line to stderr and exits with its code; anything else is a bug, exit 1. Never a stack
// trace, never a token.
import { ExitCode } from "@cchdrm/core"
import { ValidationError } from "@effect/cli"
import { Cause, ConfigError, Data, Exit, Option, Schema } from "effect"

/** A command was used in a way it cannot serve (exit code 2). */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", { message: Schema.String }) {}

/**
 * The command already printed its output and ends with `code` (e.g. `status` of a profile without
 * credentials: the B.2 document, then exit 3; `guard` below the minimum: exit 10).
 */
export class ExitWith extends Data.TaggedError("ExitWith")<{ readonly code: ExitCode.ExitCode }> {}

/** A failure with a tag and a one-line message (every error of core, storage and credentials). */
interface Tagged {
  readonly _tag: string
  readonly message: string
}

// Errors outside core's `CchdrmError` and their codes: bad flags, values and environment are usage errors.
const extraCodes: Readonly<Record<string, ExitCode.ExitCode>> = {
  UsageError: 2,
  DataPathInvalid: 2
}

const isTagged = (error: unknown): error is Tagged =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string" &&
  "message" in error && typeof error.message === "string"

/** One line, no token: core's messages are already redacted; this is the last line of defence. */
export const sanitize = (text: string): string =>
  text
    .replace(/sk-ant-[A-Za-z0-9_-]+/g, "[redacted]")
    .replace(/Bearer\s+\S+/gi, "Bearer [redacted]")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("at "))
    .join(" ")

/** What the process prints to stderr (nothing when `null`) and exits with. */
export interface Outcome {
  readonly code: ExitCode.ExitCode
  readonly message: string | null
}

const ofFailure = (error: unknown): Outcome => {
  if (error instanceof ExitWith) return { code: error.code, message: null }
  // @effect/cli printed its own help or error text already.
  if (ValidationError.isValidationError(error)) {
    return { code: ValidationError.isHelpRequested(error) ? 0 : 2, message: null }
  }
  // A bad environment value (e.g. CCHDRM_TOKEN_URL over plain http to another host).
  if (ConfigError.isConfigError(error)) return { code: 2, message: sanitize(String(error)) }
  if (isTagged(error)) {
    const known = extraCodes[error._tag] ?? ExitCode.ofTag(error._tag)
    if (known !== undefined) return { code: known, message: sanitize(error.message) }
  }
  return { code: 1, message: `internal error: ${sanitize(isTagged(error) ? error.message : String(error))}` }
}

/** The outcome of a finished program. An interruption (Ctrl-C in `watch`) is a clean stop. */
export const outcomeOf = <A, E>(exit: Exit.Exit<A, E>): Outcome =>
  Exit.match(exit, {
    onSuccess: () => ({ code: 0, message: null }),
    onFailure: (cause) => {
      if (Cause.isInterruptedOnly(cause)) return { code: 0, message: null }
      return Option.match(Cause.failureOption(cause), {
        onSome: ofFailure,
        onNone: () => {
          const defect = Cause.squash(cause)
          return { code: 1, message: `internal error: ${sanitize(defect instanceof Error ? defect.message : String(defect))}` }
        }
      })
    }
  })
