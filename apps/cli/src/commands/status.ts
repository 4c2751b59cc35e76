// `cchdrm status`: poll every profile now and show headroom, burn rate and resets — for people
// (text) or programs (`--json`, API.md B.2). With several profiles it exits with the worst code.
import { Command } from "@effect/cli"
import { ExitCode, Format, PollNow, StatusReport, StatusText } from "@cchdrm/core"
import { Console, Effect } from "effect"
import { ExitWith } from "../Errors.js"
import { jsonOption, profileOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"
import { colorEnabled, paint } from "../Terminal.js"

/** The `status` command. */
export const status = Command.make(
  "status",
  { profile: profileOption, json: jsonOption("print the status document of API.md B.2") },
  ({ json, profile }) =>
    Layers.provideLive(Effect.gen(function*() {
      const { input, preferences } = yield* PollNow.pollNow(profile)
      const text = () => paint(StatusText.report(input, { time: Format.systemTime(), pollIntervalSeconds: preferences.pollIntervalSeconds }), colorEnabled(process.stdout, process.env))
      yield* Console.log(json ? JSON.stringify(StatusReport.make(input), null, 2) : text())
      const code = ExitCode.ofProfiles(input.profiles)
      if (code !== 0) return yield* new ExitWith({ code })
    }), Layers.poll())
).pipe(Command.withDescription("poll now and show headroom, burn rate and resets of every profile"))
