// `cchdrm statusline`: one short line for Claude Code's status line or a shell prompt. The common
// case is answered by the lean entry (lean/statusline.ts) from the cache; this full command runs
// when the cache cannot answer: it stores Claude Code's feed (source `statusline`) when it brings
// new numbers, else uses the stored poll while younger than the interval, else polls now.
import { Command, Options } from "@effect/cli"
import { ExitCode, StatusLine, StatusLineView, UsageHistory } from "@cchdrm/core"
import { Clock, Console, Effect, Option } from "effect"
import { ExitWith } from "../Errors.js"
import { profileOption } from "../GlobalOptions.js"
import { readPiped } from "../lean/readPiped.js"
import { cacheViews, pollNow, selectProfiles } from "../programs/pollNow.js"
import { storedStatus } from "../programs/storedStatus.js"
import { provideLive } from "../Runtime.js"

const installHint = Options.boolean("install-hint").pipe(
  Options.withDescription("print the settings.json snippet that makes Claude Code show this line")
)

/** The `settings.json` snippet of `--install-hint`. */
export const settingsSnippet = JSON.stringify({ statusLine: { type: "command", command: "cchdrm statusline", padding: 0 } }, null, 2)

// What the lean entry already read from stdin before handing over (stdin can be read only once).
let handedOver: { readonly piped: string | null } | null = null

/** Called by the lean entry when it hands over, with what it read from stdin. */
export const handOver = (piped: string | null): void => {
  handedOver = { piped }
}

const program = (profile: Option.Option<string>) =>
  Effect.gen(function*() {
    const piped = handedOver === null ? yield* Effect.promise(() => readPiped()) : handedOver.piped
    const feed = piped === null ? null : StatusLine.parseFeed(piped)
    const { active, chosen, entries } = yield* selectProfiles(profile)
    const entry = entries.find((candidate) => candidate.name === chosen) ?? entries[0]!
    if (feed !== null) {
      const known = yield* storedStatus(entry)
      if (!StatusLine.feedMatches(feed, StatusLineView.viewOf(known.input.profiles[0]!))) {
        const now = yield* Clock.currentTimeMillis
        yield* (yield* UsageHistory.UsageHistory).record(StatusLineView.snapshotOfFeed(entry.name, feed, now, known.latest))
      }
    }
    const stored = yield* storedStatus(entry)
    const current = stored.input.profiles[0]!
    const fresh = feed !== null ||
      StatusLine.isCurrent(StatusLineView.viewOf(current), stored.input.generatedAt, stored.preferences.pollIntervalSeconds)
    const { input } = fresh ? stored : yield* pollNow(Option.some(entry.name))
    if (fresh) yield* cacheViews(input, stored.preferences.pollIntervalSeconds, active)
    const shown = input.profiles[0]!
    yield* Console.log(StatusLine.render(StatusLineView.viewOf(shown), input.generatedAt))
    const code = ExitCode.ofConnection(shown.connection)
    if (code !== 0) return yield* new ExitWith({ code })
  })

/** The `statusline` command. */
export const statusline = Command.make("statusline", { profile: profileOption, installHint }, ({ installHint, profile }) =>
  installHint ? Console.log(settingsSnippet) : provideLive(program(profile))).pipe(
    Command.withDescription("one short line for Claude Code's status line or a shell prompt (fast, from the cache)")
  )
