import { assert, describe, it } from "@effect/vitest"
import { Option } from "effect"
import * as Credits from "../../src/domain/Credits.js"
import { ProfileName } from "../../src/domain/Profile.js"
import * as Reset from "../../src/domain/Reset.js"
import { UsageSnapshot, UsageWindow } from "../../src/domain/Usage.js"

const second = 1_000
const minute = 60 * second
const hour = 60 * minute
const day = 24 * hour
const t0 = Date.UTC(2026, 10, 16) // 00:00 UTC

type WindowSpec = readonly [utilization: number | null, resetsAt: number | null] | null

const snapshot = (
  fetchedAt: number,
  options: { five?: WindowSpec; seven?: WindowSpec; tier?: string | null; profile?: string } = {}
) => {
  const window = (spec: WindowSpec | undefined) =>
    spec === undefined || spec === null ? null : new UsageWindow({ utilization: spec[0], resetsAt: spec[1] })
  return new UsageSnapshot({
    profile: ProfileName.make(options.profile ?? "work"),
    fetchedAt,
    source: "api",
    fiveHour: window(options.five === undefined ? [10, t0 + 5 * hour] : options.five),
    sevenDay: window(options.seven === undefined ? [30, t0 + 6 * day] : options.seven),
    caps: [],
    extraUsage: null,
    tier: options.tier === undefined ? "default_claude_pro" : options.tier
  })
}

const kindOf = (previous: UsageSnapshot, next: UsageSnapshot) => Option.getOrNull(Reset.detect(previous, next))

describe("Reset.detect: resets_at", () => {
  const resetsAt = t0 + 5 * hour
  const pair = (moveBy: number) =>
    kindOf(snapshot(t0, { five: [80, resetsAt] }), snapshot(t0 + 3 * minute, { five: [80, resetsAt + moveBy] }))

  it("a 1 s jitter is not a reset", () => {
    assert.isNull(pair(second))
    assert.isNull(pair(-second))
  })
  it("a move of exactly 60 s is not a reset", () => {
    assert.isNull(pair(60 * second))
  })
  it("a move of 61 s is a 5h reset", () => {
    assert.strictEqual(pair(61 * second), "fiveHour")
  })
  it("a move of −61 s is a reset too", () => {
    assert.strictEqual(pair(-61 * second), "fiveHour")
  })
  it("a moved resets_at is a reset even when utilization did not drop", () => {
    const kind = kindOf(snapshot(t0, { five: [10, resetsAt] }), snapshot(t0 + minute, { five: [20, resetsAt + 5 * hour] }))
    assert.strictEqual(kind, "fiveHour")
  })
  it("a large drop with a steady resets_at is not a reset", () => {
    assert.isNull(kindOf(snapshot(t0, { five: [90, resetsAt] }), snapshot(t0 + minute, { five: [5, resetsAt] })))
  })
})

describe("Reset.detect: missing resets_at", () => {
  const drop = (from: number, to: number) =>
    kindOf(snapshot(t0, { five: [from, null] }), snapshot(t0 + 3 * minute, { five: [to, null] }))

  it("a drop of 49 points is not a reset", () => {
    assert.isNull(drop(80, 31))
  })
  it("a drop of exactly 50 points is a reset", () => {
    assert.strictEqual(drop(80, 30), "fiveHour")
  })
  it("a drop of 51 points is a reset", () => {
    assert.strictEqual(drop(80, 29), "fiveHour")
  })
  it("a rise is not a reset", () => {
    assert.isNull(drop(10, 90))
  })
  it("resets_at missing on one side falls back to the drop test", () => {
    const previous = snapshot(t0, { five: [80, t0 + hour] })
    assert.strictEqual(kindOf(previous, snapshot(t0 + minute, { five: [30, null] })), "fiveHour")
    assert.isNull(kindOf(previous, snapshot(t0 + minute, { five: [31, null] })))
  })
  it("unknown utilization on either side is never a reset", () => {
    assert.isNull(kindOf(snapshot(t0, { five: [null, null] }), snapshot(t0 + minute, { five: [0, null] })))
    assert.isNull(kindOf(snapshot(t0, { five: [90, null] }), snapshot(t0 + minute, { five: [null, null] })))
  })
  it("a window missing on either side is never a reset", () => {
    assert.isNull(kindOf(snapshot(t0, { five: null }), snapshot(t0 + minute, { five: [0, t0 + 5 * hour] })))
    assert.isNull(kindOf(snapshot(t0, { five: [90, t0] }), snapshot(t0 + minute, { five: null })))
  })
})

