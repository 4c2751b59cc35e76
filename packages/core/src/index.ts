/**
 * `@cchdrm/core`: Claude Code headroom as pure, portable Effect code. Everything is a namespace,
 * the programs too, so a call site names its concept:
 *
 * ```ts
 * import { Analyze, Headroom, Monitor } from "@cchdrm/core"
 *
 * const state = Headroom.stateOf(snapshot.fiveHour)
 * const analysis = yield* Analyze.analyze(profile, "30d")
 * ```
 *
 * In-memory layers are in `@cchdrm/core/testing`, the services' contract suites in
 * `@cchdrm/core/testing/contracts`; README.md shows a whole program.
 *
 * @packageDocumentation
 */
// Domain: schemas and pure functions.
export * as BreakdownBar from "./domain/BreakdownBar.js"
export * as Countdown from "./domain/Countdown.js"
export * as Credits from "./domain/Credits.js"
export * as Display from "./domain/Display.js"
export * as DoctorReport from "./domain/DoctorReport.js"
export * as ExitCode from "./domain/ExitCode.js"
export * as Forecast from "./domain/Forecast.js"
export * as Format from "./domain/Format.js"
export * as IsoTime from "./domain/IsoTime.js"
export * as Headroom from "./domain/Headroom.js"
export * as HistoryChart from "./domain/HistoryChart.js"
export * as HistoryText from "./domain/HistoryText.js"
export * as LimitHits from "./domain/LimitHits.js"
export * as Pace from "./domain/Pace.js"
export * as Preferences from "./domain/Preferences.js"
export * as Profile from "./domain/Profile.js"
export * as ProfileList from "./domain/ProfileList.js"
export * as Redact from "./domain/Redact.js"
export * as Reset from "./domain/Reset.js"
export * as Rollup from "./domain/Rollup.js"
export * as Slope from "./domain/Slope.js"
export * as Sparkline from "./domain/Sparkline.js"
export * as StatusLine from "./domain/StatusLine.js"
export * as StatusLineView from "./domain/StatusLineView.js"
export * as StatusReport from "./domain/StatusReport.js"
export * as StatusText from "./domain/StatusText.js"
export * as TeamReport from "./domain/TeamReport.js"
export * as Thresholds from "./domain/Thresholds.js"
export * as Usage from "./domain/Usage.js"
export * as UsageBody from "./domain/UsageBody.js"
export * as UsageError from "./domain/UsageError.js"
// Services: tags with their errors, and the live layers that need only Effect's platform abstractions.
export * as ApiEndpoint from "./services/ApiEndpoint.js"
export * as CommandNotifier from "./services/CommandNotifier.js"
export * as ConfigFileError from "./services/ConfigFileError.js"
export * as CredentialStore from "./services/CredentialStore.js"
export * as HttpUsageApi from "./services/HttpUsageApi.js"
export * as Installation from "./services/Installation.js"
export * as Notifier from "./services/Notifier.js"
export * as PreferencesStore from "./services/PreferencesStore.js"
export * as ProfileStore from "./services/ProfileStore.js"
export * as StatusLineCache from "./services/StatusLineCache.js"
export * as TeamHistory from "./services/TeamHistory.js"
export * as TokenRefresher from "./services/TokenRefresher.js"
export * as UsageApi from "./services/UsageApi.js"
export * as UsageHistory from "./services/UsageHistory.js"
export * as Vault from "./services/Vault.js"
export * as WebhookNotifier from "./services/WebhookNotifier.js"
// Programs: Effects that compose the services.
export * as AlertNotification from "./programs/notificationOf.js"
export * as Analyze from "./programs/analyze.js"
export * as ClearHistory from "./programs/clearHistory.js"
export * as Dashboard from "./programs/Dashboard.js"
export * as Doctor from "./programs/doctor.js"
export * as Guard from "./programs/guard.js"
export * as HistoryRange from "./programs/history.js"
export * as Monitor from "./programs/Monitor.js"
export * as MonitorState from "./programs/MonitorState.js"
export * as PollNow from "./programs/pollNow.js"
export * as PollProfile from "./programs/pollProfile.js"
export * as PreferenceEdits from "./programs/preferenceEdits.js"
export * as ProfileEdits from "./programs/profileEdits.js"
export * as ProfileState from "./programs/ProfileState.js"
export * as StatusLineNow from "./programs/statusLineNow.js"
export * as StoredStatus from "./programs/storedStatus.js"
export * as Team from "./programs/team.js"
