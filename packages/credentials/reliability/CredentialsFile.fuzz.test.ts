// 10,000 hostile Claude Code credentials files (API.md A.4): each parses to credentials or to a
// typed, one-line error that shows no token — never a throw.
import { ProfileName } from "@cchdrm/core/domain/Profile"
import { Either } from "effect"
import { assert, describe, it } from "vitest"
import { hostileText, random } from "../../core/reliability/hostile.js"
import * as ClaudeCodeFile from "../src/ClaudeCodeFile.js"

const accessToken = "sk-ant-oat01-fuzz-access-0123456789abcdef"
const refreshToken = "sk-ant-ort01-fuzz-refresh-0123456789abcdef"

describe("Claude Code's credentials file under hostile contents", () => {
  it("10,000 files: credentials or a one-line typed error without a token", () => {
    const rng = random(4)
    const valid = {
      claudeAiOauth: {
        accessToken,
        refreshToken,
        expiresAt: 1770849725205,
        scopes: ["user:inference", "user:profile"],
        subscriptionType: "max",
        rateLimitTier: "default_claude_max_20x"
      },
      mcpOAuth: { other: true }
    }
    const outcomes = { credentials: 0, errors: 0 }
    for (let index = 0; index < 10_000; index++) {
      // A leading stray byte has been seen in real files (A.4).
      const text = (index % 7 === 0 ? "\u0007" : "") + hostileText(rng, valid, index)
      const result = ClaudeCodeFile.parse(text, "/home/u/.claude/.credentials.json", ProfileName.make("default"))
      if (Either.isRight(result)) outcomes.credentials++
      else {
        outcomes.errors++
        const message = result.left.message
        assert.notMatch(message, /[\r\n]/, `file ${index}`)
        assert.notInclude(message, "sk-ant-", `file ${index}`)
        assert.notInclude(JSON.stringify(result.left), "fuzz-access", `file ${index}`)
      }
    }
    assert.isAbove(outcomes.credentials, 100)
    assert.isAbove(outcomes.errors, 1_000)
  })
})
