// Each command builds only the layers it uses: a corrupt usage.db stops neither `config` nor
// `profiles`, and `doctor` reports a broken part as a failed check instead of failing before it runs.
import { mkdir, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cchdrm, onOneFake, type World } from "./support/Cchdrm.js"
import { doctorDocument } from "./support/Shapes.js"

const { world } = onOneFake()

const corruptBytes = Buffer.from("this is a text file, not SQLite\n".repeat(200))

/** A world whose usage.db holds `corruptBytes`; returns the file's path. */
const corruptDatabase = async ({ dataDir }: World): Promise<string> => {
  await mkdir(dataDir, { recursive: true })
  const file = join(dataDir, "usage.db")
  await writeFile(file, corruptBytes)
  return file
}

// Every check doctor runs on a healthy world, in order: the list a broken part must not shorten.
const healthyLabels = async (): Promise<ReadonlyArray<string>> => {
  const { env } = await world()
  return doctorDocument((await cchdrm(["doctor", "--json"], { env })).stdout).checks.map((check) => check.label)
}

describe.concurrent("with a corrupt usage.db", () => {
  it("config set and profiles list succeed and leave the file's bytes untouched", async () => {
    const corrupt = await world()
    const file = await corruptDatabase(corrupt)
    const set = await cchdrm(["config", "set", "pollIntervalSeconds", "120"], { env: corrupt.env })
    const [get, list] = await Promise.all([
      cchdrm(["config", "get", "pollIntervalSeconds"], { env: corrupt.env }),
      cchdrm(["profiles", "list"], { env: corrupt.env })
    ])
    expect(set).toMatchObject({ code: 0, stderr: "" })
    expect(get).toMatchObject({ code: 0, stderr: "" })
    expect(get.stdout).toContain("120")
    expect(list).toMatchObject({ code: 0, stderr: "" })
    expect(list.stdout).toMatch(/^\* default\b/m)
    expect((await readFile(file)).equals(corruptBytes)).toBe(true)
  })

  it("doctor prints a failed Database check with its fix and exits 7", async () => {
    const corrupt = await world()
    const file = await corruptDatabase(corrupt)
    const run = await cchdrm(["doctor"], { env: corrupt.env })
    expect(run.code).toBe(7)
    expect(run.stdout).toMatch(/^✗ Database: .*usage\.db is not a SQLite database\. Move it aside, or set CCHDRM_DATA_DIR/m)
    expect(run.stdout).toMatch(/^✓ Profile 'default' credentials:/m)
    expect((await readFile(file)).equals(corruptBytes)).toBe(true)
  })
})

describe.concurrent("doctor --json when a layer cannot be built", () => {
  it("a corrupt database: every check is listed, Database failed with exit 7", async () => {
    const [labels, corrupt] = await Promise.all([healthyLabels(), world()])
    await corruptDatabase(corrupt)
    const run = await cchdrm(["doctor", "--json"], { env: corrupt.env })
    const report = doctorDocument(run.stdout)
    expect(run.code).toBe(7)
    expect(report.checks.map((check) => check.label)).toEqual(labels)
    expect(report.checks.filter((check) => !check.ok)).toEqual([
      expect.objectContaining({ label: "Database", exitCode: 7, detail: expect.stringContaining("Move it aside") })
    ])
  })

  it("a bad CCHDRM_TOKEN_URL: the other checks still run, the failure names the variable, exit 2", async () => {
    const { env } = await world()
    const run = await cchdrm(["doctor", "--json"], { env: { ...env, CCHDRM_TOKEN_URL: "not a url" } })
    const report = doctorDocument(run.stdout)
    expect(run.code).toBe(2)
    expect(report.exitCode).toBe(2)
    expect(report.checks.map((check) => check.label)).toEqual(expect.arrayContaining(["Data directory", "Config file", "Config", "Database"]))
    expect(report.checks.filter((check) => check.ok).map((check) => check.label)).toContain("Database")
    expect(report.checks.filter((check) => !check.ok)).toEqual([
      expect.objectContaining({ exitCode: 2, detail: expect.stringContaining("CCHDRM_TOKEN_URL") })
    ])
  })

  it("an unreadable config: every check is listed, Config failed with exit 7", async () => {
    const [labels, broken] = await Promise.all([healthyLabels(), world()])
    // A directory where config.json belongs cannot be read, even by root.
    await mkdir(join(broken.root, "config", "config.json"), { recursive: true })
    const run = await cchdrm(["doctor", "--json"], { env: broken.env })
    const report = doctorDocument(run.stdout)
    expect(run.code).toBe(7)
    expect(report.checks.map((check) => check.label)).toEqual(labels)
    expect(report.checks.filter((check) => !check.ok)).toEqual([
      expect.objectContaining({ label: "Config", exitCode: 7, detail: expect.stringContaining("is a directory") })
    ])
  })
})
