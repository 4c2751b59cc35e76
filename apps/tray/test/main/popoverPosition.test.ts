import { describe, expect, it } from "vitest"
import { popoverPosition } from "../../src/main/popoverPosition.js"

const size = { width: 400, height: 620 }

describe("popoverPosition", () => {
  it("opens under a menu-bar icon, centred on it", () => {
    const work = { x: 0, y: 25, width: 1440, height: 875 }
    expect(popoverPosition({ x: 1000, y: 0, width: 22, height: 24 }, size, work)).toEqual({ x: 811, y: 28 })
  })

  it("opens above a taskbar icon at the bottom of the screen", () => {
    const work = { x: 0, y: 0, width: 1920, height: 1040 }
    expect(popoverPosition({ x: 1700, y: 1044, width: 32, height: 32 }, size, work)).toEqual({ x: 1516, y: 420 })
  })

  it("stays inside the work area next to a screen edge", () => {
    const work = { x: 0, y: 25, width: 1440, height: 875 }
    expect(popoverPosition({ x: 1420, y: 0, width: 22, height: 24 }, size, work)).toEqual({ x: 1040, y: 28 })
    expect(popoverPosition({ x: 2, y: 0, width: 22, height: 24 }, size, work).x).toBe(0)
  })
})
