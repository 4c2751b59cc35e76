// The tray icon as pixels: a rounded square in the state's colour with the headroom number drawn
// in, for platforms whose tray has no title (SPEC §5). Pure, so it is tested without Electron.
import type { Headroom } from "@cchdrm/core"
import type { IconSpec } from "./ports.js"

/** The icon's side in pixels (32 suits Windows' and Linux's trays at 2× scaling). */
export const size = 32

// A 3×5 pixel font: each glyph's rows, left to right.
const glyphs: Record<string, ReadonlyArray<string>> = {
  "0": ["111", "101", "101", "101", "111"],
  "1": ["010", "110", "010", "010", "111"],
  "2": ["111", "001", "111", "100", "111"],
  "3": ["111", "001", "111", "001", "111"],
  "4": ["101", "101", "111", "001", "001"],
  "5": ["111", "100", "111", "001", "111"],
  "6": ["111", "100", "111", "101", "111"],
  "7": ["111", "001", "010", "010", "010"],
  "8": ["111", "101", "111", "101", "111"],
  "9": ["111", "101", "111", "001", "111"],
  "—": ["000", "000", "111", "000", "000"]
}

// Colour pairs with the number and the shape, never alone (SPEC §2).
const colours: Record<Headroom.State, readonly [number, number, number]> = {
  normal: [31, 138, 59],
  caution: [168, 107, 0],
  warning: [194, 65, 12],
  critical: [200, 30, 30],
  exhausted: [127, 29, 29],
  disconnected: [110, 110, 115]
}

/** The icon as BGRA bytes (`nativeImage.createFromBitmap`'s order), `size`×`size`. */
export const iconBitmap = (icon: IconSpec): Uint8Array => {
  const pixels = new Uint8Array(size * size * 4)
  const [r, g, b] = colours[icon.state]
  const put = (x: number, y: number, rgb: readonly [number, number, number]) => {
    const at = (y * size + x) * 4
    pixels[at] = rgb[2]
    pixels[at + 1] = rgb[1]
    pixels[at + 2] = rgb[0]
    pixels[at + 3] = 255
  }
  const radius = 6
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = Math.max(radius - x, x - (size - 1 - radius), 0)
      const dy = Math.max(radius - y, y - (size - 1 - radius), 0)
      if (dx * dx + dy * dy <= radius * radius) put(x, y, [r, g, b])
    }
  }
  const text = [...(icon.text ?? "")].filter((c) => glyphs[c] !== undefined).slice(0, 3)
  const scale = text.length <= 2 ? 4 : 3
  const width = text.length * 3 * scale + Math.max(0, text.length - 1) * scale
  const left = Math.floor((size - width) / 2)
  const top = Math.floor((size - 5 * scale) / 2)
  text.forEach((char, index) => {
    const rows = glyphs[char]!
    rows.forEach((row, gy) => {
      ;[...row].forEach((bit, gx) => {
        if (bit !== "1") return
        for (let sy = 0; sy < scale; sy++) {
          for (let sx = 0; sx < scale; sx++) put(left + index * 4 * scale + gx * scale + sx, top + gy * scale + sy, [255, 255, 255])
        }
      })
    })
  })
  return pixels
}
