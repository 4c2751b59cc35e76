// `cchdrm status`: poll every profile now and show headroom, burn rate and resets — for people
// (text) or programs (`--json`, API.md B.2). With several profiles it exits with the worst code.
import { Command } from "@effect/cli"
import { ExitCode, StatusReport, StatusText } from "@cchdrm/core"
import { Console, Effect } from "effect"
import { ExitWith } from "../Errors.js"
import { jsonOption, profileOption } from "../GlobalOptions.js"
import { pollNow } from "../programs/pollNow.js"
import { provideLive } from "../Runtime.js"
import { colorEnabled, paint, timeOptions } from "../Terminal.js"

/** The `status` command. */
export const status = Command.make(
  "status",
  { profile: profileOption, json: jsonOption("print the status document of API.md B.2") },
  ({ json, profile }) =>
    provideLive(Effect.gen(function*() {
      const { input, preferences } = yield* pollNow(profile)
      if (json) {
        yield* Console.log(JSON.stringify(StatusReport.make(input), null, 2))
      } else {
        const text = input.profiles.map((entry) =>
          paint(StatusText.lines({ profile: entry, now: input.generatedAt, time: timeOptions(), pollIntervalSeconds: preferences.pollIntervalSeconds }), colorEnabled(process.stdout, process.env))
        )
        yield* Console.log(text.join("\n\n"))
      }
      const code = ExitCode.worst(input.profiles.map((entry) => ExitCode.ofConnection(entry.connection)))
      if (code !== 0) return yield* new ExitWith({ code })
    }))
).pipe(Command.withDescription("poll now and show headroom, burn rate and resets of every profile"))
