// history, analyze, guard, watch, doctor and the generic flags, end to end against the fake API.
import { describe, expect, it } from "vitest"
import { assertClean, cchdrm, onOneFake, startWatch } from "./support/Cchdrm.js"
import { analysisDocument, doctorDocument, guardDocument } from "./support/Shapes.js"

const { world } = onOneFake()

describe.concurrent("history and analyze", () => {
  it("history shows stored polls as text, JSON and CSV", async () => {
    const { env } = await world()
    expect((await cchdrm(["status"], { env })).code).toBe(0)
    const [text, json, csv] = await Promise.all([
      cchdrm(["history"], { env }),
      cchdrm(["history", "--json", "--range", "7d"], { env }),
      cchdrm(["history", "--csv"], { env })
    ])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^default · 24h · 1 point · \d+ gaps? · 0 resets$/m)
    expect(text.stdout).toMatch(/^5h used │.*[▁▂▃▄▅▆▇█]/m)
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({ range: "7d", profile: "default" })
    expect(csv.stdout.split("\n")[0]).toBe("timestamp,resolution,five_hour,five_hour_peak,seven_day,seven_day_peak")
    expect(csv.stdout.trim().split("\n")).toHaveLength(2)
  })

  it("history refuses --json with --csv (exit 2) and a bad range (exit 2)", async () => {
    const { env } = await world()
    const [both, range] = await Promise.all([
      cchdrm(["history", "--json", "--csv"], { env }),
      cchdrm(["history", "--range", "1y"], { env })
    ])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain("--csv")
    expect(range.code).toBe(2)
  })

  it("analyze prints the B.5 document and the labelled bar", async () => {
    const { env } = await world()
    const [json, text] = await Promise.all([cchdrm(["analyze", "--json", "--range", "30d"], { env }), cchdrm(["analyze"], { env })])
    expect(json.code).toBe(0)
    const analysis = analysisDocument(json.stdout)
    expect(analysis).toMatchObject({ profile: "default", range: "30d", resetCount: 0 })
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(
      ["profile", "range", "from", "to", "resetCount", "averagePeak", "tier", "credits", "percent", "limitHits", "hoursExhausted"]
    )
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^default · 7d · 0 resets/m)
  })
})

describe.concurrent("guard", () => {
  it("exits 0 at or above the minimum and 10 below it, from the stored poll without asking again", async () => {
    const { account, env } = await world()
    expect((await cchdrm(["status"], { env })).code).toBe(0)
    const before = account.usageRequests
    const [enough, tooLittle, weekly] = await Promise.all([
      cchdrm(["guard", "--min", "0"], { env }),
      cchdrm(["guard", "--min", "100"], { env }),
      cchdrm(["guard", "--min", "100", "--window", "7d"], { env })
    ])
    expect(enough.code).toBe(0)
    expect(enough.stdout).toMatch(/^default 5h headroom \d+% ≥ 0%$/m)
    expect(tooLittle.code).toBe(10)
    expect(weekly.code).toBe(10)
    expect(weekly.stdout).toContain("7d headroom")
    expect(account.usageRequests).toBe(before)
  })

  it("polls when nothing is stored, and exits 3 without credentials", async () => {
    const fresh = await world()
    const run = await cchdrm(["guard", "--min", "1"], { env: fresh.env })
    expect(run.code).toBe(0)
    expect(fresh.account.usageRequests).toBe(1)
    const none = await world({}, false)
    expect((await cchdrm(["guard", "--min", "1"], { env: none.env })).code).toBe(3)
  })

  it("--json prints the verdict as a document, with the same exit codes", async () => {
    const { env } = await world()
    const [pass, fail] = await Promise.all([
      cchdrm(["guard", "--min", "0", "--json"], { env }),
      cchdrm(["guard", "--min", "100", "--window", "7d", "--json"], { env })
    ])
    expect([pass.code, fail.code]).toEqual([0, 10])
    const passed = guardDocument(pass.stdout)
    expect(passed).toMatchObject({ profile: "default", window: "5h", min: 0, pass: true })
    expect(passed.headroom).toBeGreaterThanOrEqual(0)
    expect(guardDocument(fail.stdout)).toMatchObject({ window: "7d", min: 100, pass: false })
    const none = await world({}, false)
    const unknown = await cchdrm(["guard", "--min", "1", "--json"], { env: none.env })
    expect(unknown.code).toBe(3)
    expect(guardDocument(unknown.stdout)).toEqual({ profile: "default", window: "5h", headroom: null, min: 1, pass: false })
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1)
  })

  it("exits 2 for a missing or out-of-range --min", async () => {
    const { env } = await world()
    const [missing, range] = await Promise.all([cchdrm(["guard"], { env }), cchdrm(["guard", "--min", "150"], { env })])
    expect(missing.code).toBe(2)
    expect(range.code).toBe(2)
  })
})

