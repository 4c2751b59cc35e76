/**
 * The programs of `@cchdrm/core`: Effects that compose the services — one poll cycle, the
 * monitor, and the history queries. Concepts are namespaces; single-function modules export
 * their function by name.
 *
 * @packageDocumentation
 */
export { Analysis, analyze } from "./analyze.js"
export { history, rangeBounds } from "./history.js"
export * as Monitor from "./Monitor.js"
export * as MonitorState from "./MonitorState.js"
export { notificationOf, type PhraseOptions } from "./notificationOf.js"
export { pollProfile, type PollOptions } from "./pollProfile.js"
export * as ProfileState from "./ProfileState.js"
