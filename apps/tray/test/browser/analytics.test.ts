// Analytics and the popover on the demo world (a seeded week with gaps and resets), through the
// real `--web --demo` server in headless Chromium: every range draws, gaps and resets are shown,
// series toggle, the breakdown bar is labelled; light and dark screenshots.
import type { BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { errorsOf, launch, paintedPixels, screenshot } from "../support/Browser.js"
import { startTray, type TrayServer } from "../support/TrayWeb.js"

describe("analytics on the demo world", () => {
  let server: TrayServer
  let browser: BrowserContext
  let page: Page
  let errors: Array<string>

  beforeAll(async () => {
    server = await startTray({}, ["--demo"])
    browser = await launch({ width: 440, height: 700 })
    page = await browser.newPage()
    errors = errorsOf(page)
    await page.goto(server.url)
    await page.waitForSelector("body[data-ready=true]")
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    expect(await server?.stop()).toBe(0)
  })

  it("the popover draws the 24 h sparkline, and a click on it opens analytics", async () => {
    expect(await paintedPixels(page, "#spark")).toBeGreaterThan(50)
    expect(await page.getByRole("meter").count()).toBeGreaterThanOrEqual(2)
    // The token left the address bar as soon as the page read it.
    expect(page.url()).not.toContain("token")
    await screenshot(page, "popover-demo")
    // Redrawn for a wider window: the sparkline follows its frame's width.
    await page.setViewportSize({ width: 820, height: 760 })
    await expect.poll(() => page.evaluate(() => document.querySelector("#spark canvas")!.getBoundingClientRect().width)).toBeGreaterThan(500)
    await page.getByRole("button", { name: /open analytics/ }).click()
    await page.waitForSelector("#view-analytics[data-range='24h']")
  })

  for (const range of ["24h", "7d", "30d", "all"] as const) {
    it(`${range}: the chart draws with its gaps and reset markers counted, and the breakdown is labelled`, async () => {
      await page.getByRole("radio", { name: range === "all" ? "All" : range }).click()
      await page.waitForSelector(`#view-analytics[data-range='${range}']`)
      expect(await page.getByRole("radio", { name: range === "all" ? "All" : range }).getAttribute("aria-checked")).toBe("true")
      expect(await paintedPixels(page, "#chart")).toBeGreaterThan(1000)
      const caption = await page.locator("#chart-caption").textContent() ?? ""
      const count = (re: RegExp) => Number(re.exec(caption)?.[1] ?? -1)
      const [points, gaps, resets] = [count(/(\d+) points/), count(/(\d+) gaps?/), count(/(\d+) resets?/)]
      expect(points).toBeGreaterThan(10)
      expect(Math.min(gaps, resets)).toBeGreaterThanOrEqual(0)
      // The seeded week has sleeping-machine gaps and 5-hour resets; the last day may have neither.
      if (range !== "24h") {
        expect(gaps).toBeGreaterThan(0)
        expect(resets).toBeGreaterThan(0)
      }
      expect(await page.locator("#chart").getAttribute("aria-label")).toContain(caption)
      const bar = page.getByRole("img", { name: /used .*%.*credits/ })
      expect(await bar.count()).toBe(resets > 0 ? 1 : 0)
      expect(await page.getByText("Headroom breakdown unavailable").count()).toBe(0)
      expect(await page.locator(".summary").textContent()).toMatch(new RegExp(`^default · ${range} · \\d+ resets · average peak`))
      await screenshot(page, `analytics-${range}`)
    })
  }

  it("series toggles hide and show a series (the chart repaints)", async () => {
    await page.getByRole("radio", { name: "7d" }).click()
    await page.waitForSelector("#view-analytics[data-range='7d']")
    const both = await paintedPixels(page, "#chart")
    await page.getByRole("checkbox", { name: "5-hour", exact: true }).uncheck()
    const sevenOnly = await paintedPixels(page, "#chart")
    expect(sevenOnly).toBeLessThan(both)
    await page.getByRole("checkbox", { name: "5-hour", exact: true }).check()
    expect(await paintedPixels(page, "#chart")).toBe(both)
  })

  it("the range selector works from the keyboard", async () => {
    await page.getByRole("radio", { name: "7d" }).focus()
    await page.keyboard.press("ArrowRight")
    await page.waitForSelector("#view-analytics[data-range='30d']")
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("range-30d")
    await page.getByRole("radio", { name: "7d" }).click()
    await page.waitForSelector("#view-analytics[data-range='7d']")
    await screenshot(page, "analytics")
    expect(errors).toEqual([])
  })

  it("follows a dark system theme", async () => {
    const dark = await launch({ width: 820, height: 900, dark: true })
    const darkPage = await dark.newPage()
    await darkPage.goto(server.url)
    await darkPage.waitForSelector("body[data-ready=true]")
    const background = await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe("rgb(28, 28, 30)")
    await darkPage.locator("#tab-analytics").click()
    await darkPage.waitForSelector("#view-analytics[data-range='24h']")
    expect(await paintedPixels(darkPage, "#chart")).toBeGreaterThan(1000)
    await screenshot(darkPage, "analytics-dark")
    await dark.close()
  })
})
