// The host: answers the bridge protocol from core's programs on the live layers, transport-free —
// Electron IPC and the loopback web server both hand it raw messages and forward its answers.
import { Analyze, Dashboard, Format, Monitor, PreferenceEdits, ProfileStore, UsageHistory } from "@cchdrm/core"
import { Clock, Duration, Effect, Either, Option, ParseResult, Stream, SubscriptionRef } from "effect"
import { stat } from "node:fs/promises"
import * as Bridge from "../shared/Bridge.js"
import { HistoryCache, historyReply } from "./HistoryCache.js"
import { Paths, type Services } from "./MainLayer.js"

type Reply = Bridge.Reply

const failed = (message: string, fields: Record<string, string> = {}): Reply => ({ _tag: "Failed", message, fields })

// Absolute reset times in the user's own locale and time zone (the page runs on the same machine).
const localTime = Format.systemTime()

/** The dashboard at this moment (freshness and countdowns move with the clock). */
export const currentView = Effect.gen(function*() {
  const monitor = yield* Monitor.Monitor
  const state = yield* SubscriptionRef.get(monitor.state)
  return Dashboard.make(state, yield* Clock.currentTimeMillis, localTime)
})

/**
 * The dashboard as events: on every monitor change and once a second, so "Updated 12s ago" and
 * countdowns tick without the page computing anything.
 */
export const events: Stream.Stream<unknown, never, Services> = Stream.unwrap(Effect.map(Monitor.Monitor, (monitor) =>
  Stream.merge(monitor.changes, Stream.tick(Duration.seconds(1))).pipe(
    Stream.mapEffect(() => currentView),
    Stream.map((view) => Bridge.encodeEvent({ _tag: "Dashboard", view }))
  )))

const activeProfile = Effect.map(currentView, (view) => view.profile)

// The 24 h range of the active profile comes from the cache the host keeps for the sparkline.
const historyOf = (range: UsageHistory.Range) =>
  Effect.gen(function*() {
    const profile = yield* activeProfile
    const cached = range === "24h" ? yield* (yield* HistoryCache).day(profile) : Option.none()
    const history = Option.isSome(cached) ? cached.value : yield* historyReply(profile, range)
    return { _tag: "History", history } satisfies Reply
  })

const analysisReply = (range: UsageHistory.Range) =>
  Effect.map(Effect.flatMap(activeProfile, (profile) => Analyze.analyze(profile, range)), (analysis): Reply => ({ _tag: "Analysis", reply: Analyze.view(analysis) }))

const preferenceFields = Effect.map(PreferenceEdits.preferenceFields, (fields): Reply => ({ _tag: "Preferences", fields }))

const setPreferences = (values: Readonly<Record<string, string>>) =>
  PreferenceEdits.setPreferences(values).pipe(
    Effect.map((fields): Reply => ({ _tag: "Preferences", fields })),
    Effect.catchTag("SettingsRejected", (rejected) => Effect.succeed(failed(rejected.message, rejected.fields)))
  )

const databaseSize = Effect.gen(function*() {
  const paths = yield* Paths
  const bytes = yield* Effect.promise(() => stat(paths.databaseFile).then((s) => s.size, () => 0))
  return { _tag: "DatabaseSize", bytes, text: Format.fileSize(bytes) } satisfies Reply
})

const answer = (request: Bridge.Request): Effect.Effect<Reply, { readonly message: string }, Services> => {
  switch (request._tag) {
    case "Dashboard":
      return Effect.map(currentView, (view): Reply => ({ _tag: "Dashboard", view }))
    case "Refresh":
      return Effect.as(Effect.flatMap(Monitor.Monitor, (monitor) => monitor.refresh(request.profile)), { _tag: "Done" } as Reply)
    case "SetActive":
      return Effect.as(Effect.flatMap(Monitor.Monitor, (monitor) => monitor.setActive(request.profile)), { _tag: "Done" } as Reply)
    case "History":
      return historyOf(request.range)
    case "Analysis":
      return analysisReply(request.range)
    case "Preferences":
      return preferenceFields
    case "SetPreferences":
      return setPreferences(request.values)
    case "Profiles":
      return Effect.map(
        Effect.flatMap(ProfileStore.ProfileStore, (store) => store.list),
        (entries): Reply => ({ _tag: "Profiles", profiles: entries.map((entry) => ({ name: entry.name, source: entry.source })) })
      )
    case "ClearHistory":
      return Effect.as(Effect.flatMap(UsageHistory.UsageHistory, (store) => store.clear), { _tag: "Done" } as Reply)
    case "DatabaseSize":
      return databaseSize
  }
}

// The first problem, on one line: `_tag: Expected "Dashboard" | …, actual "Bogus"`.
const issueText = (error: ParseResult.ParseError): string => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  return issue === undefined ? "not a bridge message" : `${issue.path.length === 0 ? "" : `${issue.path.join(".")}: `}${issue.message}`
}

/**
 * Answers one raw message: decoded first (a malformed one is refused with the reason, nothing
 * runs), every failure a one-line `Failed` reply, the reply encoded for the wire.
 */
export const handle = (raw: unknown): Effect.Effect<unknown, never, Services> =>
  Either.match(Bridge.decodeRequest(raw), {
    onLeft: (error) =>
      Effect.succeed(Bridge.encodeReply(failed(`Malformed request: ${issueText(error)}`))),
    onRight: (request) =>
      answer(request).pipe(
        Effect.catchAll((error: { readonly message: string }) => Effect.succeed(failed(error.message))),
        Effect.map(Bridge.encodeReply)
      )
  })
