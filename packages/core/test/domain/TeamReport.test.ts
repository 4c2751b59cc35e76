import { assert, describe, it } from "@effect/vitest"
import { ResetEvent } from "../../src/domain/Reset.js"
import * as TeamReport from "../../src/domain/TeamReport.js"
import * as Fixtures from "../../src/testing/Fixtures.js"

const t0 = Date.UTC(2026, 0, 10, 12)
const hour = 3_600_000

const snap = (profile: string, fiveHour: number | null, sevenDay: number | null, tier: string | null = Fixtures.defaultTier) =>
  Fixtures.snapshot({
    profile: Fixtures.profile(profile),
    fetchedAt: t0,
    fiveHour: fiveHour === null ? null : { utilization: fiveHour, resetsAt: t0 + hour },
    sevenDay: sevenDay === null ? null : { utilization: sevenDay, resetsAt: t0 + 48 * hour },
    tier
  })

const reset = (profile: string, peak: number) =>
  new ResetEvent({
    profile: Fixtures.profile(profile),
    at: t0 - hour,
    peak5h: peak,
    sevenDayUtilization: 30,
    tier: Fixtures.defaultTier,
    usedCredits: 1000,
    constrainedCredits: 0,
    unusedCredits: 2000
  })

describe("TeamReport.make", () => {
  const report = TeamReport.make({
    generatedAt: t0,
    range: "7d",
    members: ["zed@z", "bob@b", "idle@i"],
    latest: [
      { member: "zed@z", snapshot: snap("work", 90, 50) },
      { member: "bob@b", snapshot: snap("work", 10, null) },
      { member: "bob@b", snapshot: snap("alt", 17, 35, null) }
    ],
    resets: [{ member: "bob@b", event: reset("alt", 60) }, { member: "bob@b", event: reset("alt", 70) }, { member: "zed@z", event: reset("alt", 99) }]
  })

  it("sorts members and profiles by name, keeps members without polls, nulls a window never polled", () => {
    assert.deepStrictEqual(report.members.map((m) => [m.member, m.profiles.map((p) => p.name)]), [
      ["bob@b", ["alt", "work"]],
      ["idle@i", []],
      ["zed@z", ["work"]]
    ])
    assert.isNull(report.members[0]!.profiles[1]!.sevenDay)
    assert.strictEqual(report.generatedAt, new Date(t0).toISOString())
  })

  it("gives each window its headroom and state, and sums only the member's own profile's resets", () => {
    const alt = report.members[0]!.profiles[0]!
    assert.deepStrictEqual(alt.fiveHour, { utilization: 17, headroom: 83, state: "normal", resetsAt: new Date(t0 + hour).toISOString() })
    assert.strictEqual(alt.resetCount, 2)
    assert.strictEqual(alt.averagePeak, 65)
    assert.isNull(alt.tier)
    assert.deepStrictEqual(report.members[2]!.profiles[0]!.fiveHour?.state, "warning")
    assert.strictEqual(report.members[2]!.profiles[0]!.resetCount, 0)
  })

  it("text: one line per member and profile, tinted by the tighter window, symbols beside the numbers", () => {
    const lines = TeamReport.lines(report, t0)
    assert.strictEqual(lines.length, 5)
    assert.match(lines[1]!.text, /^bob@b alt +● +83% +● +65% +2 resets, avg peak 65%/)
    assert.match(lines[3]!.text, /^idle@i +no polls yet/)
    assert.strictEqual(lines[4]!.state, "warning")
    assert.match(lines[4]!.text, /▲ +10%/)
  })
})
