import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck, Schema } from "effect"
import * as Preferences from "../../src/domain/Preferences.js"

const decoded = (input: unknown): Preferences.Preferences => {
  const result = Preferences.decode(input)
  assert(Either.isRight(result), Either.isLeft(result) ? result.left.message : "")
  return result.right
}

const rejected = (result: Either.Either<Preferences.Preferences, Preferences.PreferencesInvalid>): Preferences.PreferencesInvalid => {
  assert(Either.isLeft(result), "expected the value to be rejected")
  return result.left
}

const set = (key: string, raw: string, prefs: Preferences.Preferences = Preferences.defaults) =>
  Preferences.setValue(prefs, key, raw)

describe("Preferences", () => {
  describe("defaults (SPEC §6)", () => {
    it("an empty file gives every default", () => {
      const prefs = decoded({})
      assert.deepStrictEqual(
        {
          pollIntervalSeconds: prefs.pollIntervalSeconds,
          warningThreshold: prefs.warningThreshold,
          criticalThreshold: prefs.criticalThreshold,
          apiStatusAlerts: prefs.apiStatusAlerts,
          extraUsageAlerts: prefs.extraUsageAlerts,
          predictiveAlerts: prefs.predictiveAlerts,
          retentionDays: prefs.retentionDays,
          customCredits5h: prefs.customCredits5h,
          customCredits7d: prefs.customCredits7d,
          launchAtLogin: prefs.launchAtLogin,
          activeProfile: prefs.activeProfile,
          webhookUrl: prefs.webhookUrl,
          concurrency: prefs.concurrency,
          refreshClaudeCodeLogin: prefs.refreshClaudeCodeLogin
        },
        {
          pollIntervalSeconds: 180,
          warningThreshold: 20,
          criticalThreshold: 5,
          apiStatusAlerts: true,
          extraUsageAlerts: true,
          predictiveAlerts: true,
          retentionDays: 365,
          customCredits5h: undefined,
          customCredits7d: undefined,
          launchAtLogin: false,
          activeProfile: undefined,
          webhookUrl: undefined,
          concurrency: 4,
          refreshClaudeCodeLogin: true
        }
      )
    })

    it("`defaults` equals an empty file, and encodes without the unset optional keys", () => {
      assert.deepStrictEqual(Preferences.encode(Preferences.defaults), Preferences.encode(decoded({})))
      const encoded = Preferences.encode(Preferences.defaults)
      assert.isFalse("customCredits5h" in encoded)
      assert.isFalse("webhookUrl" in encoded)
    })

    it("the keys table lists every key once, in file order, with its default and range", () => {
      assert.deepStrictEqual(Preferences.keys.map((k) => k.name), [
        "pollIntervalSeconds", "warningThreshold", "criticalThreshold", "apiStatusAlerts", "extraUsageAlerts", "predictiveAlerts",
        "retentionDays", "customCredits5h", "customCredits7d", "launchAtLogin", "activeProfile", "webhookUrl", "concurrency",
        "refreshClaudeCodeLogin"
      ])
      for (const info of Preferences.keys) {
        assert.strictEqual(Preferences.valueOf(Preferences.defaults, info.name), info.default, info.name)
        assert.isAbove(info.description.length, 10)
        assert.isAbove(info.allowed.length, 3)
      }
      const warning = Preferences.keys.find((k) => k.name === "warningThreshold")
      assert.deepStrictEqual([warning?.type, warning?.min, warning?.max, warning?.allowed], ["integer", 6, 50, "6–50"])
    })

    it("isKey knows the keys and nothing else", () => {
      assert.isTrue(Preferences.isKey("webhookUrl"))
      assert.isFalse(Preferences.isKey("pollInterval"))
      assert.isFalse(Preferences.isKey("toString"))
    })
  })

  describe("integer ranges at their boundaries", () => {
    const ranges = [
      ["pollIntervalSeconds", 60, 1800, 180],
      ["warningThreshold", 6, 50, 20],
      ["criticalThreshold", 1, 49, 5],
      ["retentionDays", 30, 1825, 365],
      ["concurrency", 1, 16, 4]
    ] as const

    // criticalThreshold's upper values need a warning above them.
    const withWarning = (key: string, value: number) =>
      key === "criticalThreshold" ? { warningThreshold: 50, [key]: value } : { [key]: value }

    for (const [key, min, max, fallback] of ranges) {
      it(`${key}: ${min} and ${max} are accepted`, () => {
        assert.strictEqual(Preferences.valueOf(decoded(withWarning(key, min)), key), min)
        assert.strictEqual(Preferences.valueOf(decoded(withWarning(key, max)), key), max)
      })

      it(`${key}: ${min - 1} and ${max + 1} are rejected naming the range and default`, () => {
        for (const value of [min - 1, max + 1]) {
          const error = rejected(Preferences.decode(withWarning(key, value)))
          assert.strictEqual(error.key, key)
          assert.strictEqual(error.message, `${key} = ${value} is out of range: allowed ${min}–${max} (default ${fallback})`)
        }
      })

      it(`${key}: a fraction or a string is not a whole number`, () => {
        const fraction = rejected(Preferences.decode(withWarning(key, min + 0.5)))
        assert.strictEqual(fraction.message, `${key} = ${min + 0.5} is not a whole number: allowed ${min}–${max} (default ${fallback})`)
        const text = rejected(Preferences.decode({ [key]: String(min) }))
        assert.strictEqual(text.message, `${key} = "${min}" is not a whole number: allowed ${min}–${max} (default ${fallback})`)
      })
    }

    it("the example message of the brief", () => {
      assert.strictEqual(
        rejected(Preferences.decode({ warningThreshold: 3 })).message,
        "warningThreshold = 3 is out of range: allowed 6–50 (default 20)"
      )
    })

    it("a key with a default rejects null rather than silently using the default", () => {
      assert.strictEqual(
        rejected(Preferences.decode({ retentionDays: null })).message,
        "retentionDays = null is not a whole number: allowed 30–1825 (default 365)"
      )
    })
  })

  describe("critical below warning", () => {
    it("critical equal to or above warning is rejected", () => {
      assert.strictEqual(
        rejected(Preferences.decode({ warningThreshold: 20, criticalThreshold: 25 })).message,
        "criticalThreshold (25) must be below warningThreshold (20)"
      )
      const equal = rejected(Preferences.decode({ warningThreshold: 20, criticalThreshold: 20 }))
      assert.strictEqual(equal.key, "criticalThreshold")
      assert.strictEqual(equal.message, "criticalThreshold (20) must be below warningThreshold (20)")
    })

    it("critical one below warning is accepted; a missing warning is its default 20", () => {
      assert.strictEqual(decoded({ warningThreshold: 20, criticalThreshold: 19 }).criticalThreshold, 19)
      assert.strictEqual(
        rejected(Preferences.decode({ criticalThreshold: 30 })).message,
        "criticalThreshold (30) must be below warningThreshold (20)"
      )
    })

    it("the schema itself refuses critical ≥ warning", () => {
      assert.throws(() => new Preferences.Preferences({ warningThreshold: 10, criticalThreshold: 10 }))
    })
  })

  describe("booleans, optional keys, profile and webhook", () => {
    it("booleans accept true and false only", () => {
      assert.isFalse(decoded({ apiStatusAlerts: false }).apiStatusAlerts)
      assert.isTrue(decoded({ launchAtLogin: true }).launchAtLogin)
      assert.strictEqual(
        rejected(Preferences.decode({ extraUsageAlerts: "yes" })).message,
        `extraUsageAlerts = "yes" is not true or false (default true)`
      )
    })

    it("custom credits are positive whole numbers, or unset (null)", () => {
      assert.strictEqual(decoded({ customCredits5h: 1 }).customCredits5h, 1)
      assert.strictEqual(decoded({ customCredits7d: 83_333_300 }).customCredits7d, 83_333_300)
      assert.isUndefined(decoded({ customCredits5h: null }).customCredits5h)
      assert.strictEqual(
        rejected(Preferences.decode({ customCredits5h: 0 })).message,
        "customCredits5h = 0 is out of range: allowed a whole number ≥ 1, or unset (default unset)"
      )
      assert.match(rejected(Preferences.decode({ customCredits7d: 1.5 })).message, /^customCredits7d = 1\.5 is not a whole number/)
    })

    it("activeProfile must be a profile name", () => {
      assert.strictEqual(decoded({ activeProfile: "work" }).activeProfile, "work")
      const error = rejected(Preferences.decode({ activeProfile: "my work" }))
      assert.strictEqual(error.key, "activeProfile")
      assert.match(error.message, /^activeProfile = "my work" is not a profile name: 1–64 letters/)
    })

    it("webhookUrl accepts https:// and plain http:// only on loopback", () => {
      for (const url of ["https://hooks.slack.com/services/T0/B0/x", "https://example.com", "HTTPS://example.com:8443/a?b=c", "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]:9000/"]) {
        assert.strictEqual(decoded({ webhookUrl: url }).webhookUrl, url)
      }
    })

    it("webhookUrl rejects other schemes and hosts without echoing the URL", () => {
      for (const url of ["http://hooks.slack.com/services/T0/B0/secret", "ftp://example.com", "https://", "https://exa mple.com", "example.com", "http://localhost.evil.com/", 42]) {
        const error = rejected(Preferences.decode({ webhookUrl: url }))
        assert.strictEqual(error.message, "webhookUrl must be an https:// URL (plain http:// only on a loopback address)")
        assert.notInclude(error.message, "secret")
      }
    })
  })

  describe("documents", () => {
    it("unknown keys in a file are ignored", () => {
      const prefs = decoded({ pollInterval: 5, theme: "dark", warningThreshold: 25 })
      assert.strictEqual(prefs.warningThreshold, 25)
      assert.isFalse("pollInterval" in Preferences.encode(prefs))
    })

    it("a document that is not an object gets a one-line message", () => {
      for (const [input, got] of [[null, "null"], [[1, 2], "an array"], ["x", "a string"], [3, "a number"]] as const) {
        const error = rejected(Preferences.decode(input))
        assert.isNull(error.key)
        assert.strictEqual(error.message, `the config must be a JSON object of settings, such as {"warningThreshold": 20}; got ${got}`)
      }
    })

    it("reports the first problem in key order, whatever the order in the file", () => {
      const error = rejected(Preferences.decode({ concurrency: 99, retentionDays: 1, pollIntervalSeconds: 5 }))
      assert.strictEqual(error.key, "pollIntervalSeconds")
    })

    it("shows a long or hostile value on one short line", () => {
      const error = rejected(Preferences.decode({ activeProfile: `${"x".repeat(200)}\n\u001b[31m` }))
      assert.notInclude(error.message, "\n")
      assert.isBelow(error.message.length, 160)
      assert.strictEqual(rejected(Preferences.decode({ warningThreshold: { a: 1 } })).message, "warningThreshold = an object is not a whole number: allowed 6–50 (default 20)")
    })

    it("reads only the document's own keys, not inherited ones", () => {
      assert.strictEqual(decoded(Object.create({ warningThreshold: 3 })).warningThreshold, 20)
    })

    it("the error is a serialisable tagged error", () => {
      const error = rejected(Preferences.decode({ warningThreshold: 3 }))
      assert.strictEqual(error._tag, "PreferencesInvalid")
      const encoded = Schema.encodeSync(Preferences.PreferencesInvalid)(error)
      assert.deepStrictEqual(encoded, { _tag: "PreferencesInvalid", key: "warningThreshold", message: error.message })
    })
  })

  describe("setValue (config set)", () => {
    it("parses integers and booleans from the command line", () => {
      const prefs = Either.getOrThrow(set("pollIntervalSeconds", "600"))
      assert.strictEqual(prefs.pollIntervalSeconds, 600)
      assert.isFalse(Either.getOrThrow(set("apiStatusAlerts", "false", prefs)).apiStatusAlerts)
      assert.isTrue(Either.getOrThrow(set("launchAtLogin", " TRUE ")).launchAtLogin)
      assert.strictEqual(Either.getOrThrow(set("pollIntervalSeconds", "600", prefs)).pollIntervalSeconds, 600)
    })

    it("keeps the other keys as they were", () => {
      const prefs = Either.getOrThrow(set("warningThreshold", "30"))
      const next = Either.getOrThrow(set("criticalThreshold", "25", prefs))
      assert.deepStrictEqual([next.warningThreshold, next.criticalThreshold, next.pollIntervalSeconds], [30, 25, 180])
    })

    it("rejects values out of range or of the wrong type with the same messages as a file", () => {
      assert.strictEqual(rejected(set("warningThreshold", "3")).message, "warningThreshold = 3 is out of range: allowed 6–50 (default 20)")
      assert.strictEqual(rejected(set("warningThreshold", "abc")).message, `warningThreshold = "abc" is not a whole number: allowed 6–50 (default 20)`)
      assert.strictEqual(rejected(set("pollIntervalSeconds", "90.5")).message, "pollIntervalSeconds = 90.5 is not a whole number: allowed 60–1800 (default 180)")
      assert.strictEqual(rejected(set("launchAtLogin", "yes")).message, `launchAtLogin = "yes" is not true or false (default false)`)
    })

    it("rejects a critical threshold at or above the current warning", () => {
      assert.strictEqual(rejected(set("criticalThreshold", "20")).message, "criticalThreshold (20) must be below warningThreshold (20)")
      assert.strictEqual(rejected(set("warningThreshold", "6", Either.getOrThrow(set("criticalThreshold", "10")))).message, "criticalThreshold (10) must be below warningThreshold (6)")
    })

    it("rejects an unknown key with the list of known keys", () => {
      const error = rejected(set("pollInterval", "60"))
      assert.strictEqual(error.key, "pollInterval")
      assert.strictEqual(
        error.message,
        "unknown key 'pollInterval' — known keys: pollIntervalSeconds, warningThreshold, criticalThreshold, apiStatusAlerts, extraUsageAlerts, predictiveAlerts, retentionDays, customCredits5h, customCredits7d, launchAtLogin, activeProfile, webhookUrl, concurrency, refreshClaudeCodeLogin"
      )
    })

    it("echoes an unknown key without control characters", () => {
      const error = rejected(set("warn\u001b[2J\ning", "1"))
      assert.match(error.message, /^unknown key 'warn\?\[2J\?ing' — known keys: /)
    })

    it("sets and clears optional keys with `unset` or an empty value", () => {
      const prefs = Either.getOrThrow(set("webhookUrl", "https://hooks.example.com/x"))
      assert.strictEqual(prefs.webhookUrl, "https://hooks.example.com/x")
      assert.isUndefined(Either.getOrThrow(set("webhookUrl", "unset", prefs)).webhookUrl)
      const credits = Either.getOrThrow(set("customCredits5h", "550000"))
      assert.strictEqual(credits.customCredits5h, 550_000)
      assert.isUndefined(Either.getOrThrow(set("customCredits5h", "", credits)).customCredits5h)
      assert.strictEqual(Either.getOrThrow(set("activeProfile", "work")).activeProfile, "work")
    })

    it("`unset` returns a key with a default to that default", () => {
      const prefs = Either.getOrThrow(set("concurrency", "8"))
      assert.strictEqual(Either.getOrThrow(set("concurrency", "unset", prefs)).concurrency, 4)
    })

    it("rejects an http webhook", () => {
      assert.strictEqual(rejected(set("webhookUrl", "http://hooks.example.com/x")).message, "webhookUrl must be an https:// URL (plain http:// only on a loopback address)")
    })
  })

  describe("properties", () => {
    const validPrefs = FastCheck.record(
      {
        pollIntervalSeconds: FastCheck.integer({ min: 60, max: 1800 }),
        thresholds: FastCheck.tuple(FastCheck.integer({ min: 6, max: 50 }), FastCheck.integer({ min: 1, max: 49 }))
          .filter(([w, c]) => c < w),
        apiStatusAlerts: FastCheck.boolean(),
        extraUsageAlerts: FastCheck.boolean(),
        retentionDays: FastCheck.integer({ min: 30, max: 1825 }),
        customCredits5h: FastCheck.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        customCredits7d: FastCheck.integer({ min: 1, max: 100_000_000 }),
        launchAtLogin: FastCheck.boolean(),
        activeProfile: FastCheck.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
        webhookUrl: FastCheck.webUrl({ validSchemes: ["https"] }).filter(Preferences.isWebhookUrl),
        concurrency: FastCheck.integer({ min: 1, max: 16 })
      },
      { requiredKeys: ["thresholds"] }
    ).map(({ thresholds: [warningThreshold, criticalThreshold], ...rest }) =>
      Either.getOrThrow(Preferences.decode({ ...rest, warningThreshold, criticalThreshold }))
    )

    it.prop("decode(encode(prefs)) round-trips any valid preferences", { prefs: validPrefs }, ({ prefs }) => {
      const again = Either.getOrThrow(Preferences.decode(JSON.parse(JSON.stringify(Preferences.encode(prefs)))))
      assert.deepStrictEqual(Preferences.encode(again), Preferences.encode(prefs))
    })

    it.prop("every in-range integer is accepted and every out-of-range one rejected", {
      index: FastCheck.integer({ min: 0, max: 4 }),
      value: FastCheck.integer({ min: -3000, max: 3000 })
    }, ({ index, value }) => {
      const key = (["pollIntervalSeconds", "retentionDays", "concurrency", "customCredits5h", "warningThreshold"] as const)[index] ?? "concurrency"
      const info = Preferences.keys.find((k) => k.name === key)
      assert(info !== undefined)
      const inRange = value >= (info.min ?? -Infinity) && value <= (info.max ?? Infinity)
      // Keep critical (5) below any in-range warning.
      const result = set(key, String(value), Either.getOrThrow(set("criticalThreshold", "1")))
      assert.strictEqual(Either.isRight(result), inRange)
    })
  })
})

describe("Preferences listing", () => {
  const prefs = new Preferences.Preferences({ pollIntervalSeconds: 300, webhookUrl: "https://hooks.example/secret-path" })

  it("lists every key, aligned, with value, default and range, and never the webhook's URL", () => {
    const lines = Preferences.listLines(prefs)
    assert.strictEqual(lines.length, Preferences.keys.length)
    // Aligned to the longest key, refreshClaudeCodeLogin.
    assert.strictEqual(lines[0], "pollIntervalSeconds     300     (default 180; allowed 60–1800)")
    const webhook = lines.find((line) => line.startsWith("webhookUrl"))
    assert.include(webhook, " set ")
    assert.notInclude(lines.join("\n"), "secret-path")
    assert.include(lines.find((line) => line.startsWith("customCredits5h")), " unset ")
  })

  it("gives every key in one document, null when unset", () => {
    const document = Preferences.document(prefs)
    assert.deepStrictEqual(Object.keys(document), Preferences.keys.map((info) => info.name))
    assert.strictEqual(document.pollIntervalSeconds, 300)
    assert.isNull(document.customCredits5h)
    assert.strictEqual(Preferences.valueText(undefined), "unset")
    assert.strictEqual(Preferences.valueText(false), "false")
  })
})
