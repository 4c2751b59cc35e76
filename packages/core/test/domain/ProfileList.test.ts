import { assert, describe, it } from "@effect/vitest"
import * as ProfileList from "../../src/domain/ProfileList.js"

const now = Date.UTC(2026, 10, 23, 12, 0)
const hour = 3_600_000

const rows: ReadonlyArray<ProfileList.Row> = [
  { name: "default", source: "claude-code", active: false, stored: undefined },
  {
    name: "work",
    source: "vault",
    active: true,
    stored: { addedFrom: "file", addedAt: now - hour, expiresAt: now + 8 * hour, subscriptionType: "pro", rateLimitTier: "default_claude_pro" }
  },
  { name: "lost", source: "vault", active: false, stored: undefined }
]

describe("ProfileList", () => {
  it("lists each profile on an aligned line, the active one starred", () => {
    assert.deepStrictEqual(ProfileList.lines(rows, now), [
      "  default  claude-code  Claude Code's login",
      "* work     vault        pro · default_claude_pro, token expires in 8h 0m, added from a file",
      "  lost     vault        no stored tokens — add them with 'cchdrm profiles add lost --token-file FILE'"
    ])
  })

  it("says when a stored token has expired or its expiry is unknown", () => {
    const stored = { addedFrom: null, addedAt: null, expiresAt: now - 1, subscriptionType: null, rateLimitTier: null }
    assert.include(ProfileList.lines([{ name: "x", source: "vault", active: false, stored }], now)[0], "tier unknown, token expired")
    assert.include(ProfileList.lines([{ name: "x", source: "vault", active: false, stored: { ...stored, expiresAt: null } }], now)[0], "expiry unknown")
  })

  it("gives the JSON form with ISO times and no tokens", () => {
    assert.deepStrictEqual(ProfileList.listed(rows[1]!), {
      name: "work",
      source: "vault",
      active: true,
      stored: true,
      addedFrom: "file",
      addedAt: new Date(now - hour).toISOString(),
      expiresAt: new Date(now + 8 * hour).toISOString(),
      subscriptionType: "pro",
      tier: "default_claude_pro"
    })
    assert.strictEqual(ProfileList.listed(rows[0]!).stored, false)
  })

  it("reports an added or replaced profile with its tier and expiry", () => {
    const stored = rows[1]!.stored!
    assert.strictEqual(ProfileList.addedText("work", stored, false, now), "Added profile 'work' (default_claude_pro, token expires in 8h 0m)")
    assert.strictEqual(
      ProfileList.addedText("work", { ...stored, rateLimitTier: null, subscriptionType: null }, true, now),
      "Replaced the tokens of profile 'work' (tier unknown, token expires in 8h 0m)"
    )
  })
})
