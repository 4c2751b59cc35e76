// `cchdrm profiles list|add|remove|rename|use`, end to end: config.json and the vault kept
// consistent, a second account polled through its own stored tokens, exit codes 2 and 7.
import { readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { cchdrm, onOneFake, type World } from "./support/Cchdrm.js"
import { statusDocument } from "./support/Shapes.js"

const Iso = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/))

/** One element of `profiles list --json`, exact keys. */
const ListedProfile = Schema.Struct({
  name: Schema.String,
  source: Schema.Literal("claude-code", "vault"),
  active: Schema.Boolean,
  stored: Schema.Boolean,
  addedFrom: Schema.NullOr(Schema.Literal("claude-code", "file")),
  addedAt: Schema.NullOr(Iso),
  expiresAt: Schema.NullOr(Iso),
  subscriptionType: Schema.NullOr(Schema.String),
  tier: Schema.NullOr(Schema.String)
})
const listed = (stdout: string) =>
  Schema.decodeUnknownSync(Schema.Array(ListedProfile), { onExcessProperty: "error" })(JSON.parse(stdout))

const { fake, world } = onOneFake()

// A second account's login, pasted into a file as Claude Code writes it.
const secondAccount = async (home: World, file = "work.json") => {
  const account = fake().addAccount({ tier: "default_claude_pro", subscriptionType: "pro" })
  const path = join(home.root, file)
  await writeFile(path, JSON.stringify(account.credentials()), { mode: 0o600 })
  return { account, path }
}

