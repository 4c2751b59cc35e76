/**
 * `@cchdrm/core`: Claude Code headroom as pure, portable Effect code. Each concept is a namespace:
 *
 * ```ts
 * import { Headroom, UsageBody } from "@cchdrm/core"
 * ```
 *
 * @packageDocumentation
 */
export * as Credits from "./domain/Credits.js"
export * as Display from "./domain/Display.js"
export * as Format from "./domain/Format.js"
export * as Headroom from "./domain/Headroom.js"
export * as Preferences from "./domain/Preferences.js"
export * as Profile from "./domain/Profile.js"
export * as Reset from "./domain/Reset.js"
export * as Rollup from "./domain/Rollup.js"
export * as Slope from "./domain/Slope.js"
export * as StatusReport from "./domain/StatusReport.js"
export * as StatusText from "./domain/StatusText.js"
export * as Thresholds from "./domain/Thresholds.js"
export * as Usage from "./domain/Usage.js"
export * as UsageBody from "./domain/UsageBody.js"
export * as ExitCode from "./domain/ExitCode.js"
export * as ApiEndpoint from "./services/ApiEndpoint.js"
export * as ConfigFileError from "./services/ConfigFileError.js"
export * as CredentialStore from "./services/CredentialStore.js"
export * as HttpUsageApi from "./services/HttpUsageApi.js"
export * as Notifier from "./services/Notifier.js"
export * as PreferencesStore from "./services/PreferencesStore.js"
export * as ProfileStore from "./services/ProfileStore.js"
export * as TokenRefresher from "./services/TokenRefresher.js"
export * as UsageApi from "./services/UsageApi.js"
export * as UsageHistory from "./services/UsageHistory.js"
export * as Monitor from "./programs/Monitor.js"
export * as MonitorState from "./programs/MonitorState.js"
export * as ProfileState from "./programs/ProfileState.js"
export { Analysis, analyze } from "./programs/analyze.js"
export { history, rangeBounds } from "./programs/history.js"
export { notificationOf } from "./programs/notificationOf.js"
export { pollProfile, type PollOptions } from "./programs/pollProfile.js"
