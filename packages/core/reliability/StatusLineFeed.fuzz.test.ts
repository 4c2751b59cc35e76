// 10,000 hostile status-line documents (Claude Code's stdin JSON, API.md A.5): `parseFeed` never
// throws and only ever yields finite percentages and times.
import { assert, describe, it } from "vitest"
import * as StatusLine from "../src/domain/StatusLine.js"
import { hostileText, random } from "./hostile.js"

describe("the status-line feed under hostile stdin", () => {
  it("10,000 documents: no throw; a feed holds only finite numbers", () => {
    const rng = random(5)
    const valid = {
      session_id: "abc",
      model: { display_name: "Opus" },
      rate_limits: { five_hour: { used_percentage: 23.5, resets_at: 1770850000 }, seven_day: { used_percentage: 41, resets_at: 1771000000 } }
    }
    let feeds = 0
    for (let index = 0; index < 10_000; index++) {
      const feed = StatusLine.parseFeed(hostileText(rng, valid, index))
      if (feed === null) continue
      feeds++
      for (const window of [feed.fiveHour, feed.sevenDay]) {
        if (window === null) continue
        assert.isTrue(window.utilization === null || Number.isFinite(window.utilization), `document ${index}`)
        assert.isTrue(window.resetsAt === null || Number.isFinite(window.resetsAt), `document ${index}`)
      }
    }
    assert.isAbove(feeds, 500)
  })
})
