// `cchdrm status`: every profile's headroom now, for people (text) or programs (`--json`, API.md B.2).
import { Command, Options } from "@effect/cli"
import { Profile, StatusReport, StatusText } from "@cchdrm/core"
import { Clock, Console, Effect } from "effect"
import { demoProfile } from "../Demo.js"
import { colorEnabled, paint } from "../Terminal.js"
import { UsageError, globalOptions } from "../GlobalOptions.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the status document of API.md B.2"))

/** The `status` command. */
export const status = Command.make("status", { json }, ({ json }) =>
  Effect.gen(function*() {
    const { demo } = yield* globalOptions
    if (!demo) {
      return yield* new UsageError({ message: "Live polling is not available in this build yet — run with --demo" })
    }
    const now = yield* Clock.currentTimeMillis
    const profile = demoProfile(now)
    if (json) {
      const report = StatusReport.make({ generatedAt: now, activeProfile: Profile.defaultProfile, profiles: [profile] })
      return yield* Console.log(JSON.stringify(report, null, 2))
    }
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
    yield* Console.log(paint(StatusText.lines({ profile, now, time: { timeZone } }), colorEnabled(process.stdout, process.env)))
  })).pipe(Command.withDescription("show headroom, burn rate and resets of every profile"))
