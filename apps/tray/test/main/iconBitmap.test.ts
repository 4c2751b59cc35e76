import { describe, expect, it } from "vitest"
import { iconBitmap, size } from "../../src/main/iconBitmap.js"

// White pixels are the drawn number (the background is the state's colour).
const whitePixels = (pixels: Uint8Array) => {
  let count = 0
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] === 255 && pixels[i + 1] === 255 && pixels[i + 2] === 255) count++
  return count
}

describe("iconBitmap", () => {
  it("is a size×size BGRA image in the state's colour", () => {
    const pixels = iconBitmap({ state: "critical", text: null })
    expect(pixels.length).toBe(size * size * 4)
    const centre = ((size / 2) * size + size / 2) * 4
    expect([...pixels.slice(centre, centre + 4)]).toEqual([30, 30, 200, 255])
    expect(whitePixels(pixels)).toBe(0)
  })

  it("draws different numbers differently, and nothing it cannot draw", () => {
    const a = iconBitmap({ state: "normal", text: "83" })
    const b = iconBitmap({ state: "normal", text: "88" })
    expect(whitePixels(a)).toBeGreaterThan(0)
    expect(whitePixels(b)).toBeGreaterThan(whitePixels(a))
    expect(whitePixels(iconBitmap({ state: "normal", text: "100" }))).toBeGreaterThan(0)
    expect(whitePixels(iconBitmap({ state: "normal", text: "<script>" }))).toBe(0)
  })
})
