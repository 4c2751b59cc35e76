// @effect/cli's flag-parse errors as one plain line like every other error (API.md B.3):
// `--min: 'abc' is not an integer` instead of its own unnamed, multi-line text.
import { HelpDoc, type ValidationError } from "@effect/cli"
import { ansi } from "./Terminal.js"

/** The error's text on one line; a bad value is prefixed with the flag that carried it. */
export const parseErrorText = (error: ValidationError.ValidationError, argv: ReadonlyArray<string>): string => {
  const text = "error" in error ? HelpDoc.toAnsiText(error.error).replace(ansi, "").replace(/\s+/g, " ").trim() : ""
  const [, value, type] = /^'(.*)' is not an? (.+)$/.exec(text) ?? []
  if (value === undefined || type === undefined) return text || "invalid command line (see cchdrm --help)"
  // The flag written right before the value (`--min abc`) or around it (`--min=abc`).
  const at = argv.findIndex((arg, i) => arg.endsWith(`=${value}`) || (arg === value && argv[i - 1]?.startsWith("-") === true))
  const flag = at === -1 ? "" : argv[at] === value ? argv[at - 1] : argv[at]!.slice(0, -value.length - 1)
  return `${flag ? `${flag}: ` : ""}'${value}' is not ${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`
}