describe.concurrent("doctor", () => {
  it("reports every check and exits 0 when all is well", async () => {
    const { env } = await world()
    const run = await cchdrm(["doctor"], { env })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/✓ Profile 'default' credentials: found in .*\.credentials\.json, token expires in/)
    expect(run.stdout).toMatch(/✓ Profile 'default' API: reachable/)
    expect(run.stdout).toMatch(/✓ Database: .*usage\.db, .*schema version \d+/)
  })

  it("names where it looked and exits 3 without credentials", async () => {
    const { claudeDir, env } = await world({}, false)
    const run = await cchdrm(["doctor"], { env })
    expect(run.code).toBe(3)
    expect(run.stdout).toContain(`✗ Profile 'default' credentials:`)
    expect(run.stdout).toContain(claudeDir)
  })

  it("--json lists every check with its exit code, and exits with the worst", async () => {
    const [healthy, loggedOut] = await Promise.all([world(), world({}, false)])
    const [good, bad] = await Promise.all([
      cchdrm(["doctor", "--json"], { env: healthy.env }),
      cchdrm(["doctor", "--json"], { env: loggedOut.env })
    ])
    expect(good.code).toBe(0)
    const report = doctorDocument(good.stdout)
    expect(report.exitCode).toBe(0)
    expect(report.checks.every((check) => check.ok && check.exitCode === 0)).toBe(true)
    expect(report.checks.map((check) => check.label)).toContain("Profile 'default' API")
    expect(bad.code).toBe(3)
    const failing = doctorDocument(bad.stdout)
    expect(failing.exitCode).toBe(3)
    expect(failing.checks.filter((check) => !check.ok)).toEqual([
      expect.objectContaining({ label: "Profile 'default' credentials", exitCode: 3, detail: expect.stringContaining(loggedOut.claudeDir) })
    ])
  })

  it("exits 5 when the API is unreachable", async () => {
    const { env } = await world()
    const run = await cchdrm(["doctor"], { env: { ...env, CCHDRM_API_URL: "http://127.0.0.1:1" } })
    expect(run.code).toBe(5)
    expect(run.stdout).toMatch(/✗ Profile 'default' API: /)
  })
})

describe("watch", () => {
  it("prints a line per poll and stops cleanly on SIGINT", async () => {
    const { env } = await world()
    const watch = startWatch(env)
    await watch.lines(1, 15_000)
    const run = await watch.stop()
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z \S 5h \d+%/m)
    assertClean(run)
  })
})

describe.concurrent("generic flags", () => {
  it("--version prints the package version, --help the commands without colour", async () => {
    const [version, help] = await Promise.all([cchdrm(["--version"]), cchdrm(["--help"])])
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
    expect(help.code).toBe(0)
    for (const command of ["status", "statusline", "history", "analyze", "guard", "watch", "doctor"]) {
      expect(help.stdout).toContain(command)
    }
    expect(help.stdout).not.toContain("\u001b[")
  })

  it("prints shell completions", async () => {
    const run = await cchdrm(["--completions", "bash"])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("cchdrm")
  })

  it("exits 2 for an unknown command", async () => {
    const run = await cchdrm(["frobnicate"])
    expect(run.code).toBe(2)
  })

  it("a flag that does not parse is one line naming the flag, exit 2, like every other error", async () => {
    const [spaced, joined, unknown] = await Promise.all([
      cchdrm(["guard", "--min", "abc"]),
      cchdrm(["guard", "--min=abc"]),
      cchdrm(["status", "--bogus"])
    ])
    for (const run of [spaced, joined]) {
      expect(run).toMatchObject({ code: 2, stdout: "", stderr: "cchdrm: --min: 'abc' is not an integer\n" })
    }
    expect(unknown).toMatchObject({ code: 2, stdout: "", stderr: "cchdrm: Received unknown argument: '--bogus'\n" })
  })
})
