// The Effect side of the dashboard: follows the monitor, loads history, carries out key commands,
// and rerenders the ink tree with each new TuiState. Components never run an Effect.
import { Analyze, type Format, HistoryRange, Monitor, MonitorState, type Notifier, Profile, type UsageHistory } from "@cchdrm/core"
import { Clock, Effect, Fiber, Queue, Ref, Stream } from "effect"
import { render } from "ink"
import { App } from "./components/App.js"
import type { Command } from "./input/keyCommand.js"
import * as TuiState from "./state/TuiState.js"

/** How the dashboard runs. */
export interface Options {
  readonly account: TuiState.Account
  readonly profile: Profile.ProfileName | null
  readonly color: boolean
  readonly time: Format.TimeOptions
  readonly alerts: Queue.Dequeue<Notifier.Notification>
  readonly stdout: NodeJS.WriteStream
  readonly stdin: NodeJS.ReadStream
}

/** How long an alert stays on the banner. */
const bannerMillis = 60_000
/** Countdowns and "Updated 12s ago" repaint every few seconds: often enough to read as live, rarely enough to idle. */
const tickMillis = 5_000

// The alternate screen keeps the user's scrollback as it was; leaving it restores the terminal.
const enterScreen = "\u001b[?1049h\u001b[H"
const leaveScreen = "\u001b[?1049l"
const clearScreen = "\u001b[2J\u001b[H"

const messageOf = (error: { readonly message: string }) => error.message

/** Runs the dashboard until `q` / Ctrl-C; the terminal is restored when the scope closes. */
export const run = (options: Options) =>
  Effect.scoped(Effect.gen(function*() {
    const monitor = yield* Monitor.Monitor
    if (options.profile !== null) yield* monitor.setActive(options.profile)
    const commands = yield* Queue.unbounded<Command>()
    const onCommand = (command: Command) => void Queue.unsafeOffer(commands, command)
    const now = yield* Clock.currentTimeMillis
    const state = yield* Ref.make(TuiState.initial({
      account: options.account,
      now,
      columns: options.stdout.columns ?? 80,
      rows: options.stdout.rows ?? 24
    }))
    const element = (current: TuiState.TuiState) => <App state={current} color={options.color} time={options.time} onCommand={onCommand} />

    const ink = yield* Effect.acquireRelease(
      Effect.sync(() => {
        options.stdout.write(enterScreen)
        return render(element(TuiState.initial({ account: options.account, now, columns: options.stdout.columns ?? 80, rows: options.stdout.rows ?? 24 })), {
          stdout: options.stdout,
          stdin: options.stdin,
          exitOnCtrlC: false,
          patchConsole: false
        })
      }),
      (instance) =>
        Effect.sync(() => {
          instance.unmount()
          instance.cleanup()
          options.stdout.write(leaveScreen)
        })
    )

    const dispatch = (event: TuiState.Event) =>
      Effect.flatMap(Ref.updateAndGet(state, (current) => TuiState.reduce(current, event)), (current) =>
        Effect.sync(() => ink.rerender(element(current))))

    // History of the active profile: the dashboard's 24 h, and the analytics range when it is open.
    const loadDay = (profile: Profile.ProfileName) =>
      HistoryRange.history(profile, "24h").pipe(
        Effect.map((value): TuiState.Loaded<UsageHistory.Series> => ({ _tag: "loaded", value })),
        Effect.catchAll((error) => Effect.succeed<TuiState.Loaded<UsageHistory.Series>>({ _tag: "failed", message: messageOf(error) })),
        Effect.flatMap((day) => dispatch({ _tag: "Day", day }))
      )
    const loadAnalytics = (profile: Profile.ProfileName, range: UsageHistory.Range) =>
      Effect.all([Analyze.analyze(profile, range), HistoryRange.history(profile, range)]).pipe(
        Effect.map(([analysis, series]): TuiState.Loaded<TuiState.RangeAnalytics> => ({ _tag: "loaded", value: { analysis, series } })),
        Effect.catchAll((error) => Effect.succeed<TuiState.Loaded<TuiState.RangeAnalytics>>({ _tag: "failed", message: messageOf(error) })),
        Effect.flatMap((analytics) => dispatch({ _tag: "Analytics", analytics }))
      )

    // The history is reloaded when the active profile changes or it has a new poll.
    const lastKey = yield* Ref.make<string | null>(null)
    yield* monitor.changes.pipe(
      Stream.runForEach((current) =>
        Effect.gen(function*() {
          yield* dispatch({ _tag: "Monitor", monitor: current })
          const key = MonitorState.historyKey(current)
          if ((yield* Ref.getAndSet(lastKey, key)) === key) return
          yield* loadDay(current.activeProfile)
          const shown = yield* Ref.get(state)
          if (shown.screen === "analytics") yield* loadAnalytics(current.activeProfile, shown.range)
        })
      ),
      Effect.forkScoped
    )

    yield* Effect.forkScoped(Effect.forever(Effect.zipRight(
      Effect.sleep(tickMillis),
      Effect.flatMap(Clock.currentTimeMillis, (at) => dispatch({ _tag: "Tick", now: at }))
    )))

    yield* Effect.forkScoped(Effect.forever(Effect.gen(function*() {
      const notification = yield* Queue.take(options.alerts)
      const at = yield* Clock.currentTimeMillis
      yield* dispatch({ _tag: "Alert", text: `${notification.title}: ${notification.body}`, until: at + bannerMillis })
    })))

    yield* Effect.acquireRelease(
      Effect.sync(() => {
        // Rows wrapped at the old width would stay behind: start the next frame on a clean screen.
        const onResize = () => {
          options.stdout.write(clearScreen)
          ink.clear()
          Effect.runFork(dispatch({ _tag: "Resize", columns: options.stdout.columns ?? 80, rows: options.stdout.rows ?? 24 }))
        }
        options.stdout.on("resize", onResize)
        return onResize
      }),
      (onResize) => Effect.sync(() => void options.stdout.off("resize", onResize))
    )

    let loading: Fiber.RuntimeFiber<void> | null = null
    const showAnalytics = (range: UsageHistory.Range | null) =>
      Effect.gen(function*() {
        if (range !== null) yield* dispatch({ _tag: "Range", range })
        else yield* dispatch({ _tag: "Show", screen: "analytics" })
        const current = yield* Ref.get(state)
        if (current.screen !== "analytics") return
        if (loading !== null) yield* Fiber.interrupt(loading)
        loading = yield* Effect.forkScoped(loadAnalytics(current.monitor?.activeProfile ?? Profile.defaultProfile, current.range))
      })

    while (true) {
      const command = yield* Queue.take(commands)
      const current = yield* Ref.get(state)
      switch (command._tag) {
        case "Quit":
          return
        case "Refresh":
          if (current.monitor !== null) yield* monitor.refresh(current.monitor.activeProfile)
          break
        case "NextProfile": {
          const next = TuiState.nextProfile(current.monitor)
          // A profile removed meanwhile is picked up by the monitor's next sync; the list stays as shown.
          if (next !== null) yield* monitor.setActive(next).pipe(Effect.ignore)
          break
        }
        case "Analytics":
          yield* showAnalytics(null)
          break
        case "Range":
          yield* showAnalytics(command.range)
          break
        case "Help":
          yield* dispatch({ _tag: "Show", screen: "help" })
          break
        case "Back":
          yield* dispatch({ _tag: "Show", screen: "dashboard" })
          break
      }
    }
  }))
