// `cchdrm doctor`: where credentials were looked for, token expiry, API reachability, the database
// and the config — each problem with its fix; `--json` for programs. Each layer is built inside its
// own check (core's `doctor`); exits with the worst problem's code (API.md B.3), 0 when all is well.
import { Command } from "@effect/cli"
import { Doctor, DoctorReport } from "@cchdrm/core"
import { Console, Effect } from "effect"
import { ExitWith } from "../Errors.js"
import { jsonOption } from "../GlobalOptions.js"
import * as Layers from "../Layers.js"

/** The `doctor` command. */
export const doctor = Command.make(
  "doctor",
  { json: jsonOption("print every check as JSON: {exitCode, checks: [{label, ok, detail, exitCode}]}") },
  ({ json }) =>
    Layers.provideLive(Effect.gen(function*() {
      const checks = yield* Doctor.doctor({ config: Layers.config, history: Layers.history, anthropic: Layers.anthropic })
      yield* Console.log(json ? JSON.stringify(DoctorReport.document(checks), null, 2) : DoctorReport.lines(checks))
      const code = DoctorReport.exitCode(checks)
      if (code !== 0) return yield* new ExitWith({ code })
    }), Layers.installation)
).pipe(Command.withDescription("check credentials, API, database and config; each problem with its fix"))
