// What `doctor` found: one check per place it looked, each fine or a problem with its fix, shown
// as text for people and as a JSON document for programs.
import * as ExitCode from "./ExitCode.js"

/** One thing checked; `code` is 0 when fine, else the exit code the problem stands for (API.md B.3). */
export interface Check {
  readonly label: string
  /** Where it looked and what it found, or the problem's one-line message with its fix. */
  readonly detail: string
  readonly code: ExitCode.ExitCode
}

/** A check that found nothing wrong. */
export const ok = (label: string, detail: string): Check => ({ label, detail, code: 0 })

/** A check that met `error`: it stands for the exit code that error has everywhere else. */
export const problem = (label: string, error: unknown): Check => {
  const { code, message } = ExitCode.ofFailure(error)
  return { label, detail: message, code }
}

/** The exit code of the whole report: the worst problem's, 0 when all is well. */
export const exitCode = (checks: ReadonlyArray<Check>): ExitCode.ExitCode => ExitCode.worst(checks.map((check) => check.code))

/** `✓ Label: detail` / `✗ Label: problem and fix`, one line per check. */
export const lines = (checks: ReadonlyArray<Check>): string =>
  checks.map((check) => `${check.code === 0 ? "✓" : "✗"} ${check.label}: ${check.detail}`).join("\n")

/** `cchdrm doctor --json`. */
export interface Document {
  readonly exitCode: ExitCode.ExitCode
  readonly checks: ReadonlyArray<{ readonly label: string; readonly ok: boolean; readonly detail: string; readonly exitCode: ExitCode.ExitCode }>
}

/** The report for programs: every check in order, and the code `doctor` exits with. */
export const document = (checks: ReadonlyArray<Check>): Document => ({
  exitCode: exitCode(checks),
  checks: checks.map((check) => ({ label: check.label, ok: check.code === 0, detail: check.detail, exitCode: check.code }))
})
