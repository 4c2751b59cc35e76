// Settings in headless Chromium against the real `--web` server: an invalid value is refused with
// its error next to the field, a valid one is saved to the config file that `cchdrm config get`
// then reads, and history is cleared only after confirming.
import { UsageBodies } from "@cchdrm/testkit"
import type { BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { errorsOf, launch, screenshot } from "../support/Browser.js"
import { cchdrm, startTray, startWorld, type TrayServer, type World } from "../support/TrayWeb.js"

describe("settings", () => {
  let world: World
  let server: TrayServer
  let browser: BrowserContext
  let page: Page
  let errors: Array<string>

  beforeAll(async () => {
    world = await startWorld({ usage: UsageBodies.example() })
    server = await startTray(world.env)
    browser = await launch({ width: 820, height: 1000 })
    page = await browser.newPage()
    errors = errorsOf(page)
    await page.goto(server.url)
    await page.waitForSelector("body[data-ready=true]")
    await page.locator("#tab-settings").click()
    await page.waitForSelector("#settings-form")
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    expect(await server?.stop()).toBe(0)
    await world?.close()
  })

  it("shows each preference with its allowed range and the database size", async () => {
    expect(await page.getByLabel("Warning threshold (%)").inputValue()).toBe("20")
    expect(await page.locator("#pref-warningThreshold-help").textContent()).toContain("Allowed: 6–50.")
    expect(await page.getByLabel("Launch at login").isChecked()).toBe(false)
    expect(await page.locator("#db-size").textContent()).toMatch(/^Database size: \d+ KiB$/)
  })

  it("refuses invalid values with each error next to its field, and saves nothing", async () => {
    await page.getByLabel("Warning threshold (%)").fill("3")
    await page.getByLabel("Poll interval (seconds)").fill("soon")
    await page.getByRole("button", { name: "Save" }).click()
    const warning = page.locator("#pref-warningThreshold-error")
    await warning.waitFor()
    expect(await warning.textContent()).toBe("⚠ warningThreshold = 3 is out of range: allowed 6–50 (default 20)")
    expect(await page.locator("#pref-pollIntervalSeconds-error").textContent()).toContain("pollIntervalSeconds = \"soon\" is not a whole number")
    expect(await page.getByLabel("Warning threshold (%)").getAttribute("aria-invalid")).toBe("true")
    expect(await page.locator("#pref-criticalThreshold-error").count()).toBe(0)
    // Focus moves to the first field in error, for keyboard and screen-reader users.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("pref-pollIntervalSeconds")
    await screenshot(page, "settings-errors")
    expect((await cchdrm(["config", "get", "warningThreshold"], world.env)).stdout.trim()).toBe("20")
  })

  it("saves a valid value that `cchdrm config get` then reads", async () => {
    await page.getByLabel("Warning threshold (%)").fill("25")
    await page.getByLabel("Poll interval (seconds)").fill("300")
    await page.getByLabel("Launch at login").check()
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByRole("status").filter({ hasText: /^Saved$/ }).waitFor()
    expect(await page.locator(".field-error").count()).toBe(0)
    const get = (key: string) => cchdrm(["config", "get", key], world.env).then((run) => run.stdout.trim())
    expect(await get("warningThreshold")).toBe("25")
    expect(await get("pollIntervalSeconds")).toBe("300")
    expect(await get("launchAtLogin")).toBe("true")
  })

  it("clears history only after confirming", async () => {
    await page.getByRole("button", { name: "Clear history…" }).click()
    const confirm = page.getByRole("button", { name: "Delete history" })
    await confirm.waitFor()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("clear-cancel")
    await page.getByRole("button", { name: "Cancel" }).click()
    expect(await confirm.count()).toBe(0)
    const points = async () => (JSON.parse((await cchdrm(["history", "--range", "24h", "--json"], world.env)).stdout) as { points: Array<unknown> }).points.length
    expect(await points()).toBeGreaterThan(0)
    await page.getByRole("button", { name: "Clear history…" }).click()
    await page.getByRole("button", { name: "Delete history" }).click()
    await page.getByRole("status").filter({ hasText: "History cleared" }).waitFor()
    expect(await points()).toBe(0)
    expect(errors).toEqual([])
  })
})
