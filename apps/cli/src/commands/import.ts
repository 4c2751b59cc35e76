// `cchdrm import`: the export's JSON Lines (API.md B.4): polls, and the buckets, resets and outages of
// a whole-history export; all or nothing unless --skip-invalid.
import { Args, Command, Options } from "@effect/cli"
import { HistoryArchive, HistoryImport, ImportSummary } from "@cchdrm/storage"
import { Console, Effect, Schema } from "effect"
import { jsonOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"

const file = Args.text({ name: "FILE" }).pipe(Args.withDescription("a JSON Lines file, or - for standard input"))
const skipInvalid = Options.boolean("skip-invalid").pipe(
  Options.withDescription("skip and count malformed lines instead of importing nothing")
)

/** The `import` command. */
export const importCommand = Command.make(
  "import",
  { file, skipInvalid, json: jsonOption("print the summary as JSON") },
  (input) =>
    Layers.provideLive(Effect.gen(function*() {
      const report = yield* HistoryArchive.importWithPreferences(input.file, { skipInvalid: input.skipInvalid })
      if (input.json) return yield* Console.log(JSON.stringify(Schema.encodeSync(HistoryImport.ImportReport)(report)))
      yield* Console.log(ImportSummary.text(report))
    }), Layers.stored)
).pipe(Command.withDescription("read a history exported by `cchdrm export` (JSON Lines) into the history; - reads stdin"))

/**
 * `cchdrm import - --skip-invalid`: @effect/cli stops looking for options after a lone `-`, so the
 * `-` of `import` moves behind its flags (none of which takes a value). Other argv is returned as is.
 */
export const stdinLast = (argv: ReadonlyArray<string>): Array<string> => {
  const at = argv.indexOf("import", 2)
  // Only when `import` is the subcommand: nothing but global flags before it.
  if (at === -1 || argv.slice(2, at).some((arg) => !arg.startsWith("-"))) return [...argv]
  const rest = argv.slice(at + 1)
  if (rest.includes("--")) return [...argv]
  return [...argv.slice(0, at + 1), ...rest.filter((arg) => arg !== "-"), ...rest.filter((arg) => arg === "-")]
}
