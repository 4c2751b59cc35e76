import { assert, describe, it } from "@effect/vitest"
import { Option, Schema } from "effect"
import * as Preferences from "../../src/domain/Preferences.js"
import { ProfileName } from "../../src/domain/Profile.js"
import * as StatusReport from "../../src/domain/StatusReport.js"
import * as MonitorState from "../../src/programs/MonitorState.js"
import * as ProfileState from "../../src/programs/ProfileState.js"
import * as Fixtures from "../../src/testing/Fixtures.js"
import * as TestEnv from "./TestEnv.js"

const state = (name: string, fiveHour: number) => ({
  ...ProfileState.initial(ProfileName.make(name)),
  connection: "connected" as const,
  snapshot: Fixtures.snapshot({ profile: name, fetchedAt: 0, fiveHour: { utilization: fiveHour, resetsAt: null } })
})

const monitor = (activeProfile: string): MonitorState.MonitorState => ({
  profiles: [
    MonitorState.viewOf(TestEnv.entry("default"), state("default", 17), Preferences.defaults, { nextPollAt: 180_000, polling: false }),
    MonitorState.viewOf(TestEnv.entry("work"), state("work", 60), Preferences.defaults, { nextPollAt: null, polling: true })
  ],
  activeProfile: ProfileName.make(activeProfile),
  preferences: Preferences.defaults,
  error: null
})

describe("MonitorState", () => {
  it("activeView: the active profile, else the first", () => {
    assert.strictEqual(Option.getOrThrow(MonitorState.activeView(monitor("work"))).name, "work")
    assert.strictEqual(Option.getOrThrow(MonitorState.activeView(monitor("gone"))).name, "default")
  })

  it("historyKey changes with the active profile and its newest poll, not with another profile's", () => {
    const base = monitor("work")
    const polled = { ...base, profiles: [base.profiles[0]!, { ...base.profiles[1]!, snapshot: Fixtures.snapshot({ profile: "work", fetchedAt: 5 }) }] }
    const otherPolled = { ...base, profiles: [{ ...base.profiles[0]!, snapshot: Fixtures.snapshot({ profile: "default", fetchedAt: 9 }) }, base.profiles[1]!] }
    assert.strictEqual(MonitorState.historyKey(base), "work@0")
    assert.strictEqual(MonitorState.historyKey(polled), "work@5")
    assert.strictEqual(MonitorState.historyKey(otherPolled), MonitorState.historyKey(base))
    assert.strictEqual(MonitorState.historyKey(monitor("default")), "default@0")
  })

  it("statusInput feeds the B.2 document", () => {
    const report = StatusReport.make(MonitorState.statusInput(monitor("default"), 0))
    assert.deepStrictEqual(report.profiles.map((p) => p.menuTitle), ["83%", "40%"])
    assert.strictEqual(report.activeProfile, "default")
  })

  it("newlyPolled: only the profiles whose poll time moved since the previous state", () => {
    const polledAt = (at: Record<string, number | null>) => {
      const base = monitor("default")
      return { ...base, profiles: base.profiles.map((view) => ({ ...view, lastPollAt: at[view.name] ?? null })) }
    }
    const names = (input: StatusReport.Input) => input.profiles.map((profile) => profile.name)
    const first = polledAt({ default: 1_000, work: null })
    const second = polledAt({ default: 1_000, work: 2_000 })
    const third = polledAt({ default: 3_000, work: 4_000 })
    assert.deepStrictEqual(names(MonitorState.newlyPolled(Option.none(), first, 5_000)), ["default"])
    assert.deepStrictEqual(names(MonitorState.newlyPolled(Option.some(first), second, 5_000)), ["work"])
    assert.deepStrictEqual(names(MonitorState.newlyPolled(Option.some(second), second, 5_000)), [])
    assert.deepStrictEqual(names(MonitorState.newlyPolled(Option.some(second), third, 5_000)), ["default", "work"])
    assert.strictEqual(MonitorState.newlyPolled(Option.none(), first, 5_000).generatedAt, 5_000)
  })

  it("is serialisable and holds no token", () => {
    const encoded = Schema.encodeSync(MonitorState.MonitorState)(monitor("default"))
    const text = JSON.stringify(encoded)
    assert.notInclude(text, "access-token")
    assert.deepStrictEqual(Schema.decodeUnknownSync(MonitorState.MonitorState)(JSON.parse(text)).profiles[1]!.name, "work")
  })
})
