// `cchdrm watch`: the poller in the foreground (daemon mode) — every poll stored, alerts on stderr,
// one status line per poll on stdout; Ctrl-C stops it cleanly.
import { Command } from "@effect/cli"
import { Monitor, MonitorState, StatusLine, StatusLineView } from "@cchdrm/core"
import { Clock, Console, Effect, Stream } from "effect"
import { TerminalNotifier } from "../Notifiers.js"
import { cacheViews } from "../programs/pollNow.js"
import { provideLive } from "../Runtime.js"

/** The `watch` command. */
export const watch = Command.make("watch", {}, () =>
  provideLive(
    Effect.scoped(Effect.gen(function*() {
      const monitor = yield* Monitor.make
      const seen = new Map<string, number | null>()
      yield* monitor.changes.pipe(
        Stream.runForEach((state) =>
          Effect.gen(function*() {
            const now = yield* Clock.currentTimeMillis
            const input = MonitorState.statusInput(state, now)
            const polled = input.profiles.filter((profile, index) => {
              const at = state.profiles[index]?.lastPollAt ?? null
              const fresh = at !== null && seen.get(profile.name) !== at
              seen.set(profile.name, at)
              return fresh
            })
            if (polled.length === 0) return
            yield* cacheViews({ ...input, profiles: polled }, state.preferences.pollIntervalSeconds, state.activeProfile)
            for (const profile of polled) {
              yield* Console.log(`${new Date(now).toISOString()} ${StatusLine.render(StatusLineView.viewOf(profile), now)}`)
            }
          })
        )
      )
    })),
    { notifier: TerminalNotifier.layer }
  )).pipe(Command.withDescription("poll in the foreground: store every poll, print a line per poll, alert on stderr"))
