import { describe, expect, it } from "vitest"
import { keyCommand } from "../../src/input/keyCommand.js"

const plain = { ctrl: false, tab: false, escape: false }

describe("keyCommand", () => {
  it("maps the dashboard's keys to commands", () => {
    expect(keyCommand("r", plain)).toEqual({ _tag: "Refresh" })
    expect(keyCommand("p", plain)).toEqual({ _tag: "NextProfile" })
    expect(keyCommand("", { ...plain, tab: true })).toEqual({ _tag: "NextProfile" })
    expect(keyCommand("a", plain)).toEqual({ _tag: "Analytics" })
    expect(["1", "2", "3", "4"].map((key) => keyCommand(key, plain))).toEqual(
      ["24h", "7d", "30d", "all"].map((range) => ({ _tag: "Range", range }))
    )
    expect(keyCommand("?", plain)).toEqual({ _tag: "Help" })
    expect(keyCommand("", { ...plain, escape: true })).toEqual({ _tag: "Back" })
    expect(keyCommand("q", plain)).toEqual({ _tag: "Quit" })
    expect(keyCommand("c", { ...plain, ctrl: true })).toEqual({ _tag: "Quit" })
  })

  it("ignores every other key", () => {
    expect(keyCommand("x", plain)).toBeNull()
    expect(keyCommand("5", plain)).toBeNull()
    expect(keyCommand("r", { ...plain, ctrl: true })).toBeNull()
  })
})