describe("Reset.detect: windows", () => {
  it("a 7d-only reset is sevenDay", () => {
    const previous = snapshot(t0, { seven: [90, t0 + hour] })
    const next = snapshot(t0 + 3 * minute, { seven: [0, t0 + hour + 7 * day] })
    assert.strictEqual(kindOf(previous, next), "sevenDay")
  })
  it("both windows resetting is both", () => {
    const previous = snapshot(t0, { five: [70, t0 + hour], seven: [90, t0 + hour] })
    const next = snapshot(t0 + hour, { five: [0, t0 + 6 * hour], seven: [0, t0 + 8 * day] })
    assert.strictEqual(kindOf(previous, next), "both")
  })
  it("two identical polls are no reset", () => {
    assert.isNull(kindOf(snapshot(t0), snapshot(t0 + 3 * minute)))
  })
})

describe("Reset.cooldownAllows", () => {
  it("allows the first event of a profile", () => {
    assert.isTrue(Reset.cooldownAllows(null, t0))
  })
  it("rejects an event 1 ms under 4 h after the last one", () => {
    assert.isFalse(Reset.cooldownAllows(t0, t0 + 4 * hour - 1))
  })
  it("allows an event exactly 4 h after the last one", () => {
    assert.strictEqual(Reset.cooldownMillis, 4 * hour)
    assert.isTrue(Reset.cooldownAllows(t0, t0 + 4 * hour))
  })
  it("counts the distance both ways", () => {
    assert.isFalse(Reset.cooldownAllows(t0, t0 - 4 * hour + 1))
    assert.isTrue(Reset.cooldownAllows(t0, t0 - 4 * hour))
  })
})

describe("Reset.peak5h", () => {
  const at = t0 + day
  it("takes the highest known utilization of the 5 h before the reset", () => {
    const polls = [snapshot(at - 4 * hour, { five: [40, null] }), snapshot(at - hour, { five: [72, null] }), snapshot(at - minute, { five: [null, null] })]
    assert.strictEqual(Reset.peak5h(polls, at), 72)
  })
  it("includes a poll exactly 5 h earlier and excludes one 5 h 1 s earlier", () => {
    assert.strictEqual(Reset.peak5h([snapshot(at - 5 * hour, { five: [88, null] })], at), 88)
    assert.isNull(Reset.peak5h([snapshot(at - 5 * hour - second, { five: [99, null] })], at))
  })
  it("excludes the poll at the reset itself and later ones", () => {
    const polls = [snapshot(at - hour, { five: [50, null] }), snapshot(at, { five: [95, null] }), snapshot(at + minute, { five: [97, null] })]
    assert.strictEqual(Reset.peak5h(polls, at), 50)
  })
  it("is null without a known utilization, and ignores NaN", () => {
    assert.isNull(Reset.peak5h([snapshot(at - hour, { five: null }), snapshot(at - minute, { five: [null, null] })], at))
    assert.strictEqual(Reset.peak5h([snapshot(at - hour, { five: [Number.NaN, null] }), snapshot(at - minute, { five: [12, null] })], at), 12)
  })
})

