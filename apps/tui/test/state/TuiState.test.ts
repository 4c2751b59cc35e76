import { describe, expect, it } from "vitest"
import { TuiState } from "../../src/index.js"
import { monitor, now, state, view } from "../fixtures/states.js"

describe("TuiState", () => {
  it("toggles help and returns to the screen it was opened from", () => {
    const analytics = TuiState.reduce(state(null), { _tag: "Show", screen: "analytics" })
    const help = TuiState.reduce(analytics, { _tag: "Show", screen: "help" })
    expect(help.screen).toBe("help")
    expect(TuiState.reduce(help, { _tag: "Show", screen: "help" }).screen).toBe("analytics")
    expect(TuiState.reduce(analytics, { _tag: "Show", screen: "analytics" }).screen).toBe("dashboard")
  })

  it("a range opens analytics on that range, loading", () => {
    const next = TuiState.reduce(state(null), { _tag: "Range", range: "30d" })
    expect([next.screen, next.range, next.analytics._tag]).toEqual(["analytics", "30d", "loading"])
  })

  it("drops the banner once it has expired", () => {
    const shown = TuiState.reduce(state(null), { _tag: "Alert", text: "Claude API is back", until: now + 1_000 })
    expect(TuiState.reduce(shown, { _tag: "Tick", now: now + 999 }).banner?.text).toBe("Claude API is back")
    expect(TuiState.reduce(shown, { _tag: "Tick", now: now + 1_000 }).banner).toBeNull()
  })

  it("names the next profile, wrapping around; none with one profile", () => {
    const two = monitor([view("default"), view("work")], "work")
    expect(TuiState.nextProfile(two)).toBe("default")
    expect(TuiState.nextProfile({ ...two, activeProfile: two.profiles[0]!.name })).toBe("work")
    expect(TuiState.nextProfile(monitor([view("default")]))).toBeNull()
    expect(TuiState.nextProfile(null)).toBeNull()
  })
})
