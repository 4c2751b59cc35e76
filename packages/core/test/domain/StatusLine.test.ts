import { assert, describe, it } from "@effect/vitest"
import { Option } from "effect"
import * as StatusLine from "../../src/domain/StatusLine.js"
import * as StatusLineView from "../../src/domain/StatusLineView.js"
import type { ProfileInput } from "../../src/domain/StatusReport.js"
import { UsageSnapshot, UsageWindow } from "../../src/domain/Usage.js"
import { ProfileName } from "../../src/domain/Profile.js"

const m = 60_000
const h = 60 * m
const now = Date.UTC(2026, 10, 22, 16, 0)
const profile = ProfileName.make("default")

const snapshot = new UsageSnapshot({
  profile,
  fetchedAt: now - 10_000,
  source: "api",
  fiveHour: new UsageWindow({ utilization: 17, resetsAt: now + 2 * h + 13 * m }),
  sevenDay: new UsageWindow({ utilization: 65, resetsAt: now + 41 * h }),
  caps: [],
  extraUsage: null,
  tier: "default_claude_max_20x"
})

const input = (changes: Partial<ProfileInput> = {}): ProfileInput => ({
  name: profile,
  connection: "connected",
  snapshot,
  subscriptionType: "max",
  slope5h: "flat",
  slope7d: "rising",
  error: null,
  limits: Option.none(),
  ...changes
})

describe("StatusLineView.pollLog", () => {
  it("stamps one status line per polled profile and its problem, if any", () => {
    const polled = {
      generatedAt: now,
      activeProfile: profile,
      profiles: [input(), input({ name: ProfileName.make("work"), error: { code: "history_unavailable", message: "the history could not store the poll" } })]
    }
    assert.deepStrictEqual(StatusLineView.pollLog(polled), [
      { line: "2026-11-22T16:00:00.000Z ● 5h 83% 2h 13m · ◐ 7d 35% ↗ 1d 17h", problem: null },
      {
        line: "2026-11-22T16:00:00.000Z work: ● 5h 83% 2h 13m · ◐ 7d 35% ↗ 1d 17h",
        problem: "2026-11-22T16:00:00.000Z work: the history could not store the poll"
      }
    ])
  })
})

describe("StatusLine.render", () => {
  it("shows both windows with symbol, headroom, escalation arrow and countdown", () => {
    const view = StatusLineView.viewOf(input())
    assert.strictEqual(StatusLine.render(view, now), "● 5h 83% 2h 13m · ◐ 7d 35% ↗ 1d 17h")
  })

  it("recomputes the countdown from the cached reset time", () => {
    const view = JSON.parse(JSON.stringify(StatusLineView.viewOf(input()))) as StatusLine.View
    assert.strictEqual(StatusLine.render(view, now + h), "● 5h 83% 1h 13m · ◐ 7d 35% ↗ 1d 16h")
  })

  it("names a profile other than default and notes a connection problem", () => {
    const view = StatusLineView.viewOf(input({ name: ProfileName.make("work"), connection: "rate_limited" }))
    assert.strictEqual(StatusLine.render(view, now), "work: ● 5h 83% 2h 13m · ◐ 7d 35% ↗ 1d 17h (rate limited)")
  })

  it("counts down to the limit instead of the reset while the 5h slope reaches it first", () => {
    const fast = new UsageSnapshot({ ...snapshot, fiveHour: new UsageWindow({ utilization: 62, resetsAt: now + 2 * h + 13 * m }) })
    // 38 % left at 1 %/min from the poll's time (10 s ago): the limit in 37m 50s.
    const view = JSON.parse(JSON.stringify(StatusLineView.viewOf(input({ snapshot: fast, slope5h: "rising", rate5h: 1 })))) as StatusLine.View
    assert.strictEqual(StatusLine.render(view, now), "◐ 5h 38% ↗ ~37m · ◐ 7d 35% ↗ 1d 17h")
    // Once the limit time has passed, the line falls back to the reset countdown.
    assert.strictEqual(StatusLine.render(view, now + h), "◐ 5h 38% ↗ 1h 13m · ◐ 7d 35% ↗ 1d 16h")
  })

  it("renders a cached view without the limit key as before", () => {
    const view = StatusLineView.viewOf(input())
    const { limitAt: _, ...old } = view.segments[0]!
    assert.strictEqual(StatusLine.render({ ...view, segments: [old] }, now), "● 5h 83% 2h 13m")
  })

  it("says why there are no numbers", () => {
    const view = StatusLineView.viewOf(input({ snapshot: null, connection: "token_expired" }))
    assert.strictEqual(StatusLine.render(view, now), "○ cc-hdrm: token expired")
  })
})

describe("StatusLine.parseFeed", () => {
  it("reads rate_limits with resets_at in epoch seconds", () => {
    const feed = StatusLine.parseFeed(JSON.stringify({
      session_id: "x",
      rate_limits: { five_hour: { used_percentage: 23.5, resets_at: 1770850000 } }
    }))
    assert.deepStrictEqual(feed, { fiveHour: { utilization: 23.5, resetsAt: 1770850000_000 }, sevenDay: null })
  })

  it("is null for text that is not JSON or has no rate_limits", () => {
    assert.isNull(StatusLine.parseFeed("not json"))
    assert.isNull(StatusLine.parseFeed(JSON.stringify({ model: { display_name: "Fable" } })))
    assert.isNull(StatusLine.parseFeed(JSON.stringify({ rate_limits: {} })))
  })

  it("matches a view with the same numbers and tells new ones apart", () => {
    const view = StatusLineView.viewOf(input())
    const same: StatusLine.Feed = { fiveHour: { utilization: 17, resetsAt: Math.floor((now + 2 * h + 13 * m) / 1000) * 1000 }, sevenDay: null }
    assert.isTrue(StatusLine.feedMatches(same, view))
    assert.isFalse(StatusLine.feedMatches({ ...same, fiveHour: { utilization: 18, resetsAt: same.fiveHour!.resetsAt } }, view))
    assert.isFalse(StatusLine.feedMatches({ ...same, fiveHour: { utilization: 17, resetsAt: now + 5 * h } }, view))
  })

  it("turns a feed into a statusline poll that keeps the previous caps and tier", () => {
    const polled = StatusLineView.snapshotOfFeed(profile, { fiveHour: { utilization: 30, resetsAt: now + h }, sevenDay: null }, now, snapshot)
    assert.strictEqual(polled.source, "statusline")
    assert.deepStrictEqual(polled.fiveHour, new UsageWindow({ utilization: 30, resetsAt: now + h }))
    assert.deepStrictEqual(polled.sevenDay, snapshot.sevenDay)
    assert.strictEqual(polled.tier, "default_claude_max_20x")
  })
})

describe("StatusLine.isCurrent", () => {
  it("is current for less than one poll interval", () => {
    const view = StatusLineView.viewOf(input())
    assert.isTrue(StatusLine.isCurrent(view, now, 180))
    assert.isFalse(StatusLine.isCurrent(view, now + 180_000, 180))
  })
})
