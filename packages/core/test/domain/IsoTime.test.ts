import { assert, describe, it } from "@effect/vitest"
import * as IsoTime from "../../src/domain/IsoTime.js"

describe("IsoTime", () => {
  it("writes an instant as ISO 8601 UTC with milliseconds", () => {
    assert.strictEqual(IsoTime.iso(Date.UTC(2026, 10, 22, 21, 52, 7, 45)), "2026-11-22T21:52:07.045Z")
    assert.strictEqual(IsoTime.iso(0), "1970-01-01T00:00:00.000Z")
  })

  it("keeps an unknown instant unknown", () => {
    assert.isNull(IsoTime.isoOrNull(null))
    assert.strictEqual(IsoTime.isoOrNull(1_000), "1970-01-01T00:00:01.000Z")
  })
})
