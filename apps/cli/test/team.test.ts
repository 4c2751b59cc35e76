// Team history on a real PostgreSQL cluster (API.md B.8): three members polling the fake API into
// one database at once, `team`, backfill with export | import, and every failure's exit code.
import type { TeamReport } from "@cchdrm/core"
import "@cchdrm/testkit/PostgresGlobalSetup"
import { Postgres, UsageBodies } from "@cchdrm/testkit"
import { describe, expect, inject, it } from "vitest"
import { cchdrm, onOneFake, type World } from "./support/Cchdrm.js"

const { world } = onOneFake()
const database = () => Postgres.createDatabase(inject("postgres"), Postgres.uniqueName("cli"))

const hour = 3_600_000
const base = Math.ceil(Date.now() / hour) * hour
const body = (fiveHour: number, resetsAt: number, sevenDay: number) =>
  UsageBodies.build({
    fiveHour: { utilization: fiveHour, resetsAt: new Date(resetsAt).toISOString() },
    sevenDay: { utilization: sevenDay, resetsAt: new Date(base + 100 * hour).toISOString() }
  })

// Each member's rounds of usage: the third round's 5h window reset (resets_at moved by 5 h).
const rounds = (offset: number) => [
  body(20 + offset, base + hour, 30 + offset),
  body(40 + offset, base + hour, 31 + offset),
  body(5 + offset, base + 6 * hour, 32 + offset)
]

// The JSON of a run that must succeed.
const json = (run: { readonly code: number | null; readonly stdout: string; readonly stderr: string }): unknown => {
  expect(run.stderr, run.stderr).toBe("")
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout)
}

// What stays the same whichever database answered: everything but the times of the query itself.
const stable = (document: unknown): unknown =>
  JSON.parse(JSON.stringify(document, (key, value: unknown) => ["from", "to", "generatedAt", "gaps"].includes(key) ? undefined : value))

