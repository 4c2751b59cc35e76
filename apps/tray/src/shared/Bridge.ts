// Bridge: every message between the page and the host, each an `effect/Schema` decoded at the
// boundary (STYLE.md §9). The same protocol runs over Electron IPC and over loopback HTTP.
import { Analyze, Dashboard, HistoryChart, PreferenceEdits, Profile, UsageHistory } from "@cchdrm/core"
import { Schema } from "effect"

const ProfileName = Profile.ProfileName

/** What the page may ask. State changes (refresh, switch, set, clear) are the only effects. */
export const Request = Schema.Union(
  Schema.TaggedStruct("Dashboard", {}),
  Schema.TaggedStruct("Refresh", { profile: ProfileName }),
  Schema.TaggedStruct("SetActive", { profile: ProfileName }),
  Schema.TaggedStruct("History", { range: UsageHistory.Range }),
  Schema.TaggedStruct("Analysis", { range: UsageHistory.Range }),
  Schema.TaggedStruct("Preferences", {}),
  Schema.TaggedStruct("SetPreferences", {
    // Raw text per key, validated by core's schema exactly as `cchdrm config set` does.
    values: Schema.Record({ key: Schema.String, value: Schema.String })
  }),
  Schema.TaggedStruct("Profiles", {}),
  // Clearing is destructive, so the page must say it confirmed.
  Schema.TaggedStruct("ClearHistory", { confirmed: Schema.Literal(true) }),
  Schema.TaggedStruct("DatabaseSize", {})
)
/** @see Request */
export type Request = typeof Request.Type

/** One preference as the settings page shows it (core's settings field). */
export const PreferenceField = PreferenceEdits.PreferenceField
/** @see PreferenceField */
export type PreferenceField = typeof PreferenceField.Type

/** A chart's data: one profile's range with gaps, resets and outages (SPEC §4). */
export const HistoryReply = HistoryChart.HistoryChart
/** @see HistoryReply */
export type HistoryReply = typeof HistoryReply.Type

/** The breakdown of a range (API.md B.5) as core's analysis view. */
export const AnalysisReply = Analyze.AnalysisView
/** @see AnalysisReply */
export type AnalysisReply = typeof AnalysisReply.Type

/** What the host answers: a value, or a failure with a message per field when a field is at fault. */
export const Reply = Schema.Union(
  Schema.TaggedStruct("Dashboard", { view: Dashboard.DashboardView }),
  Schema.TaggedStruct("Done", {}),
  Schema.TaggedStruct("History", { history: HistoryReply }),
  Schema.TaggedStruct("Analysis", { reply: AnalysisReply }),
  Schema.TaggedStruct("Preferences", { fields: Schema.Array(PreferenceField) }),
  Schema.TaggedStruct("Profiles", { profiles: Schema.Array(Schema.Struct({ name: ProfileName, source: Schema.String })) }),
  Schema.TaggedStruct("DatabaseSize", { bytes: Schema.Number, text: Schema.String }),
  Schema.TaggedStruct("Failed", {
    message: Schema.String,
    /** Per-key messages for a settings form (`{ warningThreshold: "…" }`), empty otherwise. */
    fields: Schema.Record({ key: Schema.String, value: Schema.String })
  })
)
/** @see Reply */
export type Reply = typeof Reply.Type

/** What the host pushes without being asked: the dashboard on every change and every second. */
export const Event = Schema.TaggedStruct("Dashboard", { view: Dashboard.DashboardView })
/** @see Event */
export type Event = typeof Event.Type

/** The wire forms the page sends and receives (plain JSON; the page never loads effect). */
export type RequestWire = typeof Request.Encoded
/** @see RequestWire */
export type ReplyWire = typeof Reply.Encoded
/** @see RequestWire */
export type EventWire = typeof Event.Encoded
/** @see RequestWire */
export type DashboardWire = typeof Dashboard.DashboardView.Encoded
/** @see RequestWire */
export type HistoryWire = typeof HistoryReply.Encoded
/** @see RequestWire */
export type AnalysisWire = typeof AnalysisReply.Encoded
/** @see RequestWire */
export type PreferenceFieldWire = typeof PreferenceField.Encoded

/** What an Electron window may ask the shell itself: open another window, or quit. */
export const ShellCommand = Schema.Union(
  Schema.TaggedStruct("OpenWindow", { view: Schema.Literal("popover", "analytics", "settings") }),
  Schema.TaggedStruct("Quit", {})
)
/** @see ShellCommand */
export type ShellCommand = typeof ShellCommand.Type

/** Names of the Electron IPC channels. */
export const channels = { request: "cchdrm:request", event: "cchdrm:event", command: "cchdrm:command" } as const

/** Decodes a shell command from a window. */
export const decodeShellCommand = Schema.decodeUnknownEither(ShellCommand)

/** Decodes an incoming request; a malformed one is a `Failed` reply naming what was wrong. */
export const decodeRequest = Schema.decodeUnknownEither(Request)
/** Encodes a reply for the wire (validating it on the way out). */
export const encodeReply = Schema.encodeSync(Reply)
/** Encodes a pushed event for the wire. */
export const encodeEvent = Schema.encodeSync(Event)
/** Decodes a reply (used by tests and the IPC client in the preload). */
export const decodeReply = Schema.decodeUnknownEither(Reply)