describe("Reset.eventFor", () => {
  const resetsAt = t0 + 5 * hour
  const previous = snapshot(resetsAt - minute, { five: [80, resetsAt], seven: [30, t0 + 6 * day] })
  const next = snapshot(resetsAt + 2 * minute, { five: [0, resetsAt + 5 * hour], seven: [31, t0 + 6 * day] })
  const recent = [
    snapshot(resetsAt - 5 * hour - second, { five: [99, resetsAt] }),
    snapshot(resetsAt - 3 * hour, { five: [85, resetsAt] }),
    snapshot(resetsAt - hour, { five: [60, resetsAt] })
  ]
  const event = (overrides: Partial<Reset.EventInput> = {}) =>
    Reset.eventFor({ previous, next, recent, lastEventAt: null, ...overrides })

  it("records the new poll's time, the 5h peak and the 7d utilization of the previous poll", () => {
    const result = Option.getOrThrow(event())
    assert.strictEqual(result.profile, "work")
    assert.strictEqual(result.at, next.fetchedAt)
    assert.strictEqual(result.peak5h, 85)
    assert.strictEqual(result.sevenDayUtilization, 30)
    assert.strictEqual(result.tier, "default_claude_pro")
  })
  it("includes the previous poll in the peak even when recent lacks it", () => {
    const peaked = snapshot(resetsAt - minute, { five: [96, resetsAt], seven: [30, t0 + 6 * day] })
    assert.strictEqual(Option.getOrThrow(event({ previous: peaked, recent: [] })).peak5h, 96)
  })
  it("breaks a Pro reset down in credits (SPEC §2)", () => {
    // P = 85, S = 30: used 0.85·550k, R5 = 0.15·550k = 82.5k ≤ R7 = 0.7·5M, so all of R5 is unused.
    const result = Option.getOrThrow(event())
    assert.closeTo(result.usedCredits!, 467_500, 1e-6)
    assert.closeTo(result.unusedCredits!, 82_500, 1e-6)
    assert.strictEqual(result.constrainedCredits, 0)
  })
  it("splits off 7d-constrained credits when the weekly window has less left", () => {
    // P = 20, S = 95: R5 = 440k, R7 = 0.05·5M = 250k → unused 250k, constrained 190k.
    const low = snapshot(resetsAt - minute, { five: [20, resetsAt], seven: [95, t0 + 6 * day] })
    const result = Option.getOrThrow(event({ previous: low, recent: [] }))
    assert.closeTo(result.usedCredits!, 110_000, 1e-6)
    assert.closeTo(result.unusedCredits!, 250_000, 1e-6)
    assert.closeTo(result.constrainedCredits!, 190_000, 1e-6)
  })
  it("has no credits for an unknown tier, but keeps peak and tier", () => {
    const unknown = (s: UsageSnapshot) => snapshot(s.fetchedAt, { five: [s.fiveHour!.utilization, s.fiveHour!.resetsAt], seven: [s.sevenDay!.utilization, s.sevenDay!.resetsAt], tier: "mystery" })
    const result = Option.getOrThrow(event({ previous: unknown(previous), next: unknown(next) }))
    assert.strictEqual(result.tier, "mystery")
    assert.strictEqual(result.peak5h, 85)
    assert.isNull(result.usedCredits)
    assert.isNull(result.constrainedCredits)
    assert.isNull(result.unusedCredits)
  })
  it("uses custom limits for an unknown tier", () => {
    const none = (s: UsageSnapshot) => snapshot(s.fetchedAt, { five: [s.fiveHour!.utilization, s.fiveHour!.resetsAt], seven: [s.sevenDay!.utilization, s.sevenDay!.resetsAt], tier: null })
    const result = Option.getOrThrow(event({ previous: none(previous), next: none(next), custom: { customCredits5h: 1_000, customCredits7d: 10_000 } }))
    assert.isNull(result.tier)
    assert.closeTo(result.usedCredits!, 850, 1e-9)
    assert.closeTo(result.unusedCredits!, 150, 1e-9)
  })
  it("takes the previous poll's tier when the new one lacks it", () => {
    const noTier = snapshot(next.fetchedAt, { five: [0, resetsAt + 5 * hour], tier: null })
    assert.strictEqual(Option.getOrThrow(event({ next: noTier })).tier, "default_claude_pro")
  })
  it("has no credits when the 7d utilization at the previous poll is unknown", () => {
    const noSeven = snapshot(previous.fetchedAt, { five: [80, resetsAt], seven: null })
    const result = Option.getOrThrow(event({ previous: noSeven }))
    assert.isNull(result.sevenDayUtilization)
    assert.isNull(result.unusedCredits)
    assert.strictEqual(result.peak5h, 85)
  })
  it("has no credits when no 5h utilization is known", () => {
    const blank = snapshot(previous.fetchedAt, { five: [null, resetsAt] })
    const result = Option.getOrThrow(event({ previous: blank, recent: [] }))
    assert.isNull(result.peak5h)
    assert.isNull(result.usedCredits)
  })
  it("is none without a reset", () => {
    assert.isTrue(Option.isNone(event({ next: snapshot(next.fetchedAt, { five: [81, resetsAt + second] }) })))
  })
  it("is none 1 ms under the 4 h cooldown and some exactly at it", () => {
    assert.isTrue(Option.isNone(event({ lastEventAt: next.fetchedAt - 4 * hour + 1 })))
    assert.isTrue(Option.isSome(event({ lastEventAt: next.fetchedAt - 4 * hour })))
  })
  it("is none across profiles, and ignores other profiles' polls in recent", () => {
    const other = snapshot(next.fetchedAt, { five: [0, resetsAt + 5 * hour], profile: "home" })
    assert.isTrue(Option.isNone(event({ next: other })))
    const foreign = snapshot(resetsAt - hour, { five: [100, resetsAt], profile: "home" })
    assert.strictEqual(Option.getOrThrow(event({ recent: [...recent, foreign] })).peak5h, 85)
  })
  it("can be summed by Credits.summarize directly", () => {
    const result = Option.getOrThrow(event())
    const summary = Credits.summarize([result])
    assert.strictEqual(summary.resetCount, 1)
    assert.strictEqual(summary.averagePeak, 85)
    assert.closeTo(summary.credits!.unused, result.unusedCredits!, 1e-6)
  })
})

