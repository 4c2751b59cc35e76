import { assert, describe, it } from "@effect/vitest"
import * as DoctorReport from "../../src/domain/DoctorReport.js"
import { defaultProfile } from "../../src/domain/Profile.js"
import { CredentialsNotFound } from "../../src/services/CredentialStore.js"
import { RateLimited } from "../../src/services/UsageApi.js"

const fine = DoctorReport.ok("Config", "valid")
const noLogin = DoctorReport.problem("Profile 'default' credentials", new CredentialsNotFound({ profile: defaultProfile, source: "claude-code", searched: ["/home/me/.claude/.credentials.json"] }))
const limited = DoctorReport.problem("Profile 'default' API", new RateLimited({ profile: defaultProfile, retryAfterMillis: null }))

describe("DoctorReport", () => {
  it("a problem carries its error's message and exit code; the report exits with the worst", () => {
    assert.strictEqual(noLogin.code, 3)
    assert.include(noLogin.detail, "/home/me/.claude/.credentials.json")
    assert.strictEqual(limited.code, 6)
    assert.strictEqual(DoctorReport.exitCode([fine, noLogin, limited]), 6)
    assert.strictEqual(DoctorReport.exitCode([fine]), 0)
    assert.strictEqual(DoctorReport.exitCode([]), 0)
  })

  it("text: one line per check, ✓ when fine and ✗ for a problem", () => {
    const text = DoctorReport.lines([fine, noLogin]).split("\n")
    assert.deepStrictEqual(text[0], "✓ Config: valid")
    assert.isTrue(text[1]?.startsWith(`✗ Profile 'default' credentials: ${noLogin.detail}`))
    assert.strictEqual(text.length, 2)
  })

  it("document: every check in order with ok and its exit code, and the report's exit code", () => {
    assert.deepStrictEqual(DoctorReport.document([fine, limited]), {
      exitCode: 6,
      checks: [
        { label: "Config", ok: true, detail: "valid", exitCode: 0 },
        { label: "Profile 'default' API", ok: false, detail: limited.detail, exitCode: 6 }
      ]
    })
  })
})
