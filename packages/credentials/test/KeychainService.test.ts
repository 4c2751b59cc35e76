import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import * as KeychainService from "../src/KeychainService.js"

// Computed here on its own, so the test does not trust the module's hashing.
const sha256Prefix = (text: string) => createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8)

describe("KeychainService", () => {
  it("names Claude Code's default item when CLAUDE_CONFIG_DIR is unset", () => {
    expect(KeychainService.serviceName({})).toBe("Claude Code-credentials")
    expect(KeychainService.serviceNameFor(undefined)).toBe("Claude Code-credentials")
  })

  it("treats an empty CLAUDE_CONFIG_DIR as unset", () => {
    expect(KeychainService.serviceName({ CLAUDE_CONFIG_DIR: "" })).toBe("Claude Code-credentials")
  })

  it("appends the first 8 hex characters of the SHA-256 of the config dir", () => {
    const dir = "/Users/ada/.claude-work"
    const expected = `Claude Code-credentials-${sha256Prefix(dir)}`
    expect(KeychainService.serviceName({ CLAUDE_CONFIG_DIR: dir })).toBe(expected)
    expect(KeychainService.serviceNameFor(dir)).toBe(expected)
  })

  it("matches known values for a sample path", () => {
    expect(sha256Prefix("/Users/test/.claude-work")).toBe("03abf0ee")
    expect(KeychainService.serviceNameFor("/Users/test/.claude-work")).toBe("Claude Code-credentials-03abf0ee")
    expect(KeychainService.serviceNameFor("/Users/test/.claude-work/")).toBe("Claude Code-credentials-8bd6f0f5")
  })

  it("hashes an explicit ~/.claude too: being set is what counts, not where it points", () => {
    const dir = "/Users/ada/.claude"
    expect(KeychainService.serviceName({ CLAUDE_CONFIG_DIR: dir })).toBe(`Claude Code-credentials-${sha256Prefix(dir)}`)
  })

  it("hashes the value as written: no resolving, no trailing-slash trimming", () => {
    const names = ["/Users/ada/.claude-work", "/Users/ada/.claude-work/", "/Users/ada/../ada/.claude-work"].map((dir) =>
      KeychainService.serviceNameFor(dir)
    )
    expect(new Set(names).size).toBe(3)
  })

  it("gives a suffix of exactly 8 lowercase hex characters", () => {
    for (const dir of ["/a", "C:\\Users\\ada\\.claude", "/tmp/with space/claude", "/home/zoë/.claude"]) {
      expect(KeychainService.suffixOf(dir)).toMatch(/^[0-9a-f]{8}$/)
    }
  })

  it("hashes the UTF-8 bytes of the NFC form, so decomposed and composed names agree", () => {
    const composed = "/Users/zoë/.claude"
    const decomposed = composed.normalize("NFD")
    expect(decomposed).not.toBe(composed)
    expect(KeychainService.suffixOf(decomposed)).toBe(KeychainService.suffixOf(composed))
    expect(KeychainService.suffixOf(composed)).toBe(sha256Prefix(composed))
  })

  it("reads nothing but CLAUDE_CONFIG_DIR", () => {
    expect(KeychainService.serviceName({ HOME: "/Users/ada", USER: "ada" })).toBe("Claude Code-credentials")
  })
})
