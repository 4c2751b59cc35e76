import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"
import { startDemoWorld } from "../src/DemoWorld.js"

describe("startDemoWorld", () => {
  it("serves the account, holds its login, yields a week of B.4 lines, and removes everything on close", async () => {
    const world = await startDemoWorld()
    const login = JSON.parse(await readFile(join(world.env.CLAUDE_CONFIG_DIR, ".credentials.json"), "utf8")) as { claudeAiOauth: { accessToken: string } }
    const answer = await fetch(`${world.env.CCHDRM_API_URL}/api/oauth/usage`, {
      headers: { Authorization: `Bearer ${login.claudeAiOauth.accessToken}`, "anthropic-beta": "oauth-2025-04-20", "User-Agent": "claude-code/2.1.80" }
    })
    expect(answer.status).toBe(200)
    const now = Date.parse("2026-11-22T16:00:00.000Z")
    const lines = [...world.history(now)].map((line) => JSON.parse(line) as { profile: string; timestamp: string })
    expect(lines.length).toBeGreaterThan(500)
    expect(lines.every((line) => line.profile === "default" && Date.parse(line.timestamp) < now)).toBe(true)
    const root = dirname(world.env.CLAUDE_CONFIG_DIR)
    await world.close()
    expect(existsSync(root)).toBe(false)
  })
})
