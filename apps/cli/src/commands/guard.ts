// `cchdrm guard --min N`: exit 0 when a window's headroom is at least N %, 10 when below — for
// scripts and agents to gate work (`--json` adds the verdict as a document). Uses the stored poll
// while it is younger than the poll interval (no request, no throttling); otherwise it polls now,
// like `status`.
import { Command, Options } from "@effect/cli"
import { Display, ExitCode, Headroom, PreferencesStore, UsageHistory } from "@cchdrm/core"
import { Clock, Console, Effect, Option } from "effect"
import { ExitWith } from "../Errors.js"
import { jsonOption, profileOption } from "../GlobalOptions.js"
import { chosenProfile } from "../programs/activeProfile.js"
import { pollNow } from "../programs/pollNow.js"
import { provideLive } from "../Runtime.js"

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
}, ({ json, min, profile, window }) =>
  provideLive(Effect.gen(function*() {
    const name = yield* chosenProfile(profile)
    const preferences = yield* (yield* PreferencesStore.PreferencesStore).get
    const now = yield* Clock.currentTimeMillis
    const stored = yield* (yield* UsageHistory.UsageHistory).latest(name)
    const fresh = Option.filter(stored, (poll) => now - poll.fetchedAt < preferences.pollIntervalSeconds * 1000)
    const { code, snapshot } = Option.isSome(fresh)
      ? { code: 0 as ExitCode.ExitCode, snapshot: fresh.value }
      : yield* Effect.map(pollNow(Option.some(name)), ({ input }) => {
        const entry = input.profiles[0]!
        return { code: ExitCode.ofConnection(entry.connection), snapshot: entry.snapshot }
      })
    const headroom = Headroom.headroomOfWindow((window === "5h" ? snapshot?.fiveHour : snapshot?.sevenDay) ?? null)
    if (json) yield* Console.log(JSON.stringify(Display.guardDocument({ profile: name, window, headroom, min }), null, 2))
    if (headroom === null) {
      yield* Console.error(`cchdrm: ${Display.guardUnknownText(name, window)}`)
      return yield* new ExitWith({ code: code === 0 ? 5 : code })
    }
    if (!json) yield* Console.log(Display.guardVerdict({ profile: name, window, headroom, min }))
    if (headroom < min) return yield* new ExitWith({ code: 10 })
  }))).pipe(Command.withDescription("exit 0 when headroom is at least --min percent, 10 when below"))
