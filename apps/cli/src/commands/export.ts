// `cchdrm export`: the stored polls as JSON Lines or CSV (API.md B.4), oldest first, streamed.
import { Command, Options } from "@effect/cli"
import { ProfileEdits } from "@cchdrm/core"
import { HistoryArchive } from "@cchdrm/storage"
import { Console, Effect, Option } from "effect"
import { profileOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"

const format = Options.choice("format", ["jsonl", "csv"] as const).pipe(
  Options.withDescription("JSON Lines (what `import` reads back) or CSV"),
  Options.withDefault("jsonl")
)
const output = Options.text("output").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("write to this file (created or replaced) instead of standard output"),
  Options.optional
)

/** The `export` command. */
export const exportCommand = Command.make("export", { profile: profileOption, format, output }, (input) =>
  Layers.provideLive(Effect.gen(function*() {
    // Any profile name is accepted: the history may hold profiles since removed from the config.
    const profile = Option.isSome(input.profile) ? yield* ProfileEdits.parseName(input.profile.value) : undefined
    const file = Option.getOrUndefined(input.output)
    const written = yield* (yield* HistoryArchive.HistoryArchive).exportTo({ format: input.format, profile, output: file })
    // The data goes to stdout; a note about a file goes to stderr.
    if (file !== undefined && file !== "-") yield* Console.error(`Wrote ${written} lines to ${file}`)
  }), Layers.history)).pipe(Command.withDescription("write the stored polls as JSON Lines (default) or CSV, oldest first"))