// A week of 3-minute polls; the 5h window resets every day at 09:00 UTC and peaks at 90 %.
const syntheticWeek = (profile = "work") => {
  const polls: Array<UsageSnapshot> = []
  for (let at = t0; at < t0 + 7 * day; at += 3 * minute) {
    const sinceNine = (((at - 9 * hour) % day) + day) % day
    const nextNine = at - sinceNine + day
    const dayIndex = Math.floor((at - t0) / day)
    polls.push(snapshot(at, {
      five: [Math.min(90, (sinceNine / hour) * 10), nextNine],
      seven: [5 + dayIndex * 10, t0 + 8 * day],
      profile
    }))
  }
  return polls
}

describe("Reset.scan", () => {
  it("finds one event per daily reset over a synthetic week", () => {
    const events = Reset.scan(syntheticWeek())
    assert.strictEqual(events.length, 7)
    events.forEach((event, index) => {
      assert.strictEqual(event.at, t0 + index * day + 9 * hour)
      assert.strictEqual(event.peak5h, 90)
      assert.strictEqual(event.sevenDayUtilization, 5 + index * 10)
      // R5 = 0.1·550k = 55k is below R7 at every 7d level of the week: all of it unused.
      assert.closeTo(event.unusedCredits!, 55_000, 1e-6)
    })
  })
  it("replays exactly what live polling with eventFor would record", () => {
    const polls = syntheticWeek()
    const live: Array<Reset.ResetEvent> = []
    for (let index = 1; index < polls.length; index++) {
      const next = polls[index]!
      const event = Reset.eventFor({
        previous: polls[index - 1]!,
        next,
        recent: polls.filter((poll) => poll.fetchedAt < next.fetchedAt && poll.fetchedAt >= next.fetchedAt - 5 * hour),
        lastEventAt: live.at(-1)?.at ?? null
      })
      if (Option.isSome(event)) live.push(event.value)
    }
    assert.deepStrictEqual(Reset.scan(polls), live)
  })
  it("applies the cooldown: resets every 3 h yield events 6 h apart", () => {
    const polls = [0, 1, 2, 3, 4].map((n) => snapshot(t0 + n * 3 * hour, { five: [50, t0 + n * 3 * hour + 5 * hour] }))
    assert.deepStrictEqual(Reset.scan(polls).map((event) => event.at), [t0 + 3 * hour, t0 + 9 * hour])
  })
  it("handles unsorted polls of several profiles, each against its own previous poll", () => {
    const mixed = [...syntheticWeek("home"), ...syntheticWeek("work")].reverse()
    const events = Reset.scan(mixed)
    assert.strictEqual(events.length, 14)
    assert.strictEqual(events.filter((event) => event.profile === "home").length, 7)
    assert.isTrue(events.every((event, index) => index === 0 || events[index - 1]!.at <= event.at))
  })
  it("passes custom limits on", () => {
    const polls = syntheticWeek().map((poll) => snapshot(poll.fetchedAt, {
      five: [poll.fiveHour!.utilization, poll.fiveHour!.resetsAt],
      seven: [poll.sevenDay!.utilization, poll.sevenDay!.resetsAt],
      tier: null
    }))
    assert.isNull(Reset.scan(polls)[0]!.unusedCredits)
    assert.closeTo(Reset.scan(polls, { customCredits5h: 1_000, customCredits7d: 100_000 })[0]!.unusedCredits!, 100, 1e-9)
  })
  it("finds nothing in fewer than two polls", () => {
    assert.deepStrictEqual(Reset.scan([]), [])
    assert.deepStrictEqual(Reset.scan([snapshot(t0)]), [])
  })
})
