import { assert, describe, it } from "@effect/vitest"
import { Exit, FiberId } from "effect"
import * as ExitCode from "../../src/domain/ExitCode.js"
import { PreferencesInvalid } from "../../src/domain/Preferences.js"
import { defaultProfile } from "../../src/domain/Profile.js"
import { UsageBodyInvalid } from "../../src/domain/UsageBody.js"
import { UsageError } from "../../src/domain/UsageError.js"
import { ApiUrlInvalid } from "../../src/services/ApiEndpoint.js"
import { ConfigFileError } from "../../src/services/ConfigFileError.js"
import { CredentialsInvalid, CredentialsNotFound } from "../../src/services/CredentialStore.js"
import { ProfileNotFound } from "../../src/services/ProfileStore.js"
import { TokenExpired, TokenRefreshFailed } from "../../src/services/TokenRefresher.js"
import { ApiUnreachable, MissingScope, RateLimited, Unauthorized } from "../../src/services/UsageApi.js"
import { HistoryError } from "../../src/services/UsageHistory.js"

const profile = defaultProfile

// API.md B.3: each documented failure has its code.
const cases: ReadonlyArray<readonly [ExitCode.CchdrmError, ExitCode.ExitCode]> = [
  [new ApiUrlInvalid({ variable: "CCHDRM_API_URL", url: "http://x", problem: "insecure" }), 2],
  [new ProfileNotFound({ profile: "work", known: ["default"] }), 2],
  [new CredentialsNotFound({ profile, source: "claude-code", searched: [] }), 3],
  [new TokenExpired({ profile, source: "claude-code" }), 4],
  [new MissingScope({ profile }), 4],
  [new Unauthorized({ profile }), 4],
  [new ApiUnreachable({ profile, reason: "HTTP 502" }), 5],
  [new TokenRefreshFailed({ profile, reason: "HTTP 500" }), 5],
  [new UsageBodyInvalid({ reason: "not_json", excerpt: "<html>" }), 5],
  [new RateLimited({ profile, retryAfterMillis: null }), 6],
  [new ConfigFileError({ path: "/c/config.json", problem: "not JSON" }), 7],
  [new CredentialsInvalid({ profile, location: "/c/.credentials.json", problem: "empty file" }), 7],
  [new HistoryError({ operation: "open", problem: "not a database" }), 7],
  [new PreferencesInvalid({ key: "warningThreshold", message: "warningThreshold = 3 is out of range" }), 7]
]

describe("ExitCode", () => {
  for (const [error, code] of cases) {
    it(`${error._tag} exits ${code}`, () => {
      assert.strictEqual(ExitCode.ofError(error), code)
      assert.strictEqual(ExitCode.ofExit(Exit.fail(error)), code)
    })
  }

  it("success exits 0, a defect or an interruption exits 1", () => {
    assert.strictEqual(ExitCode.ofExit(Exit.succeed(1)), 0)
    assert.strictEqual(ExitCode.ofExit(Exit.die(new Error("bug"))), 1)
    assert.strictEqual(ExitCode.ofExit(Exit.interrupt(FiberId.none)), 1)
  })

  it("several profiles exit with the worst code", () => {
    assert.strictEqual(ExitCode.worst([]), 0)
    assert.strictEqual(ExitCode.worst([0, 6, 3]), 6)
    assert.strictEqual(ExitCode.worst([4, 0]), 4)
  })

  it("every user-facing message is one line", () => {
    for (const [error] of cases) assert.notInclude(error.message, "\n")
  })
})

describe("ExitCode.ofProfiles", () => {
  it("is the worst of the profiles' connection codes, 0 for none", () => {
    assert.strictEqual(ExitCode.ofProfiles([]), 0)
    assert.strictEqual(ExitCode.ofProfiles([{ connection: "connected" }, { connection: "token_expired" }, { connection: "no_credentials" }]), 4)
  })
})

describe("ExitCode.ofConnection", () => {
  it("maps each poll outcome to its documented code", () => {
    assert.deepStrictEqual(
      (["connected", "no_credentials", "token_expired", "disconnected", "rate_limited"] as const).map(ExitCode.ofConnection),
      [0, 3, 4, 5, 6]
    )
  })
})

describe("ExitCode.ofTag", () => {
  it("knows the code of every error tag of core, and nothing else", () => {
    assert.strictEqual(ExitCode.ofTag("RateLimited"), 6)
    assert.strictEqual(ExitCode.ofTag("ConfigFileError"), 7)
    assert.isUndefined(ExitCode.ofTag("SomethingElse"))
    assert.isUndefined(ExitCode.ofTag("toString"))
  })
})

describe("ExitCode.outcomeOf", () => {
  it("success and Ctrl-C are 0 and silent; a failure is its code and one printable line", () => {
    assert.deepStrictEqual(ExitCode.outcomeOf(Exit.succeed(1)), { code: 0, message: null })
    assert.deepStrictEqual(ExitCode.outcomeOf(Exit.interrupt(FiberId.none)), { code: 0, message: null })
    const leaky = new UsageError({ message: "bad token sk-ant-oat01-abcdefghijklmnopqrstuvwxyz0123456789\n    at Object.<anonymous> (x.js:1:1)" })
    const outcome = ExitCode.outcomeOf(Exit.fail(leaky))
    assert.strictEqual(outcome.code, 2)
    assert.notInclude(outcome.message ?? "", "abcdefghijklmnopqrstuvwxyz")
    assert.notInclude(outcome.message ?? "", "\n")
    assert.notInclude(outcome.message ?? "", "at Object")
  })

  it("a defect is 1 with internal error", () => {
    assert.deepStrictEqual(ExitCode.outcomeOf(Exit.die(new Error("boom"))), { code: 1, message: "internal error: boom" })
  })
})