describe.concurrent("profiles", () => {
  it("list shows Claude Code's login as the active default, as text and exact JSON", async () => {
    const { env } = await world()
    const [text, json] = await Promise.all([cchdrm(["profiles", "list"], { env }), cchdrm(["profiles", "list", "--json"], { env })])
    expect(text.code).toBe(0)
    expect(text.stdout.trim()).toBe("* default  claude-code  Claude Code's login")
    expect(json.code).toBe(0)
    expect(listed(json.stdout)).toEqual([{
      name: "default", source: "claude-code", active: true, stored: false,
      addedFrom: null, addedAt: null, expiresAt: null, subscriptionType: null, tier: null
    }])
  })

  it("add --token-file stores a second account that status --profile then polls with its own token", async () => {
    const home = await world()
    const { account, path } = await secondAccount(home)
    const added = await cchdrm(["profiles", "add", "work", "--token-file", path], { env: home.env })
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(/^Added profile 'work' \(default_claude_pro, token expires in \d+h \d+m\)$/m)
    const list = listed((await cchdrm(["profiles", "list", "--json"], { env: home.env })).stdout)
    expect(list.map((p) => [p.name, p.source, p.active, p.stored, p.addedFrom, p.tier])).toEqual([
      ["default", "claude-code", true, false, null, null],
      ["work", "vault", false, true, "file", "default_claude_pro"]
    ])
    expect(Date.parse(list[1]?.expiresAt ?? "")).toBe(account.expiresAt)
    const text = await cchdrm(["profiles", "list"], { env: home.env })
    expect(text.stdout).toMatch(/^ {2}work {5}vault {8}pro · default_claude_pro, token expires in \d+h \d+m, added from a file$/m)
    const status = await cchdrm(["status", "--profile", "work", "--json"], { env: home.env })
    expect(status.code).toBe(0)
    const document = statusDocument(status.stdout)
    expect(document.profiles.map((p) => [p.name, p.connection, p.subscription.tier])).toEqual([["work", "connected", "default_claude_pro"]])
    expect(account.usageRequests).toBe(1)
    expect(home.account.usageRequests).toBe(0)
    // Adding again re-imports the tokens rather than failing.
    const again = await cchdrm(["profiles", "add", "work", "--token-file", path], { env: home.env })
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/^Replaced the tokens of profile 'work'/)
  })

  it("add --from-claude-code snapshots the current login into the vault", async () => {
    const home = await world()
    const added = await cchdrm(["profiles", "add", "copy", "--from-claude-code"], { env: home.env })
    expect(added.code).toBe(0)
    const list = listed((await cchdrm(["profiles", "list", "--json"], { env: home.env })).stdout)
    expect(list[1]).toMatchObject({ name: "copy", source: "vault", stored: true, addedFrom: "claude-code" })
    const status = await cchdrm(["status", "--profile", "copy", "--json"], { env: home.env })
    expect(status.code).toBe(0)
    expect(statusDocument(status.stdout).profiles[0]?.connection).toBe("connected")
    expect(home.account.usageRequests).toBe(1)
  })

  it("use, rename and remove show in status --json activeProfile, and the vault follows", async () => {
    const home = await world()
    const { path } = await secondAccount(home)
    const active = async () => statusDocument((await cchdrm(["status", "--json"], { env: home.env })).stdout).activeProfile
    expect((await cchdrm(["profiles", "add", "work", "--token-file", path], { env: home.env })).code).toBe(0)
    const use = await cchdrm(["profiles", "use", "work"], { env: home.env })
    expect([use.code, use.stdout.trim()]).toEqual([0, "Active profile: 'work'"])
    expect(await active()).toBe("work")
    const rename = await cchdrm(["profiles", "rename", "work", "job"], { env: home.env })
    expect([rename.code, rename.stdout.trim()]).toEqual([0, "Renamed profile 'work' to 'job'"])
    expect(await active()).toBe("job")
    const renamed = listed((await cchdrm(["profiles", "list", "--json"], { env: home.env })).stdout)
    expect(renamed[1]).toMatchObject({ name: "job", active: true, stored: true, tier: "default_claude_pro" })
    const status = statusDocument((await cchdrm(["status", "--profile", "job", "--json"], { env: home.env })).stdout)
    expect(status.profiles[0]?.connection).toBe("connected")
    const remove = await cchdrm(["profiles", "remove", "job"], { env: home.env })
    expect([remove.code, remove.stdout.trim()]).toEqual([0, "Removed profile 'job' and its stored tokens; 'default' is active now"])
    expect(await active()).toBe("default")
    expect(listed((await cchdrm(["profiles", "list", "--json"], { env: home.env })).stdout).map((p) => p.name)).toEqual(["default"])
    const vault = await readFile(join(home.dataDir, "vault", "credentials.json"), "utf8")
    expect(vault).not.toContain("job")
    expect(vault).not.toContain("work")
  })

  it("a malformed --token-file exits 7 with one line naming the file, and adds nothing", async () => {
    const home = await world()
    const path = join(home.root, "pasted.json")
    await writeFile(path, "{\"claudeAiOauth\": {\"accessToken\": ")
    const run = await cchdrm(["profiles", "add", "work", "--token-file", path], { env: home.env })
    expect(run.code).toBe(7)
    expect(run.stderr.trim().split("\n")).toHaveLength(1)
    expect(run.stderr).toContain(path)
    const missing = await cchdrm(["profiles", "add", "work", "--token-file", join(home.root, "absent.json")], { env: home.env })
    expect(missing.code).toBe(7)
    expect(missing.stderr).toContain("absent.json")
    expect(listed((await cchdrm(["profiles", "list", "--json"], { env: home.env })).stdout).map((p) => p.name)).toEqual(["default"])
  })

  it("usage errors exit 2 with one line: default, bad names, unknown profiles, flag mistakes", async () => {
    const home = await world()
    const { path } = await secondAccount(home)
    expect((await cchdrm(["profiles", "add", "work", "--token-file", path], { env: home.env })).code).toBe(0)
    const runs = await Promise.all([
      cchdrm(["profiles", "add", "default", "--from-claude-code"], { env: home.env }),
      cchdrm(["profiles", "add", "two"], { env: home.env }),
      cchdrm(["profiles", "add", "two", "--from-claude-code", "--token-file", path], { env: home.env }),
      cchdrm(["profiles", "add", "bad name", "--token-file", path], { env: home.env }),
      cchdrm(["profiles", "remove", "default"], { env: home.env }),
      cchdrm(["profiles", "remove", "nobody"], { env: home.env }),
      cchdrm(["profiles", "rename", "default", "main"], { env: home.env }),
      cchdrm(["profiles", "rename", "nobody", "main"], { env: home.env }),
      cchdrm(["profiles", "rename", "work", "default"], { env: home.env }),
      cchdrm(["profiles", "use", "nobody"], { env: home.env }),
      cchdrm(["profiles", "use"], { env: home.env })
    ])
    for (const run of runs) expect(run.code).toBe(2)
    for (const run of runs.slice(0, 10)) expect(run.stderr.trim().split("\n")).toHaveLength(1)
    expect(runs[0]?.stderr).toContain("'default' already exists")
    expect(runs[1]?.stderr).toContain("exactly one of --from-claude-code or --token-file")
    expect(runs[3]?.stderr).toContain("'bad name' is not a profile name")
    expect(runs[4]?.stderr).toContain("cannot be removed")
    expect(runs[5]?.stderr).toContain("No profile named 'nobody' — known profiles: default, work")
    expect(runs[9]?.stderr).toContain("No profile named 'nobody'")
    // Nothing changed.
    expect(listed((await cchdrm(["profiles", "list", "--json"], { env: home.env })).stdout).map((p) => p.name)).toEqual(["default", "work"])
  })

  it("an invalid config.json exits 7 and leaves the file and the vault untouched", async () => {
    const home = await world()
    const { path } = await secondAccount(home)
    const configFile = join(home.env["CCHDRM_CONFIG_DIR"] ?? "", "config.json")
    expect((await cchdrm(["profiles", "use", "default"], { env: home.env })).code).toBe(0)
    await writeFile(configFile, "{\"profiles\": 3}")
    const [list, add, use] = await Promise.all([
      cchdrm(["profiles", "list"], { env: home.env }),
      cchdrm(["profiles", "add", "work", "--token-file", path], { env: home.env }),
      cchdrm(["profiles", "use", "default"], { env: home.env })
    ])
    for (const run of [list, add, use]) {
      expect(run.code).toBe(7)
      expect(run.stderr).toContain(configFile)
      expect(run.stderr.trim().split("\n")).toHaveLength(1)
    }
    expect(await readFile(configFile, "utf8")).toBe("{\"profiles\": 3}")
    await writeFile(configFile, "{}")
    const after = listed((await cchdrm(["profiles", "list", "--json"], { env: home.env })).stdout)
    expect(after.map((p) => p.name)).toEqual(["default"])
    // The failed add left no tokens behind: adding now is new, not a replacement.
    expect((await cchdrm(["profiles", "add", "work", "--token-file", path], { env: home.env })).stdout).toMatch(/^Added profile 'work'/)
  })
})
