// Debian's Chromium, headless, driven by playwright-core (TOOLCHAIN.md); screenshots are written
// to test-artifacts/ (git-ignored).
import { mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type BrowserContext, chromium, type Page } from "playwright-core"

export const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url))

/** A fresh headless browser with its own profile directory. */
export const launch = (options: { readonly width?: number; readonly height?: number; readonly dark?: boolean } = {}): Promise<BrowserContext> =>
  chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "cchdrm-chromium-")), {
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: options.width ?? 440, height: options.height ?? 760 },
    colorScheme: options.dark === true ? "dark" : "light"
  })

/** Saves a full-page PNG as `test-artifacts/NAME.png`. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(artifacts, { recursive: true })
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })
}

/** How many pixels of the canvases in `selector` are not transparent (a chart that drew has many). */
export const paintedPixels = (page: Page, selector: string): Promise<number> =>
  page.evaluate((sel) => {
    let count = 0
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>(`${sel} canvas`)) {
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++
    }
    return count
  }, selector)

/** Collects console errors and page errors, which must stay empty. */
export const errorsOf = (page: Page): Array<string> => {
  const errors: Array<string> = []
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text())
  })
  page.on("pageerror", (error) => errors.push(error.message))
  return errors
}
