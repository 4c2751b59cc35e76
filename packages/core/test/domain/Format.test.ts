import { assert, describe, it } from "@effect/vitest"
import { FastCheck } from "effect"
import * as Format from "../../src/domain/Format.js"

const s = 1_000
const m = 60 * s
const h = 60 * m
const d = 24 * h
// 2026-11-22 (a Sunday) 21:52 UTC = 4:52 PM in New York (EST, UTC−5), 03:22 on Monday in Kolkata (UTC+5:30).
const eveningUtc = Date.UTC(2026, 10, 22, 21, 52)
const ny = { locale: "en-US", timeZone: "America/New_York" } as const
const kolkata = { locale: "en-US", timeZone: "Asia/Kolkata" } as const

describe("Format.countdown", () => {
  const now = Date.UTC(2026, 10, 22, 16, 0)
  const cases: ReadonlyArray<readonly [string, number, string]> = [
    ["past", -5 * m, "0m"],
    ["now", 0, "0m"],
    ["59 s (floored)", 59 * s, "0m"],
    ["60 s", 60 * s, "1m"],
    ["47 minutes", 47 * m + 30 * s, "47m"],
    ["59 m 59 s", 59 * m + 59 * s, "59m"],
    ["1 h", h, "1h 0m"],
    ["2 h 13 m 59 s", 2 * h + 13 * m + 59 * s, "2h 13m"],
    ["23 h 59 m 59 s", 24 * h - s, "23h 59m"],
    ["24 h", d, "1d 0h"],
    ["2 d 1 h 59 m", 2 * d + h + 59 * m, "2d 1h"],
    ["6 d 23 h 59 m", 7 * d - m, "6d 23h"]
  ]
  for (const [name, offset, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      assert.strictEqual(Format.countdown(now + offset, now), expected)
    })
  }

  it("resetsIn wraps the countdown in the popover form", () => {
    assert.strictEqual(Format.resetsIn(2 * h + 13 * m, 0), "resets in 2h 13m")
    assert.strictEqual(Format.resetsIn(0, 10 * m), "resets in 0m")
  })

  it("duration and limitIn share the countdown form", () => {
    assert.strictEqual(Format.duration(h + 10 * m), "1h 10m")
    assert.strictEqual(Format.limitIn(h + 10 * m + 59 * s), "limit in ~1h 10m")
    assert.strictEqual(Format.limitIn(-1), "limit in ~0m")
  })

  it.prop("never shows more whole minutes than are left", [FastCheck.integer({ min: 0, max: 7 * d })], ([millis]) => {
    const text = Format.duration(millis)
    const [big = "0", small = "0"] = text.split(" ")
    const shown = text.includes("d")
      ? parseInt(big) * d + parseInt(small) * h
      : text.includes("h")
      ? parseInt(big) * h + parseInt(small) * m
      : parseInt(big) * m
    assert.isAtMost(shown, millis)
    // …and the dropped part is less than one unit of the smallest field shown.
    assert.isBelow(millis - shown, text.includes("d") ? h : m)
  })
})

describe("Format.spokenDuration", () => {
  it("spells units out with singular and plural", () => {
    assert.strictEqual(Format.spokenDuration(47 * m), "47 minutes")
    assert.strictEqual(Format.spokenDuration(m), "1 minute")
    assert.strictEqual(Format.spokenDuration(-m), "0 minutes")
    assert.strictEqual(Format.spokenDuration(2 * h + 13 * m), "2 hours 13 minutes")
    assert.strictEqual(Format.spokenDuration(h + m), "1 hour 1 minute")
    assert.strictEqual(Format.spokenDuration(d + h), "1 day 1 hour")
    assert.strictEqual(Format.spokenDuration(2 * d), "2 days 0 hours")
  })
})

