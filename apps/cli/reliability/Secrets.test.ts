// Secrets (SPEC §7): after a run of the real CLI through login, refresh, storing, export and the
// diagnostics, no token appears in the database, the config file, the cache, any captured stdout
// or stderr, or the command lines cc-hdrm was started with. The vault (0600) is the one place
// cc-hdrm keeps tokens of its own; Claude Code's credentials file is Claude Code's.
import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cchdrm, onOneFake, type Run } from "../test/support/Cchdrm.js"

const { world } = onOneFake()

const filesUnder = async (dir: string): Promise<Array<string>> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

describe("secrets", () => {
  it("no token in the database, config, cache, outputs or command lines after a full run", async () => {
    const home = await world()
    const tokens = new Set<string>([home.account.accessToken, home.account.refreshToken])
    const runs: Array<{ readonly args: ReadonlyArray<string>; readonly run: Run }> = []
    const run = async (args: ReadonlyArray<string>, stdin?: string) => {
      const result = await cchdrm(args, { env: home.env, ...(stdin === undefined ? {} : { stdin }) })
      runs.push({ args, run: result })
      return result
    }
    expect((await run(["status", "--json"])).code).toBe(0)
    expect((await run(["profiles", "add", "copy", "--from-claude-code"])).code).toBe(0)
    // An expired login is refreshed: the rotated tokens join the ones to look for.
    home.account.expireAccessToken()
    expect((await run(["status", "--profile", "default"])).code).toBe(0)
    tokens.add(home.account.accessToken)
    tokens.add(home.account.refreshToken)
    await run(["statusline"])
    await run(["statusline"], JSON.stringify({ rate_limits: { five_hour: { used_percentage: 12, resets_at: 1770850000 } } }))
    await run(["history", "--json"])
    await run(["analyze", "--json"])
    await run(["doctor"])
    await run(["doctor", "--json"])
    await run(["config", "list"])
    const exported = await run(["export"])
    await run(["import", "-"], exported.stdout)
    await run(["profiles", "list"])
    expect(tokens.size).toBe(4)

    const leaks: Array<string> = []
    const scan = (where: string, text: string) => {
      for (const token of tokens) if (text.includes(token)) leaks.push(where)
      if (/sk-ant-o[ar]t01-/.test(text)) leaks.push(`${where} (sk-ant- prefix)`)
    }
    for (const { args, run: result } of runs) {
      scan(`argv of cchdrm ${args.join(" ")}`, args.join(" "))
      scan(`stdout of cchdrm ${args.join(" ")}`, result.stdout)
      scan(`stderr of cchdrm ${args.join(" ")}`, result.stderr)
    }
    const configDir = home.env["CCHDRM_CONFIG_DIR"] ?? ""
    const files = [...await filesUnder(home.dataDir), ...await filesUnder(configDir)]
    const vault = files.filter((file) => /vault/i.test(file))
    expect(files.some((file) => file.endsWith("usage.db"))).toBe(true)
    for (const file of files.filter((path) => !vault.includes(path))) scan(file, (await readFile(file)).toString("latin1"))
    expect(leaks).toEqual([])
  }, 180_000)
})
