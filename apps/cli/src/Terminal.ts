// How the CLI writes to a terminal: ANSI colour per headroom state, off under NO_COLOR or a pipe.
import type { Headroom, StatusText } from "@cchdrm/core"
import { type Console, Effect } from "effect"

const codes: { readonly [S in Headroom.State]: string } = {
  normal: "32",
  caution: "33",
  warning: "93",
  critical: "31",
  exhausted: "91",
  disconnected: "90"
}

/** Colour is on for a TTY unless `NO_COLOR` is set to anything non-empty (no-color.org). */
export const colorEnabled = (stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean =>
  stream.isTTY === true && (env["NO_COLOR"] ?? "") === ""

/** Joins lines, tinting each by its state when colour is on. */
export const paint = (lines: ReadonlyArray<StatusText.Line>, color: boolean): string =>
  lines.map(({ state, text }) => color && state !== null ? `\u001b[${codes[state]}m${text}\u001b[0m` : text).join("\n")

// eslint-disable-next-line no-control-regex
export const ansi = /\u001b\[[0-9;]*m/g

/**
 * A console that drops ANSI styling, for when colour is off: @effect/cli styles its help and
 * error text unconditionally.
 */
export const plainConsole = (base: Console.Console): Console.Console => {
  const strip = (args: ReadonlyArray<unknown>) => args.map((arg) => typeof arg === "string" ? arg.replace(ansi, "") : arg)
  return { ...base, log: (...args) => base.log(...strip(args)), error: (...args) => base.error(...strip(args)) }
}

/** A console that prints no errors: @effect/cli's own parse-error text, replaced by one line of ours. */
export const quietErrors = (base: Console.Console): Console.Console => ({ ...base, error: () => Effect.void })
