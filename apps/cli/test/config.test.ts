// `cchdrm config get|set|list`, end to end on a real config.json: validated writes, exit 2 for a
// bad key or value, exit 7 for an invalid file (left as it was).
import { mkdir, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { cchdrm, onOneFake } from "./support/Cchdrm.js"

/** `config list --json`: every key of SPEC §6, null when unset; exact keys. */
const ConfigDocument = Schema.Struct({
  pollIntervalSeconds: Schema.Number,
  warningThreshold: Schema.Number,
  criticalThreshold: Schema.Number,
  apiStatusAlerts: Schema.Boolean,
  extraUsageAlerts: Schema.Boolean,
  predictiveAlerts: Schema.Boolean,
  retentionDays: Schema.Number,
  customCredits5h: Schema.NullOr(Schema.Number),
  customCredits7d: Schema.NullOr(Schema.Number),
  launchAtLogin: Schema.Boolean,
  activeProfile: Schema.NullOr(Schema.String),
  webhookUrl: Schema.NullOr(Schema.String),
  concurrency: Schema.Number,
  refreshClaudeCodeLogin: Schema.Boolean
})
const configDocument = (stdout: string) => Schema.decodeUnknownSync(ConfigDocument, { onExcessProperty: "error" })(JSON.parse(stdout))

const fakeWorlds = onOneFake()
const world = async () => {
  const created = await fakeWorlds.world()
  const configDir = created.env["CCHDRM_CONFIG_DIR"] ?? ""
  await mkdir(configDir, { recursive: true })
  return { ...created, configFile: join(configDir, "config.json") }
}

describe.concurrent("config", () => {
  it("list shows every key with its default, as text and as one exact JSON object", async () => {
    const { env } = await world()
    const [text, json] = await Promise.all([cchdrm(["config", "list"], { env }), cchdrm(["config", "list", "--json"], { env })])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^pollIntervalSeconds +180 +\(default 180; allowed 60–1800\)$/m)
    expect(text.stdout).toMatch(/^customCredits5h +unset +\(allowed a whole number ≥ 1, or unset\)$/m)
    expect(text.stdout.trim().split("\n")).toHaveLength(14)
    expect(json.code).toBe(0)
    expect(configDocument(json.stdout)).toEqual({
      pollIntervalSeconds: 180, warningThreshold: 20, criticalThreshold: 5, apiStatusAlerts: true, extraUsageAlerts: true,
      predictiveAlerts: true, retentionDays: 365, customCredits5h: null, customCredits7d: null, launchAtLogin: false, activeProfile: null,
      webhookUrl: null, concurrency: 4, refreshClaudeCodeLogin: true
    })
  })

  it("set validates and writes only its key; get and list read it back; unset returns to the default", async () => {
    const { configFile, env } = await world()
    const set = await cchdrm(["config", "set", "warningThreshold", "30"], { env })
    expect([set.code, set.stdout.trim()]).toEqual([0, "warningThreshold = 30"])
    expect(JSON.parse(await readFile(configFile, "utf8"))).toEqual({ warningThreshold: 30 })
    expect((await cchdrm(["config", "set", "customCredits5h", "5000"], { env })).code).toBe(0)
    const [get, getJson, unsetKey, list] = await Promise.all([
      cchdrm(["config", "get", "warningThreshold"], { env }),
      cchdrm(["config", "get", "customCredits5h", "--json"], { env }),
      cchdrm(["config", "get", "customCredits7d", "--json"], { env }),
      cchdrm(["config", "list", "--json"], { env })
    ])
    expect(get.stdout).toBe("30\n")
    expect(getJson.stdout).toBe("5000\n")
    expect(unsetKey.stdout).toBe("null\n")
    expect(configDocument(list.stdout)).toMatchObject({ warningThreshold: 30, customCredits5h: 5000 })
    const unset = await cchdrm(["config", "set", "warningThreshold", "unset"], { env })
    expect([unset.code, unset.stdout.trim()]).toEqual([0, "warningThreshold = 20"])
    expect(JSON.parse(await readFile(configFile, "utf8"))).toEqual({ customCredits5h: 5000 })
  })

  it("a bad value or unknown key exits 2 with one line naming the key, the value and the range; the file is unchanged", async () => {
    const { configFile, env } = await world()
    await writeFile(configFile, "{\"pollIntervalSeconds\": 300, \"otherProgram\": {\"kept\": true}}\n")
    const [range, word, critical, unknown, getUnknown, missing] = await Promise.all([
      cchdrm(["config", "set", "pollIntervalSeconds", "10"], { env }),
      cchdrm(["config", "set", "apiStatusAlerts", "maybe"], { env }),
      cchdrm(["config", "set", "criticalThreshold", "25"], { env }),
      cchdrm(["config", "set", "pollInterval", "300"], { env }),
      cchdrm(["config", "get", "nope"], { env }),
      cchdrm(["config", "set", "warningThreshold"], { env })
    ])
    for (const run of [range, word, critical, unknown, getUnknown, missing]) expect(run.code).toBe(2)
    for (const run of [range, word, critical, unknown, getUnknown]) {
      expect(run.stderr.trim().split("\n")).toHaveLength(1)
      expect(run.stdout).toBe("")
    }
    expect(range.stderr.trim()).toBe("cchdrm: pollIntervalSeconds = 10 is out of range: allowed 60–1800 (default 180)")
    expect(word.stderr).toContain("apiStatusAlerts = \"maybe\" is not true or false")
    expect(critical.stderr).toContain("criticalThreshold (25) must be below warningThreshold (20)")
    expect(unknown.stderr).toContain("unknown key 'pollInterval' — known keys: pollIntervalSeconds,")
    expect(getUnknown.stderr).toContain("unknown key 'nope'")
    expect(await readFile(configFile, "utf8")).toBe("{\"pollIntervalSeconds\": 300, \"otherProgram\": {\"kept\": true}}\n")
  })

  it("keeps keys other programs wrote when it sets one", async () => {
    const { configFile, env } = await world()
    await writeFile(configFile, "{\"otherProgram\": {\"kept\": true}}")
    expect((await cchdrm(["config", "set", "concurrency", "8"], { env })).code).toBe(0)
    expect(JSON.parse(await readFile(configFile, "utf8"))).toEqual({ otherProgram: { kept: true }, concurrency: 8 })
  })

  it("an invalid config.json exits 7 naming the file, for get, set and list, and is never rewritten", async () => {
    const { configFile, env } = await world()
    const cases = ["{\"warningThreshold\": 20,", "{\"warningThreshold\": 90}", "[1, 2]"]
    for (const text of cases) {
      await writeFile(configFile, text)
      const runs = await Promise.all([
        cchdrm(["config", "list"], { env }),
        cchdrm(["config", "get", "warningThreshold"], { env }),
        cchdrm(["config", "set", "warningThreshold", "30"], { env })
      ])
      for (const run of runs) {
        expect(run.code).toBe(7)
        expect(run.stderr).toContain(configFile)
        expect(run.stderr.trim().split("\n")).toHaveLength(1)
      }
      expect(await readFile(configFile, "utf8")).toBe(text)
    }
  })
})
