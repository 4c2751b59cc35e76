import { afterEach, describe, expect, it } from "vitest"
import { Responses, startFakeAnthropic } from "../src/index.js"
import type { FakeAnthropic } from "../src/index.js"
import { getProfile, json } from "./fixtures/claudeCode.js"

let fake: FakeAnthropic | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

describe("GET /api/oauth/profile", () => {
  it("answers the A.3 body for the token's account", async () => {
    fake = await startFakeAnthropic()
    const account = fake.addAccount({ email: "ada@example.com", displayName: "Ada", tier: "default_claude_pro", accountUuid: "acc-1" })
    const response = await getProfile(fake, account.accessToken)
    expect(response.status).toBe(200)
    const body = await json(response)
    expect(body).toEqual({
      account: { uuid: "acc-1", email_address: "ada@example.com", display_name: "Ada" },
      organization: {
        uuid: expect.any(String),
        organization_type: "claude_pro",
        rate_limit_tier: "default_claude_pro",
        has_extra_usage_enabled: true,
        billing_type: "stripe_subscription"
      }
    })
    expect(body).toEqual(account.profile())
  })

  it("maps each tier to its organization type", async () => {
    fake = await startFakeAnthropic()
    const types: Record<string, string> = {}
    for (const tier of ["default_claude_pro", "default_claude_max_5x", "default_claude_max_20x", "default_claude_team"]) {
      const account = fake.addAccount({ tier })
      types[tier] = (await json(await getProfile(fake, account.accessToken))).organization.organization_type
    }
    expect(types).toEqual({
      default_claude_pro: "claude_pro",
      default_claude_max_5x: "claude_max",
      default_claude_max_20x: "claude_max",
      default_claude_team: "claude_team"
    })
  })

  it("gives different accounts different ids, and an unknown tier as null", async () => {
    fake = await startFakeAnthropic()
    const first = fake.addAccount({ tier: null })
    const second = fake.addAccount()
    const a = await json(await getProfile(fake, first.accessToken))
    const b = await json(await getProfile(fake, second.accessToken))
    expect(a.account.uuid).not.toBe(b.account.uuid)
    expect(a.organization.rate_limit_tier).toBeNull()
    expect(first.credentials().claudeAiOauth.rateLimitTier).toBeNull()
  })

  it("applies the same authentication as the usage route", async () => {
    fake = await startFakeAnthropic()
    const account = fake.addAccount({ scopes: ["user:inference"] })
    expect((await getProfile(fake, "sk-ant-oat01-nobody")).status).toBe(401)
    expect((await getProfile(fake, account.accessToken)).status).toBe(403)
  })

  it("plays scripted profile answers first", async () => {
    fake = await startFakeAnthropic()
    const account = fake.addAccount()
    account.scriptProfile(Responses.serverError(502))
    expect((await getProfile(fake, account.accessToken)).status).toBe(502)
    expect((await getProfile(fake, account.accessToken)).status).toBe(200)
  })
})
