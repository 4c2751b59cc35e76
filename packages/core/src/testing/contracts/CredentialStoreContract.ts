// The CredentialStore contract: reading and compare-and-swap write-back (SPEC §1.1–§1.3).
import { assert, layer } from "@effect/vitest"
import { Effect, Exit, Redacted } from "effect"
import type { Layer } from "effect"
import { defaultProfile, ProfileName } from "../../domain/Profile.js"
import { type Credentials, CredentialStore, type CredentialSource } from "../../services/CredentialStore.js"
import * as Fixtures from "../Fixtures.js"

/** A profile the contract expects to find stored, with what the store must hold for it. */
export interface SeedEntry {
  readonly profile: ProfileName
  readonly source: CredentialSource
  readonly credentials: Credentials
}

const p = (name: string) => ProfileName.make(`contract-${name}`)

const stored = (name: string, token: string) =>
  Fixtures.credentials({
    accessToken: `${token}-access`,
    refreshToken: `${token}-refresh`,
    expiresAt: Date.UTC(2026, 0, 10),
    scopes: ["user:inference", "user:profile"],
    subscriptionType: "max",
    tier: "default_claude_max_5x"
  })

/**
 * What the store must hold before the contract runs: `default` from Claude Code's login and
 * several vault profiles. `contract-missing` must have no credentials.
 */
export const seed: ReadonlyArray<SeedEntry> = [
  { profile: defaultProfile, source: "claude-code", credentials: stored("default", "cc") },
  ...["read", "cas-won", "cas-lost", "race", "bystander", "fields"].map((name) => ({
    profile: p(name),
    source: "vault" as const,
    credentials: stored(name, name)
  }))
]

/** A profile the seed leaves without credentials. */
export const missingProfile: ProfileName = p("missing")

const token = (credentials: Credentials) => Redacted.value(credentials.accessToken)
const refreshToken = (credentials: Credentials) =>
  credentials.refreshToken === null ? null : Redacted.value(credentials.refreshToken)
const seeded = (profile: ProfileName) => seed.find((entry) => entry.profile === profile)!.credentials

const rotated = (previous: Credentials, name: string) =>
  Fixtures.credentials({
    accessToken: `${name}-access`,
    refreshToken: `${name}-refresh`,
    expiresAt: (previous.expiresAt ?? 0) + 8 * 3_600_000,
    scopes: [...previous.scopes],
    subscriptionType: previous.subscriptionType,
    tier: previous.rateLimitTier
  })

/**
 * Runs the CredentialStore contract. `makeLayer` builds a store holding exactly `entries`
 * (the contract passes `seed`); tests share it, so each uses its own profile.
 */
