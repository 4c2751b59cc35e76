// The active profile's last 24 hours, kept ready: the popover's sparkline is part of its first
// render, and a history query (rollups first, SPEC §4) costs far more than the rest of the page.
// Recomputed whenever the active profile or its latest poll changes, so it is never older than a poll.
import { HistoryChart, HistoryRange, Monitor, MonitorState, type Profile } from "@cchdrm/core"
import { Context, Effect, Layer, Option, Ref, Stream } from "effect"
import type { HistoryReply } from "../shared/Bridge.js"

/** A history query's answer in the bridge's form: core's chart of the range. */
export const historyReply = (profile: Profile.ProfileName, range: HistoryReply["range"]) =>
  Effect.map(HistoryRange.history(profile, range), (series): HistoryReply => HistoryChart.fromSeries(series, range))

/** The cached 24 h history of the active profile. */
export class HistoryCache extends Context.Tag("@cchdrm/tray/HistoryCache")<HistoryCache, {
  readonly day: (profile: Profile.ProfileName) => Effect.Effect<Option.Option<HistoryReply>>
}>() {}

/** Keeps the cache current in the background for as long as the layer lives. */
export const layer = Layer.scoped(HistoryCache, Effect.gen(function*() {
  const monitor = yield* Monitor.Monitor
  const cache = yield* Ref.make<{ readonly profile: string; readonly reply: HistoryReply } | null>(null)
  const context = yield* Effect.context<Effect.Effect.Context<ReturnType<typeof historyReply>>>()
  yield* monitor.changes.pipe(
    Stream.changesWith((a, b) => MonitorState.historyKey(a) === MonitorState.historyKey(b)),
    Stream.mapEffect(({ activeProfile: profile }) =>
      historyReply(profile, "24h").pipe(
        Effect.flatMap((reply) => Ref.set(cache, { profile, reply })),
        // A failed refresh leaves the page to ask the history itself.
        Effect.catchAll(() => Ref.set(cache, null)),
        Effect.provide(context)
      )
    ),
    Stream.runDrain,
    Effect.forkScoped
  )
  return {
    day: (profile) => Effect.map(Ref.get(cache), (entry) => Option.fromNullable(entry?.profile === profile ? entry.reply : null))
  }
}))