describe("team history", () => {
  it("team without CCHDRM_DATABASE_URL exits 2 saying how to set it; a URL that is not postgres:// exits 2", async () => {
    const { env } = await world()
    const run = await cchdrm(["team"], { env })
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split("\n")).toHaveLength(1)
    expect(run.stderr).toMatch(/set CCHDRM_DATABASE_URL=postgres:\/\//)
    const invalid = await cchdrm(["status"], { env: { ...env, CCHDRM_DATABASE_URL: "mysql://me:hunter2@db/x" } })
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toMatch(/CCHDRM_DATABASE_URL is not a postgres:\/\/ URL/)
    expect(invalid.stderr).not.toContain("hunter2")
  })

  it("an unreachable database is exit 5 naming the host, a refused login exit 5 with the fix; no password printed", async () => {
    const { env } = await world()
    const url = await database()
    const closed = `postgres://postgres:${Postgres.password}@127.0.0.1:1/nowhere`
    const wrong = url.replace(Postgres.password, "not-the-password")
    const [unreachable, refused, doctor] = await Promise.all([
      cchdrm(["team"], { env: { ...env, CCHDRM_DATABASE_URL: closed } }),
      cchdrm(["status"], { env: { ...env, CCHDRM_DATABASE_URL: wrong } }),
      cchdrm(["doctor"], { env: { ...env, CCHDRM_DATABASE_URL: url, CCHDRM_MEMBER: "doc@host" } })
    ])
    expect(unreachable.code).toBe(5)
    expect(unreachable.stderr).toMatch(/Cannot reach the team database at 127\.0\.0\.1:1 /)
    expect(refused.code).toBe(5)
    expect(refused.stderr).toMatch(/refused the login of user 'postgres'.*Fix the user and password in CCHDRM_DATABASE_URL/)
    expect(doctor.stdout).toMatch(/✓ Database: team database postgres:\/\/postgres:\*\*\*\*@127\.0\.0\.1:\d+\/\S+ as member 'doc@host': connected/)
    for (const run of [unreachable, refused, doctor]) {
      expect(run.stdout + run.stderr).not.toContain(Postgres.password)
      expect(run.stdout + run.stderr).not.toContain("not-the-password")
    }
  })

  it("three members poll into one database at once; team shows each, and each member's history and analysis equal SQLite's", async () => {
    const url = await database()
    const members: Array<{ readonly name: string; readonly world: World; readonly offset: number }> = []
    for (const [index, name] of ["carol@desk", "alice@laptop", "bob@server"].entries()) {
      members.push({ name, world: await world(), offset: index * 10 })
    }
    const teamEnv = (member: { readonly name: string; readonly world: World }) => ({
      ...member.world.env,
      CCHDRM_DATABASE_URL: url,
      CCHDRM_MEMBER: member.name
    })
    for (let round = 0; round < 3; round++) {
      for (const member of members) member.world.account.setUsage(rounds(member.offset)[round]!)
      // Every member polls at the same moment, as their machines would.
      const runs = await Promise.all(members.map((member) => cchdrm(["status", "--json"], { env: teamEnv(member) })))
      for (const run of runs) json(run)
    }

    const team = json(await cchdrm(["team", "--json", "--range", "24h"], { env: teamEnv(members[0]!) })) as TeamReport.TeamReport
    expect(team.range).toBe("24h")
    expect(team.members.map((member) => member.member)).toEqual(["alice@laptop", "bob@server", "carol@desk"])
    for (const entry of team.members) {
      const offset = members.find((member) => member.name === entry.member)!.offset
      expect(entry.profiles).toHaveLength(1)
      const profile = entry.profiles[0]!
      expect(profile.name).toBe("default")
      expect(profile.fiveHour).toEqual({
        utilization: 5 + offset,
        headroom: 95 - offset,
        state: "normal",
        resetsAt: new Date(base + 6 * hour).toISOString()
      })
      expect(profile.sevenDay?.headroom).toBe(68 - offset)
      expect(profile.resetCount).toBe(1)
      expect(profile.averagePeak).toBe(40 + offset)
    }
    const text = await cchdrm(["team"], { env: teamEnv(members[0]!) })
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^carol@desk default +● +95% +● +68% +1 reset, avg peak 40%/m)
    expect(text.stdout).toMatch(/^alice@laptop default +● +85% +● +58% +1 reset, avg peak 50%/m)

    // The same polls in a member's own usage.db, brought over with export | import.
    for (const member of members) {
      const exported = await cchdrm(["export"], { env: teamEnv(member) })
      expect(exported.code).toBe(0)
      expect(exported.stdout.trim().split("\n").filter((line) => !line.includes("\"kind\""))).toHaveLength(3)
      const local = await world()
      const imported = await cchdrm(["import", "-"], { env: local.env, stdin: exported.stdout })
      expect(imported.code, imported.stderr).toBe(0)
      for (const args of [["history", "--json", "--range", "24h"], ["analyze", "--json", "--range", "24h"]]) {
        const [team, sqlite] = await Promise.all([cchdrm(args, { env: teamEnv(member) }), cchdrm(args, { env: local.env })])
        expect(stable(json(team))).toEqual(stable(json(sqlite)))
      }
    }
  }, 120_000)

  it("backfill: export from usage.db | import - into the team database under the member's name", async () => {
    const url = await database()
    const local = await world()
    local.account.setUsage(body(33, base + hour, 44))
    json(await cchdrm(["status", "--json"], { env: local.env }))
    const exported = await cchdrm(["export"], { env: local.env })
    expect(exported.code).toBe(0)
    const teamEnv = { ...local.env, CCHDRM_DATABASE_URL: url, CCHDRM_MEMBER: "dave@old-laptop" }
    const imported = await cchdrm(["import", "-"], { env: teamEnv, stdin: exported.stdout })
    expect(imported.code, imported.stderr).toBe(0)
    const team = json(await cchdrm(["team", "--json"], { env: teamEnv })) as TeamReport.TeamReport
    expect(team.members.map((member) => member.member)).toEqual(["dave@old-laptop"])
    expect(team.members[0]!.profiles[0]!.fiveHour?.utilization).toBe(33)
    const again = await cchdrm(["export"], { env: teamEnv })
    expect(again.stdout).toBe(exported.stdout)
  }, 60_000)
})