export const CredentialStoreContract = (
  name: string,
  makeLayer: (entries: ReadonlyArray<SeedEntry>) => Layer.Layer<CredentialStore, unknown>
) =>
  layer(makeLayer(seed))(`CredentialStore contract: ${name}`, (it) => {
    it.effect("read returns the stored credentials", () =>
      Effect.gen(function*() {
        const store = yield* CredentialStore
        const credentials = yield* store.read(p("read"))
        const expected = seeded(p("read"))
        assert.strictEqual(token(credentials), token(expected))
        assert.strictEqual(refreshToken(credentials), refreshToken(expected))
        assert.strictEqual(credentials.expiresAt, expected.expiresAt)
        assert.deepStrictEqual([...credentials.scopes], [...expected.scopes])
        assert.strictEqual(credentials.subscriptionType, expected.subscriptionType)
        assert.strictEqual(credentials.rateLimitTier, expected.rateLimitTier)
      }))

    it.effect("read of the default profile returns Claude Code's login", () =>
      Effect.gen(function*() {
        const store = yield* CredentialStore
        assert.strictEqual(token(yield* store.read(defaultProfile)), token(seeded(defaultProfile)))
        assert.strictEqual(store.sourceOf(defaultProfile), "claude-code")
      }))

    it.effect("sourceOf names where each profile's credentials live", () =>
      Effect.gen(function*() {
        const store = yield* CredentialStore
        assert.strictEqual(store.sourceOf(p("read")), "vault")
      }))

    it.effect("read of a profile without credentials fails with CredentialsNotFound", () =>
      Effect.gen(function*() {
        const store = yield* CredentialStore
        const error = yield* Effect.flip(store.read(missingProfile))
        assert.strictEqual(error._tag, "CredentialsNotFound")
        if (error._tag === "CredentialsNotFound") {
          assert.strictEqual(error.profile, missingProfile)
          assert.strictEqual(error.source, store.sourceOf(missingProfile))
          if (error.source === "vault") assert.include(error.message, missingProfile)
        }
      }))

    it.effect("writeBack saves next when the stored token is still previous's", () =>
      Effect.gen(function*() {
        const store = yield* CredentialStore
        const profile = p("cas-won")
        const previous = yield* store.read(profile)
        const next = rotated(previous, "cas-won-2")
        const result = yield* store.writeBack(profile, previous, next)
        assert.strictEqual(token(result), "cas-won-2-access")
        const reread = yield* store.read(profile)
        assert.strictEqual(token(reread), "cas-won-2-access")
        assert.strictEqual(refreshToken(reread), "cas-won-2-refresh")
        assert.strictEqual(reread.expiresAt, next.expiresAt)
      }))

    it.effect("writeBack keeps newer stored tokens and returns them when another program refreshed", () =>
      Effect.gen(function*() {
        const store = yield* CredentialStore
        const profile = p("cas-lost")
        const stale = Fixtures.credentials({ accessToken: "stale-access", refreshToken: "stale-refresh" })
        const result = yield* store.writeBack(profile, stale, rotated(stale, "cas-lost-2"))
        assert.strictEqual(token(result), token(seeded(profile)))
        assert.strictEqual(refreshToken(result), refreshToken(seeded(profile)))
        assert.strictEqual(token(yield* store.read(profile)), token(seeded(profile)))
      }))

    it.effect("of two refreshes from the same tokens, only the first is written", () =>
      Effect.gen(function*() {
        const store = yield* CredentialStore
        const profile = p("race")
        const previous = yield* store.read(profile)
        const first = yield* store.writeBack(profile, previous, rotated(previous, "race-first"))
        const second = yield* store.writeBack(profile, previous, rotated(previous, "race-second"))
        assert.strictEqual(token(first), "race-first-access")
        assert.strictEqual(token(second), "race-first-access")
        assert.strictEqual(token(yield* store.read(profile)), "race-first-access")
      }))

    it.effect("writeBack preserves the fields of next", () =>
      Effect.gen(function*() {
        const store = yield* CredentialStore
        const profile = p("fields")
        const previous = yield* store.read(profile)
        const next = Fixtures.credentials({
          accessToken: "fields-2-access",
          refreshToken: "fields-2-refresh",
          expiresAt: Date.UTC(2026, 0, 11),
          scopes: ["user:inference", "user:profile", "user:sessions:claude_code"],
          subscriptionType: "pro",
          tier: "default_claude_pro"
        })
        yield* store.writeBack(profile, previous, next)
        const reread = yield* store.read(profile)
        assert.deepStrictEqual([...reread.scopes], [...next.scopes])
        assert.strictEqual(reread.expiresAt, Date.UTC(2026, 0, 11))
        assert.strictEqual(reread.subscriptionType, "pro")
        assert.strictEqual(reread.rateLimitTier, "default_claude_pro")
      }))

    it.effect("writeBack of one profile leaves the others untouched", () =>
      Effect.gen(function*() {
        const store = yield* CredentialStore
        const profile = p("bystander")
        const before = yield* store.read(profile)
        const defaultBefore = yield* store.read(defaultProfile)
        const read = yield* store.read(p("read"))
        yield* store.writeBack(p("read"), read, rotated(read, "read-2"))
        assert.strictEqual(token(yield* store.read(profile)), token(before))
        assert.strictEqual(token(yield* store.read(defaultProfile)), token(defaultBefore))
        const missing = yield* Effect.exit(store.read(missingProfile))
        assert.isTrue(Exit.isFailure(missing))
      }))
  })
