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

  it("statusInput feeds the B.2 document", () => {
    const report = StatusReport.make(MonitorState.statusInput(monitor("default"), 0))
    assert.deepStrictEqual(report.profiles.map((p) => p.menuTitle), ["83%", "40%"])
    assert.strictEqual(report.activeProfile, "default")
  })

  it("is serialisable and holds no token", () => {
    const encoded = Schema.encodeSync(MonitorState.MonitorState)(monitor("default"))
    const text = JSON.stringify(encoded)
    assert.notInclude(text, "access-token")
    assert.deepStrictEqual(Schema.decodeUnknownSync(MonitorState.MonitorState)(JSON.parse(text)).profiles[1]!.name, "work")
  })
})
