// `cchdrm guard --min N`: exit 0 when a window's headroom is at least N %, 10 when below — for
// scripts and agents to gate work (`--json` adds the verdict as a document). Core's `guard` uses
// the stored poll while it is fresh, else polls now.
import { Command, Options } from "@effect/cli"
import { Display, Guard } from "@cchdrm/core"
import { Console, Effect, Option } from "effect"
import { ExitWith } from "../Errors.js"
import { jsonOption, profileOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"

const min = Options.integer("min").pipe(
  Options.withDescription("the least headroom, in percent (0–100), that lets work go on"),
  Options.filterMap((n) => (n >= 0 && n <= 100 ? Option.some(n) : Option.none()), "--min must be an integer from 0 to 100")
)
const window = Options.choice("window", ["5h", "7d"] as const).pipe(
  Options.withDescription("which window to check"),
  Options.withDefault("5h")
)

/** The `guard` command. */
export const guard = Command.make("guard", {
  min,
  window,
  profile: profileOption,
  json: jsonOption("print the verdict as JSON: {profile, window, headroom, min, pass}")
}, ({ json, ...options }) =>
  Layers.provideLive(Effect.gen(function*() {
    const verdict = yield* Guard.guard(options)
    if (json) yield* Console.log(JSON.stringify(Display.guardDocument(verdict), null, 2))
    if (verdict.headroom === null) yield* Console.error(`cchdrm: ${Display.guardUnknownText(verdict.profile, verdict.window)}`)
    else if (!json) yield* Console.log(Display.guardVerdict({ ...verdict, headroom: verdict.headroom }))
    if (verdict.code !== 0) return yield* new ExitWith({ code: verdict.code })
  }), Layers.poll())).pipe(Command.withDescription("exit 0 when headroom is at least --min percent, 10 when below"))
