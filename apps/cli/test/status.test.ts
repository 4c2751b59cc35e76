import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
const cchdrm = (...args: ReadonlyArray<string>) => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm build first`)
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
}

describe("cchdrm --demo status", () => {
  it("prints the status document of API.md B.2 with --json", () => {
    const result = cchdrm("--demo", "status", "--json")
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(Object.keys(report)).toEqual(["generatedAt", "activeProfile", "profiles"])
    const [profile] = report.profiles
    expect(profile.name).toBe("default")
    expect(profile.connection).toBe("connected")
    expect(profile.subscription).toEqual({ type: "max", tier: "default_claude_max_5x" })
    expect(["fiveHour", "sevenDay"]).toContain(profile.binding)
    const sevenDay = profile.windows.sevenDay
    expect(sevenDay.headroom).toBe(100 - sevenDay.utilization)
    expect(typeof sevenDay.quotasLeft).toBe("number")
    expect(profile.caps.map((cap: { label: string }) => cap.label)).toEqual(["Sonnet", "Fable"])
    expect(profile.extraUsage.enabled).toBe(true)
  })

  it("prints one gauge line per window for people", () => {
    const result = cchdrm("--demo", "status")
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^default · Max 5x · connected$/m)
    expect(result.stdout).toMatch(/^ {2}\S 7d +\d+% [↘→↗⬆] resets in /m)
    expect(result.stdout).toMatch(/Updated just now/)
    expect(result.stdout).not.toContain("\u001b[")
  })

  it("refuses live polling with a one-line message and exit code 2", () => {
    const result = cchdrm("status")
    expect(result.status).toBe(2)
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(result.stderr).toContain("--demo")
    expect(result.stdout).toBe("")
  })
})