describe("Format.absoluteTime", () => {
  it("same local day in a 12-hour locale: at 4:52 PM (plain space before PM)", () => {
    assert.strictEqual(Format.absoluteTime(eveningUtc, eveningUtc - 2 * h, ny), "at 4:52 PM")
  })

  it("another local day adds the weekday: at Mon 7:05 PM", () => {
    const mondayEvening = Date.UTC(2026, 10, 24, 0, 5) // Mon 23 Nov, 7:05 PM in New York
    assert.strictEqual(Format.absoluteTime(mondayEvening, eveningUtc, ny), "at Mon 7:05 PM")
  })

  it("24-hour locales: at 16:52 / at Mon 16:52", () => {
    const gb = { locale: "en-GB", timeZone: "America/New_York" }
    assert.strictEqual(Format.absoluteTime(eveningUtc, eveningUtc - h, gb), "at 16:52")
    assert.strictEqual(Format.absoluteTime(eveningUtc + d, eveningUtc - h, gb), "at Mon 16:52")
    assert.strictEqual(Format.absoluteTime(eveningUtc, eveningUtc - h, { locale: "de-DE", timeZone: "America/New_York" }), "at 16:52")
  })

  it("the same pair of instants is today in one zone and another day in the other", () => {
    const now = eveningUtc - 2 * h // 19:52 UTC: 2:52 PM Sunday in New York, 01:22 Monday in Kolkata
    assert.strictEqual(Format.absoluteTime(eveningUtc, now, ny), "at 4:52 PM")
    const later = eveningUtc + 2 * h // 23:52 UTC: 6:52 PM Sunday in New York, 05:22 Monday in Kolkata
    const earlier = eveningUtc - 4 * h // 17:52 UTC: 12:52 PM Sunday in New York, 23:22 Sunday in Kolkata
    assert.strictEqual(Format.absoluteTime(later, earlier, ny), "at 6:52 PM")
    assert.strictEqual(Format.absoluteTime(later, earlier, kolkata), "at Mon 5:22 AM")
  })

  it("the day boundary is local midnight: 23:59 and 00:00 are different days", () => {
    const lastMinute = Date.UTC(2026, 10, 23, 4, 59) // 11:59 PM Sunday in New York
    const midnight = lastMinute + m // 12:00 AM Monday
    assert.strictEqual(Format.absoluteTime(lastMinute, lastMinute - 23 * h, ny), "at 11:59 PM")
    assert.strictEqual(Format.absoluteTime(midnight, lastMinute, ny), "at Mon 12:00 AM")
  })

  it("defaults to en-US in UTC only when no zone is given", () => {
    assert.strictEqual(Format.absoluteTime(eveningUtc, eveningUtc - h), "at 9:52 PM")
    // 17:52 UTC is still Sunday in Kolkata (23:22); 21:52 UTC is Monday 03:22 there.
    assert.strictEqual(Format.absoluteTime(eveningUtc, eveningUtc - 4 * h, { timeZone: "Asia/Kolkata" }), "at Mon 3:22 AM")
  })
})

describe("Format.freshnessAge", () => {
  const now = Date.UTC(2026, 10, 22, 16, 0)
  const cases: ReadonlyArray<readonly [number, string]> = [
    [-5 * s, "Updated just now"],
    [0, "Updated just now"],
    [10 * s - 1, "Updated just now"],
    [10 * s, "Updated 10s ago"],
    [12 * s, "Updated 12s ago"],
    [60 * s - 1, "Updated 59s ago"],
    [60 * s, "Updated 1m ago"],
    [3 * m + 59 * s, "Updated 3m ago"],
    [h - 1, "Updated 59m ago"],
    [h, "Updated 1h 0m ago"],
    [h + 30 * m, "Updated 1h 30m ago"],
    [d - 1, "Updated 23h 59m ago"],
    [d, "Updated 1d 0h ago"],
    [2 * d + h, "Updated 2d 1h ago"]
  ]
  for (const [age, expected] of cases) {
    it(`${age} ms old → ${expected}`, () => {
      assert.strictEqual(Format.freshnessAge(now - age, now), expected)
    })
  }
})

describe("Format.freshness", () => {
  const now = 10_000_000
  const interval = 180 // seconds
  const at = (intervals: number, extraMillis = 0) => now - intervals * interval * s - extraMillis
  it("fresh below 2 intervals, stale from 2 up to 5, very stale beyond 5 (SPEC §2)", () => {
    assert.strictEqual(Format.freshness(now, now, interval), "fresh")
    assert.strictEqual(Format.freshness(at(2) + 1, now, interval), "fresh")
    assert.strictEqual(Format.freshness(at(2), now, interval), "stale")
    assert.strictEqual(Format.freshness(at(5), now, interval), "stale")
    assert.strictEqual(Format.freshness(at(5, 1), now, interval), "very_stale")
  })

  it("scales with the poll interval", () => {
    const sixMinutesOld = now - 6 * m
    assert.strictEqual(Format.freshness(sixMinutesOld, now, 180), "stale")
    assert.strictEqual(Format.freshness(sixMinutesOld, now, 181), "fresh")
    assert.strictEqual(Format.freshness(sixMinutesOld, now, 60), "very_stale")
  })

  it("data from the future (clock skew) is fresh", () => {
    assert.strictEqual(Format.freshness(now + h, now, interval), "fresh")
  })

  it("only very stale data carries the 'Data may be outdated' note", () => {
    assert.strictEqual(Format.freshnessNote("very_stale"), "Data may be outdated")
    assert.isNull(Format.freshnessNote("stale"))
    assert.isNull(Format.freshnessNote("fresh"))
  })
})

describe("Format.percent", () => {
  it("floors headroom and never shows a negative number", () => {
    assert.strictEqual(Format.percent(83), "83%")
    assert.strictEqual(Format.percent(83.99), "83%")
    assert.strictEqual(Format.percent(0.5), "0%")
    assert.strictEqual(Format.percent(0), "0%")
    assert.strictEqual(Format.percent(-12.5), "0%")
    assert.strictEqual(Format.percent(100), "100%")
  })

  it("float noise below an integer does not lose a point", () => {
    assert.strictEqual(Format.percent(100 - 70.1), "29%")
    assert.strictEqual(Format.percent(100 - 0.07 * 100), "93%") // 92.99999999999999
    assert.strictEqual(Format.percent(82.99999999999999), "83%")
  })
})

describe("Format.fileSize", () => {
  it("shows whole KiB", () => {
    assert.strictEqual(Format.fileSize(421_888), "412 KiB")
    assert.strictEqual(Format.fileSize(0), "0 KiB")
  })
})
