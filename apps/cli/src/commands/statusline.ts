// `cchdrm statusline`: one short line for Claude Code's status line or a shell prompt. The common
// case is answered by the lean entry (lean/statusline.ts) from the cache; this full command runs
// core's `statusLineNow` when the cache cannot answer.
import { Command, Options } from "@effect/cli"
import { StatusLine, StatusLineNow } from "@cchdrm/core"
import { Console, Effect } from "effect"
import { ExitWith } from "../Errors.js"
import { profileOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"
import { readPiped } from "../lean/readPiped.js"

const installHint = Options.boolean("install-hint").pipe(
  Options.withDescription("print the settings.json snippet that makes Claude Code show this line")
)

// What the lean entry already read from stdin before handing over (stdin can be read only once).
let handedOver: { readonly piped: string | null } | null = null

/** Called by the lean entry when it hands over, with what it read from stdin. */
export const handOver = (piped: string | null): void => {
  handedOver = { piped }
}

/** The `statusline` command. */
export const statusline = Command.make("statusline", { profile: profileOption, installHint }, ({ installHint, profile }) =>
  installHint ? Console.log(StatusLine.settingsSnippet) : Layers.provideLive(Effect.gen(function*() {
    const piped = handedOver === null ? yield* Effect.promise(() => readPiped()) : handedOver.piped
    const { code, line } = yield* StatusLineNow.statusLineNow(profile, piped)
    yield* Console.log(line)
    if (code !== 0) return yield* new ExitWith({ code })
  }), Layers.poll())).pipe(
    Command.withDescription("one short line for Claude Code's status line or a shell prompt (fast, from the cache)")
  )
