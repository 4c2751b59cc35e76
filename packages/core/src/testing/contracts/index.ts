/**
 * `@cchdrm/core/testing/contracts`: one suite per service that every implementation runs (the
 * memory layers here, SQLite and real files in their own packages). Imports `@effect/vitest`,
 * so it is its own entry point: importing `@cchdrm/core/testing` never loads a test runner.
 *
 * ```ts
 * UsageHistoryContract("sqlite", SqlUsageHistory.layer.pipe(Layer.provide(TempDatabase)))
 * ```
 *
 * @packageDocumentation
 */
export { CredentialStoreContract, missingProfile, seed, type SeedEntry } from "./CredentialStoreContract.js"
export { PreferencesStoreContract } from "./PreferencesStoreContract.js"
export { ProfileStoreContract } from "./ProfileStoreContract.js"
export { UsageHistoryContract } from "./UsageHistoryContract.js"
export { NotifierContract } from "./NotifierContract.js"
export { type StagedRefresh, TokenRefresherContract, TokenRefresherHarness } from "./TokenRefresherContract.js"
export { type StagedAnswer, UsageApiContract, UsageApiHarness } from "./UsageApiContract.js"
