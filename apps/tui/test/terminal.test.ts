// The built `cchdrm-tui` in a real terminal (tmux): what a person sees at 80×24 and 120×40, the
// keys, a resize to 60 columns, the profile switch, `q` restoring the terminal; and `npm start`
// from the checkout with an empty HOME opening the dashboard on the simulated account.
import { startFakeAnthropic } from "@cchdrm/testkit"
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import * as Tmux from "./support/Tmux.js"

const bin = fileURLToPath(new URL("../dist/app/bin.js", import.meta.url))
const cli = fileURLToPath(new URL("../../cli/dist/bin.js", import.meta.url))
const checkout = fileURLToPath(new URL("../../..", import.meta.url))
if (!existsSync(bin)) throw new Error(`${bin} is missing: build first (pnpm exec turbo run build)`)

const gauge = (label: string) => new RegExp(`[●◐▲✖⊘] ${label}\\s+\\d+%`)
const sessions: Array<Tmux.Session> = []
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const session of sessions.splice(0)) session.kill()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const emptyHome = async () => {
  const home = await mkdtemp(join(tmpdir(), "cchdrm-tui-home-"))
  cleanups.push(() => rm(home, { recursive: true, force: true }))
  return home
}

// CI is set as on a build server, where ink would otherwise draw no frames: the dashboard must still draw.
const open = (command: string, columns: number, rows: number, env: Record<string, string>) => {
  const session = Tmux.start(command, { columns, rows, env: { TERM: "xterm-256color", CI: "true", ...env } })
  sessions.push(session)
  return session
}

describe("cchdrm-tui in a terminal", { timeout: 120_000 }, () => {
  for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
    it(`--demo at ${columns}×${rows}: gauges, analytics with its breakdown, help, resize to 60 columns, q exits 0`, async () => {
      const home = await emptyHome()
      const tui = open(`node ${bin} --demo`, columns, rows, { HOME: home })
      const dashboard = await tui.waitFor(/Updated (just now|\d+s ago)/)
      const text = dashboard.join("\n")
      expect(text).toContain("simulated account (demo)")
      expect(text).toMatch(gauge("5h"))
      expect(text).toMatch(gauge("7d"))
      expect(text).toMatch(/\d+ × 5h left/)
      expect(text).toMatch(/▸ default\s+5h\s+\d+%\s+7d\s+\d+%/)
      expect(dashboard.length).toBe(rows)
      expect(Math.max(...dashboard.map((line) => line.length))).toBeLessThanOrEqual(columns)

      tui.keys("a")
      await tui.waitFor(/Analytics/)
      tui.keys("2")
      const analytics = (await tui.waitFor(/█ used\s+[\d.]+%\s+[\d,]+ credits/)).join("\n")
      expect(analytics).toMatch(/default · 7d · \d+ resets · average peak [\d.]+%/)
      expect(analytics).toMatch(/\[[█▒░]+\]/)
      expect(analytics).toMatch(/░ unused\s+[\d.]+%/)
      expect(analytics).toMatch(/7d used │/)

      tui.keys("?")
      await tui.waitFor(/q \/ Ctrl-C\s+quit/)
      tui.keys("Escape")
      await tui.waitFor(gauge("5h"))

      tui.resize(60, rows)
      // The header and the short footer in one capture: the frame after the resize is complete.
      const narrow = await tui.waitFor(/^cc-hdrm · [^\n]*\n[\s\S]*r refresh · p profile · a analytics · \? help · q quit/)
      // Nothing of the wide layout is left behind: one header, no wide footer, nothing past column 60.
      expect(narrow.filter((line) => line.startsWith("cc-hdrm ·"))).toHaveLength(1)
      expect(narrow.join("\n")).not.toContain("1-4 range")
      expect(Math.max(...narrow.map((line) => line.length))).toBeLessThanOrEqual(60)
      expect(narrow.join("\n")).toMatch(gauge("5h"))

      tui.keys("q")
      const after = await tui.waitFor(/EXIT=\d+/)
      expect(after.join("\n")).toContain("EXIT=0")
      expect(after.join("\n")).not.toContain("cc-hdrm ·")
      expect(tui.alternateScreen()).toBe(false)
    })
  }

  it("p switches the active profile through the profile store, so the CLI sees it too", async () => {
    const fake = await startFakeAnthropic()
    cleanups.push(() => fake.close())
    const root = await emptyHome()
    const first = fake.addAccount({ tier: "default_claude_max_5x", subscriptionType: "max" })
    const second = fake.addAccount({ tier: "default_claude_pro", subscriptionType: "pro" })
    await mkdir(join(root, "claude"), { recursive: true })
    await writeFile(join(root, "claude", ".credentials.json"), JSON.stringify(first.credentials()), { mode: 0o600 })
    await writeFile(join(root, "work.json"), JSON.stringify(second.credentials()), { mode: 0o600 })
    const env = {
      HOME: root,
      CCHDRM_API_URL: fake.url,
      CCHDRM_TOKEN_URL: fake.tokenUrl,
      CCHDRM_DATA_DIR: join(root, "data"),
      CCHDRM_CONFIG_DIR: join(root, "config"),
      CLAUDE_CONFIG_DIR: join(root, "claude"),
      CCHDRM_KEYCHAIN: "off"
    }
    execFileSync(process.execPath, [cli, "profiles", "add", "work", "--token-file", join(root, "work.json")], { env: { ...process.env, ...env } })

    const tui = open(`node ${bin}`, 80, 24, env)
    const before = (await tui.waitFor(/▸ default[^\n]+\n {2}work/)).join("\n")
    expect(before).toContain("cc-hdrm · default")
    expect(before).toContain("your Claude Code login")
    tui.keys("p")
    // The header names the plan once the work profile's first poll has landed (on a busy machine
    // the switch shows a moment before it).
    const after = (await tui.waitFor(/cc-hdrm · work · Pro[\s\S]*▸ work/)).join("\n")
    expect(after).toMatch(/ {2}default\s+5h/)
    const config = JSON.parse(await readFile(join(root, "config", "config.json"), "utf8")) as { readonly activeProfile?: string }
    expect(config.activeProfile).toBe("work")
    tui.keys("Tab")
    await tui.waitFor(/▸ default/)
    tui.keys("C-c")
    expect((await tui.waitFor(/EXIT=\d+/)).join("\n")).toContain("EXIT=0")
  })

  it("npm start from the checkout with an empty HOME opens the dashboard on the simulated account", async () => {
    const home = await emptyHome()
    // An empty HOME has no Claude login and no cc-hdrm files; pnpm keeps its usual package store,
    // so an install the checkout may still need never downloads anything.
    const store = execFileSync("pnpm", ["store", "path"], { cwd: checkout, encoding: "utf8" }).trim()
    const tui = open(`cd ${checkout} && npm start`, 80, 24, { HOME: home, PATH: process.env["PATH"] ?? "", npm_config_store_dir: store })
    const shown = (await tui.waitFor(/Updated (just now|\d+s ago)/, 100_000)).join("\n")
    expect(shown).toContain("cc-hdrm · default · Max 5x · simulated account (demo)")
    expect(shown).toMatch(gauge("5h"))
    tui.keys("q")
    expect((await tui.waitFor(/EXIT=\d+/)).join("\n")).toContain("EXIT=0")
  })
})
