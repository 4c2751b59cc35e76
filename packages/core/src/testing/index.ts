/**
 * `@cchdrm/core/testing`: in-memory layers of every core service, each with a control tag that
 * tests use to drive and inspect it, plus fixtures and a stub builder. Loads no test runner;
 * the contract suites live in `@cchdrm/core/testing/contracts`.
 *
 * ```ts
 * import { Fixtures, ScriptedUsageApi } from "@cchdrm/core/testing"
 *
 * const api = yield* ScriptedUsageApi.ScriptedUsageApiControl
 * yield* api.script(Fixtures.profile("work"), ScriptedUsageApi.hang)
 * ```
 *
 * @packageDocumentation
 */
export * as Fixtures from "./Fixtures.js"
export * as MemoryCredentialStore from "./MemoryCredentialStore.js"
export * as MemoryNotifier from "./MemoryNotifier.js"
export * as MemoryPreferencesStore from "./MemoryPreferencesStore.js"
export * as MemoryProfileStore from "./MemoryProfileStore.js"
export * as MemoryStatusLineCache from "./MemoryStatusLineCache.js"
export * as MemoryUsageHistory from "./MemoryUsageHistory.js"
export * as MemoryVault from "./MemoryVault.js"
export * as ScriptedTokenRefresher from "./ScriptedTokenRefresher.js"
export * as ScriptedUsageApi from "./ScriptedUsageApi.js"
export * as Stub from "./Stub.js"
