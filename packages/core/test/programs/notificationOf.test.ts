import { assert, describe, it } from "@effect/vitest"
import { ProfileName } from "../../src/domain/Profile.js"
import * as Thresholds from "../../src/domain/Thresholds.js"
import { notificationOf } from "../../src/programs/notificationOf.js"

const work = ProfileName.make("work")
const single = { multipleProfiles: false, now: 0 }
const several = { multipleProfiles: true, now: 0 }

describe("notificationOf", () => {
  it("phrases headroom alerts per window, naming the profile only among several", () => {
    const cap = Thresholds.Alert.Warning({ profile: work, key: Thresholds.capKey("Opus"), label: "Opus", headroom: 8, resetsAt: null })
    assert.strictEqual(notificationOf(cap, single).body, "Claude Opus 7-day headroom at 8%")
    const week = Thresholds.Alert.Critical({ profile: work, key: "sevenDay", label: "7-day", headroom: 4, resetsAt: null })
    assert.strictEqual(notificationOf(week, several).body, "Claude 7-day headroom (work) at 4%")
    assert.strictEqual(notificationOf(week, several).title, "Claude headroom critical")
  })

  it("phrases API and extra-usage alerts", () => {
    assert.strictEqual(notificationOf(Thresholds.Alert.ApiUnreachable({ profile: work }), several).body, "Claude API unreachable (work)")
    assert.strictEqual(notificationOf(Thresholds.Alert.ApiBack({ profile: work }), single).body, "Claude API is back")
    assert.strictEqual(
      notificationOf(Thresholds.Alert.ExtraUsageLevel({ profile: work, percent: 75, usedCents: 3750, limitCents: 5000 }), single).body,
      "Extra usage at 75% of your monthly limit"
    )
    const started = Thresholds.Alert.ExtraUsageStarted({ profile: work, usedCents: 10, limitCents: null })
    assert.strictEqual(notificationOf(started, single).body, "Extra usage started")
    assert.strictEqual(notificationOf(started, single).alert, started)
  })

  it("phrases the predictive alert with the time left and the reset it comes before (SPEC §3)", () => {
    const minute = 60_000
    const resetsAt = Date.UTC(2026, 10, 22, 16, 52)
    const now = resetsAt - 2 * 60 * minute
    const alert = Thresholds.Alert.Predicted({ profile: work, key: "fiveHour", runsOutAt: now + 40 * minute, resetsAt })
    const notification = notificationOf(alert, { multipleProfiles: false, now })
    assert.strictEqual(notification.body, "Claude 5h headroom runs out in ~40m, before the reset at 4:52 PM")
    const week = Thresholds.Alert.Predicted({ profile: work, key: "sevenDay", runsOutAt: now + 28 * 60 * minute, resetsAt: null })
    assert.strictEqual(notificationOf(week, { multipleProfiles: true, now }).body, "Claude 7-day headroom (work) runs out in ~1d 4h")
  })
})
