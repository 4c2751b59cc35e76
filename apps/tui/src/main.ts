// `cchdrm-tui`: picks the account (the user's login, or the simulated one), composes the live
// layers for its paths, and runs the dashboard; a failure is one line on stderr and its exit code.
import { ExitCode, Format, Monitor, type Notifier, PollNow, Profile } from "@cchdrm/core"
import { ClaudeCodeCredentialStore } from "@cchdrm/credentials"
import { DataPaths, HistoryArchive } from "@cchdrm/storage"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { ConfigProvider, Effect, Either, Layer, Queue } from "effect"
import { homedir } from "node:os"
import * as Alerts from "./Alerts.js"
import * as MainLayer from "./MainLayer.js"
import * as Options from "./Options.js"
import type { Account } from "./state/TuiState.js"
import * as Tui from "./Tui.js"

// Whether Claude Code's login can be read (the `default` profile's credentials).
const loginFound = Effect.flatMap(ClaudeCodeCredentialStore.optionsConfig(), ClaudeCodeCredentialStore.make).pipe(
  Effect.flatMap((store) => store.read(Profile.defaultProfile)),
  Effect.as(true),
  Effect.orElseSucceed(() => false)
)

const program = (options: Options.Options) =>
  Effect.scoped(Effect.gen(function*() {
    const account: Account = options.demo || (options.demoWithoutLogin && !(yield* loginFound)) ? "simulated" : "login"
    const Demo = account === "simulated" ? yield* Effect.promise(() => import("./Demo.js")) : null
    const world = Demo === null ? null : yield* Demo.start
    const env: Readonly<Record<string, string | undefined>> = world === null ? process.env : { ...process.env, ...world.env }
    const paths = yield* Either.match(DataPaths.resolve({ platform: process.platform, env, home: homedir() }), {
      onLeft: Effect.fail,
      onRight: Effect.succeed
    })
    const alerts = yield* Queue.sliding<Notifier.Notification>(16)
    const profile = options.profile === null ? null : Profile.ProfileName.make(options.profile)
    const dashboard = Tui.run({
      account,
      profile,
      color: (process.env["NO_COLOR"] ?? "") === "",
      time: Format.systemTime(),
      alerts,
      stdout: process.stdout,
      stdin: process.stdin
      // The monitor also feeds the status line's cache, so `cchdrm statusline` never polls itself.
    }).pipe(Effect.provide(PollNow.layerFeedStatusLine.pipe(Layer.provideMerge(Monitor.layer))))
    const seeded = Demo === null || world === null ? dashboard : Effect.zipRight(HistoryArchive.seed(world.history), dashboard)
    const provider = world === null
      ? ConfigProvider.fromEnv()
      : ConfigProvider.fromMap(new Map(Object.entries(world.env))).pipe(ConfigProvider.orElse(() => ConfigProvider.fromEnv()))
    yield* seeded.pipe(Effect.provide(MainLayer.live(paths, Alerts.layer(alerts, process.platform))), Effect.withConfigProvider(provider))
  }))

/** Runs `cchdrm-tui` with `argv` (without node and the script). */
export const main = (argv: ReadonlyArray<string>) => {
  const parsed = Options.parse(argv)
  if (Either.isLeft(parsed)) {
    process.stderr.write(`cchdrm-tui: ${parsed.left}\n`)
    process.exit(2)
  }
  if (parsed.right.help) {
    process.stdout.write(`${Options.usage}\n`)
    process.exit(0)
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write("cchdrm-tui: needs an interactive terminal — for scripts use `cchdrm status` or `cchdrm watch`\n")
    process.exit(2)
  }
  NodeRuntime.runMain(program(parsed.right), {
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      const outcome = ExitCode.outcomeOf(exit)
      if (outcome.message !== null) process.stderr.write(`cchdrm-tui: ${outcome.message}\n`)
      onExit(outcome.code)
    }
  })
}
