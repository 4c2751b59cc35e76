// `--demo`: the real code path against the built-in simulated account, no Claude login needed.
import { describe, expect, it } from "vitest"
import { cchdrm } from "./support/Cchdrm.js"
import { analysisDocument, statusDocument } from "./support/Shapes.js"

describe.concurrent("cchdrm --demo", () => {
  it("status --json is a connected B.2 document", async () => {
    const run = await cchdrm(["--demo", "status", "--json"])
    expect(run.code).toBe(0)
    const [profile] = statusDocument(run.stdout).profiles
    expect(profile?.connection).toBe("connected")
    expect(profile?.subscription).toEqual({ type: "max", tier: "default_claude_max_5x" })
    expect(profile?.caps.length).toBeGreaterThan(0)
  })

  it("history --range 7d draws a week with resets", async () => {
    const run = await cchdrm(["--demo", "history", "--range", "7d"])
    expect(run.code).toBe(0)
    const [header] = run.stdout.split("\n")
    const match = /^default · 7d · (\d+) points · \d+ gaps? · (\d+) resets$/.exec(header ?? "")
    expect(Number(match?.[1])).toBeGreaterThan(500)
    expect(Number(match?.[2])).toBeGreaterThan(3)
  })

  it("analyze --json is a B.5 document with a breakdown", async () => {
    const run = await cchdrm(["--demo", "analyze", "--json"])
    expect(run.code).toBe(0)
    const analysis = analysisDocument(run.stdout)
    expect(analysis.resetCount).toBeGreaterThan(3)
    const percent = analysis.percent
    expect(percent === null ? null : Math.round(percent.used + percent.constrained + percent.unused)).toBe(100)
  })

  it("--demo works wherever it is written among a command's flags (API.md B.4a)", async () => {
    const runs = await Promise.all([
      cchdrm(["status", "--demo", "--json", "--profile", "default"]),
      cchdrm(["analyze", "--demo", "--json"]),
      cchdrm(["history", "--demo", "--range", "7d", "--json"]),
      cchdrm(["guard", "--min", "10", "--demo", "--window", "7d"])
    ])
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0])
    expect(statusDocument(runs[0]!.stdout).profiles.map((profile) => profile.connection)).toEqual(["connected"])
    expect(analysisDocument(runs[1]!.stdout).range).toBe("7d")
    expect(Array.isArray(JSON.parse(runs[2]!.stdout).points)).toBe(true)
    expect(runs[3]!.stdout).toMatch(/^default 7d headroom \d+% ≥ 10%/)
  })

  it("statusline and doctor work too", async () => {
    const [line, doctor] = await Promise.all([cchdrm(["--demo", "statusline"]), cchdrm(["--demo", "doctor"])])
    expect(line.code).toBe(0)
    expect(line.stdout).toMatch(/^\S 5h \d+%/)
    expect(doctor.code).toBe(0)
  })
})
