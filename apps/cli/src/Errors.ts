// How a finished command ends (API.md B.3): the code comes from core's ExitCode, the message is
// printed on one line to stderr — never a stack trace, never a token.
import { ExitCode } from "@cchdrm/core"
import { ValidationError } from "@effect/cli"
import { Data, type Exit } from "effect"
import { parseErrorText } from "./ParseError.js"

/**
 * The command already printed its output and ends with `code` (e.g. `status` of a profile without
 * credentials: the B.2 document, then exit 3; `guard` below the minimum: exit 10).
 */
export class ExitWith extends Data.TaggedError("ExitWith")<{ readonly code: ExitCode.ExitCode }> {}

// Failures only the CLI knows: output already printed, help asked for, or a command line that does not parse.
const ofFailure = (argv: ReadonlyArray<string>) => (error: unknown): ExitCode.Outcome => {
  if (error instanceof ExitWith) return { code: error.code, message: null }
  if (ValidationError.isValidationError(error)) {
    return ValidationError.isHelpRequested(error)
      ? { code: 0, message: null }
      : { code: 2, message: parseErrorText(error, argv) }
  }
  return ExitCode.ofFailure(error)
}

/** What the process prints to stderr (nothing when `null`, else one line, no token) and exits with. */
export const outcomeOf = <A, E>(exit: Exit.Exit<A, E>, argv: ReadonlyArray<string>): ExitCode.Outcome => ExitCode.outcomeOf(exit, ofFailure(argv))
