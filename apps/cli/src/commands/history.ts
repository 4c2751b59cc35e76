// `cchdrm history`: a range of one profile's history as sparklines with gaps (or --json / --csv).
import { Command, Options } from "@effect/cli"
import { ClearHistory, HistoryRange, HistoryText, PollNow, UsageHistory } from "@cchdrm/core"
import { Console, Effect, Schema } from "effect"
import { createInterface } from "node:readline/promises"
import { UsageError } from "@cchdrm/core/domain/UsageError"
import { profileOption, rangeOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the series (points, gaps, resets, outages) as JSON"))
const csv = Options.boolean("csv").pipe(Options.withDescription("print the points as CSV"))

const yes = Options.boolean("yes").pipe(Options.withDescription("delete without asking (required when not on a terminal)"))

// Asks on the terminal; anything but y/yes keeps the history.
const confirm = (question: string) =>
  Effect.promise(async () => {
    const prompt = createInterface({ input: process.stdin, output: process.stderr })
    try {
      return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim())
    } finally {
      prompt.close()
    }
  })

/**
 * `cchdrm history clear [--profile NAME] --yes` (SPEC §4): deletes one profile's history (a profile
 * the history knows, also one no longer configured) or everyone's, then reclaims the space. Without
 * `--yes` it asks on a terminal and refuses otherwise (exit 2).
 */
const clear = Command.make("clear", { profile: profileOption, yes }, ({ profile, yes }) =>
  Layers.provideLive(Effect.gen(function*() {
    const target = yield* ClearHistory.clearTarget(profile)
    if (!yes) {
      if (process.stdin.isTTY !== true || process.stderr.isTTY !== true) {
        return yield* new UsageError({ message: `history clear deletes ${target.description}: pass --yes to confirm` })
      }
      if (!(yield* confirm(`Delete ${target.description}? This cannot be undone.`))) return yield* Console.error("Nothing deleted.")
    }
    yield* ClearHistory.clearHistory(target)
    yield* Console.log(`Cleared ${target.description}.`)
  }), Layers.history)
).pipe(Command.withDescription("delete the usage history of one profile (--profile) or all, then reclaim the space"))

/** The `history` command. */
export const history = Command.make(
  "history",
  { profile: profileOption, range: rangeOption("24h"), json, csv },
  ({ csv, json, profile, range }) =>
    Layers.provideLive(Effect.gen(function*() {
      if (json && csv) return yield* new UsageError({ message: "--json and --csv cannot be combined — pick one" })
      const name = yield* PollNow.chosenProfile(profile)
      const series = yield* HistoryRange.history(name, range)
      if (json) {
        return yield* Console.log(JSON.stringify({ range, ...Schema.encodeSync(UsageHistory.Series)(series) }, null, 2))
      }
      if (csv) return yield* Console.log([HistoryText.csvHeader, ...HistoryText.csvRows(series)].join("\n"))
      yield* Console.log(HistoryText.lines(series, range).join("\n"))
    }), Layers.stored)
).pipe(Command.withDescription("usage history of a range as sparklines with gaps, or --json / --csv"), Command.withSubcommands([clear]))
