// The popover in headless Chromium against the real `--web` server on the real layers, with the
// fake API scripted through normal, warning, exhausted, disconnected and rate-limited states,
// then two profiles with a switch. Assertions read visible text and ARIA labels.
import { Responses, UsageBodies } from "@cchdrm/testkit"
import { writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { errorsOf, launch, screenshot } from "../support/Browser.js"
import { cchdrm, startTray, startWorld, type TrayServer, type World } from "../support/TrayWeb.js"

const hour = 3600
const body = (fiveHour: number, sevenDay: number) => {
  // Reset times in ms, on the fake API's clock (real time).
  const now = Date.now()
  return UsageBodies.build({
    fiveHour: { utilization: fiveHour, resetsAt: now + (2 * hour + 13 * 60) * 1000 },
    sevenDay: { utilization: sevenDay, resetsAt: now + 3 * 24 * hour * 1000 },
    extraUsage: { enabled: true, monthlyLimitCents: 5000, usedCents: 1561 }
  })
}

const title = (page: Page) => page.locator(".menu-title")
const waitForTitle = (page: Page, pattern: RegExp) =>
  page.waitForFunction((source) => new RegExp(source).test(document.querySelector(".menu-title")?.textContent ?? ""), pattern.source, { timeout: 15_000 })

describe("popover", () => {
  let world: World
  let server: TrayServer
  let browser: BrowserContext
  let page: Page
  let errors: Array<string>

  beforeAll(async () => {
    world = await startWorld({ usage: body(17, 35), tier: "default_claude_max_20x" })
    server = await startTray(world.env)
    browser = await launch()
    page = await browser.newPage()
    errors = errorsOf(page)
    await page.goto(server.url)
    await page.waitForSelector("body[data-ready=true]")
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    expect(await server?.stop()).toBe(0)
    // The token is in the printed URL only: nowhere else in the server's output.
    expect(server.output().replace(server.url, "")).not.toContain(server.token)
    await world?.close()
  })

  const refresh = () => page.getByRole("button", { name: /Refresh default now/ }).click()

  it("normal: the 5h gauge large with its headroom, the 7d beside it, extra usage and the footer", async () => {
    await waitForTitle(page, /^83%$/)
    expect(await title(page).getAttribute("aria-label")).toBe("Claude headroom 83 percent, normal, flat")
    const fiveHour = page.getByRole("meter", { name: /^5-hour headroom: 83 percent, normal/ })
    await expect.poll(() => fiveHour.getAttribute("class")).toContain("large")
    expect(await fiveHour.getAttribute("aria-valuenow")).toBe("83")
    expect(await fiveHour.textContent()).toContain("resets in 2h 1")
    expect(await page.getByRole("meter", { name: /^7-day headroom: 65 percent, normal/ }).textContent()).toContain("65%")
    expect(await page.getByLabel("Extra usage").textContent()).toContain("Extra usage $15.61 of $50.00 (31%)")
    // One poll is no line yet: the sparkline says so instead of an empty frame.
    expect(await page.locator("#spark").textContent()).toBe("No history in the last 24 hours yet")
    expect(await page.locator(".footer").textContent()).toMatch(/Max 20x.*Updated (just now|\d+s ago)/)
    // The page's own state machine reads "● normal" from the symbol, not only the colour.
    expect(await fiveHour.locator(".symbol").textContent()).toBe("●")
    await screenshot(page, "popover-normal")
  })

  it("warning: refresh polls again and the gauge says warning in words and symbol", async () => {
    world.account.setUsage(body(88, 40))
    await refresh()
    await waitForTitle(page, /^12%$/)
    const gauge = page.getByRole("meter", { name: /^5-hour headroom: 12 percent, warning/ })
    expect(await gauge.getAttribute("class")).toContain("state-warning")
    expect(await gauge.locator(".symbol").textContent()).not.toBe("●")
    await screenshot(page, "popover-warning")
  })

  it("exhausted: the title counts down to the later reset when both windows are exhausted", async () => {
    world.account.setUsage(body(100, 100))
    await refresh()
    await waitForTitle(page, /↻/)
    expect(await title(page).textContent()).toMatch(/^7d ↻ 2d 23h$|^7d ↻ 3d 0h$/)
    expect(await page.getByRole("meter", { name: /^7-day headroom: 0 percent, exhausted/ }).count()).toBe(1)
    // The title takes the colour of the window it shows.
    expect(await page.locator(".title-row").getAttribute("class")).toContain("state-exhausted")
    await screenshot(page, "popover-exhausted")
  })

  it("disconnected: a server error empties the title and the status says what is wrong", async () => {
    world.account.scriptUsage(Responses.serverError(503))
    await refresh()
    await waitForTitle(page, /^—$/)
    expect(await title(page).getAttribute("aria-label")).toMatch(/disconnected/)
    expect(await page.locator(".message").textContent()).not.toBe("")
    await screenshot(page, "popover-disconnected")
  })

  it("rate limited: the numbers stay and the status line says so", async () => {
    world.account.setUsage(body(30, 45))
    await refresh()
    await waitForTitle(page, /^70%$/)
    world.account.scriptUsage(Responses.rateLimited(900))
    await refresh()
    await page.waitForFunction(() => /rate limiting/.test(document.querySelector(".message")?.textContent ?? ""), undefined, { timeout: 15_000 })
    expect(await page.getByRole("status").first().textContent()).toMatch(/rate limiting profile 'default' for 900s — showing the last data/)
    expect(await page.locator(".schedule").textContent()).toMatch(/^Retrying in 1[45]m$/)
    expect(await title(page).textContent()).toBe("70%")
    await screenshot(page, "popover-rate-limited")
    expect(errors).toEqual([])
  })
})

describe("popover with two profiles", () => {
  let world: World
  let server: TrayServer
  let browser: BrowserContext

  beforeAll(async () => {
    world = await startWorld({ usage: body(17, 35), tier: "default_claude_max_20x" })
    const work = world.fake.addAccount({ usage: body(60, 20), tier: "default_claude_pro", subscriptionType: "pro" })
    const file = join(world.root, "work.json")
    await writeFile(file, JSON.stringify(work.credentials()), { mode: 0o600 })
    const added = await cchdrm(["profiles", "add", "work", "--token-file", file], world.env)
    expect(added.code).toBe(0)
    server = await startTray(world.env)
    browser = await launch()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await world?.close()
  })

  it("lists every profile with its title and switches the active one", async () => {
    const page = await browser.newPage()
    await page.goto(server.url)
    await page.waitForSelector("body[data-ready=true]")
    const work = page.getByRole("button", { name: /^work: Claude headroom 40 percent/ })
    await work.waitFor({ timeout: 15_000 })
    expect(await page.getByRole("button", { name: /^default: Claude headroom 83 percent.*, active$/ }).getAttribute("aria-pressed")).toBe("true")
    expect(await work.getAttribute("aria-pressed")).toBe("false")
    await screenshot(page, "popover-profiles")
    await work.click()
    await waitForTitle(page, /^40%$/)
    expect(await page.locator(".profile-name").textContent()).toBe("work")
    expect(await page.getByRole("button", { name: /^work: .*, active$/ }).getAttribute("aria-pressed")).toBe("true")
    // Every frontend follows: the CLI reads the same active profile.
    expect((await cchdrm(["profiles", "list"], world.env)).stdout).toMatch(/^\* work/m)
  })
})
