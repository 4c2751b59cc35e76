import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert, describe, it } from "@effect/vitest"
import { Effect, HashMap, Option } from "effect"
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, join } from "node:path"
import { defaultProfile } from "../../src/domain/Profile.js"
import { Alert } from "../../src/domain/Thresholds.js"
import * as CommandNotifier from "../../src/services/CommandNotifier.js"
import type { Notification } from "../../src/services/Notifier.js"

const notification = (title: string, body: string): Notification => ({
  title,
  body,
  alert: Alert.ApiUnreachable({ profile: defaultProfile })
})

// A fake `notify-send` that writes each argument it got on its own line.
const withFakeBinary = <A, E>(name: string, script: string, run: (log: string) => Effect.Effect<A, E>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const dir = mkdtempSync(join(tmpdir(), "cchdrm-notifier-"))
      const log = join(dir, "args.log")
      writeFileSync(join(dir, name), script.replaceAll("LOG", log))
      chmodSync(join(dir, name), 0o755)
      const path = process.env["PATH"]
      process.env["PATH"] = `${dir}${delimiter}${path ?? ""}`
      return { dir, log, path }
    }),
    ({ log }) => run(log),
    ({ dir, path }) =>
      Effect.sync(() => {
        process.env["PATH"] = path
        rmSync(dir, { recursive: true, force: true })
      })
  )

const notify = (platform: string, value: Notification) =>
  Effect.flatMap(CommandNotifier.make({ platform }), (notifier) => notifier.notify(value)).pipe(Effect.provide(NodeContext.layer))

describe.skipIf(process.platform === "win32")("CommandNotifier", () => {
  it.effect("hands title and body to notify-send as separate arguments, quotes and all, never through a shell", () =>
    withFakeBinary("notify-send", "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> LOG; done\n", (log) =>
      Effect.gen(function*() {
        yield* notify("linux", notification("Claude headroom low", "5h at 18% — \"resets\" in 1h; $(touch x) `id`"))
        assert.deepStrictEqual(readFileSync(log, "utf8").split("\n"), [
          "--app-name=cc-hdrm",
          "Claude headroom low",
          "5h at 18% — \"resets\" in 1h; $(touch x) `id`",
          ""
        ])
      })))

  it.effect("passes osascript its text in argv, read by the script, on macOS", () =>
    withFakeBinary("osascript", "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> LOG; done\n", (log) =>
      Effect.gen(function*() {
        yield* notify("darwin", notification("Claude API is back", "It's \"fine\""))
        const args = readFileSync(log, "utf8").split("\n")
        assert.deepStrictEqual(args.slice(-3), ["Claude API is back", "It's \"fine\"", ""])
        assert.include(args.join("\n"), "display notification (item 2 of argv) with title (item 1 of argv)")
      })))

  it.effect("drops a failing notifier or one that is not installed, without failing", () =>
    withFakeBinary("notify-send", "#!/bin/sh\nexit 3\n", () =>
      Effect.gen(function*() {
        yield* notify("linux", notification("a", "b"))
        yield* notify("linux-without-notifier", notification("a", "b"))
        const missing = { ...process.env }
        process.env["PATH"] = "/nonexistent"
        yield* notify("linux", notification("a", "b")).pipe(Effect.ensuring(Effect.sync(() => void (process.env["PATH"] = missing["PATH"]))))
      })))

  it("builds the Windows toast with the text in the environment, not in the script", () => {
    const command = CommandNotifier.commandOf("win32", notification("T'itle", "B\"ody"))
    assert(command !== null && command._tag === "StandardCommand")
    assert.strictEqual(command.command, "powershell.exe")
    assert.notInclude(command.args.join(" "), "T'itle")
    assert.strictEqual(Option.getOrNull(HashMap.get(command.env, "CCHDRM_NOTIFY_TITLE")), "T'itle")
    assert.strictEqual(Option.getOrNull(HashMap.get(command.env, "CCHDRM_NOTIFY_BODY")), "B\"ody")
    assert.isNull(CommandNotifier.commandOf("aix", notification("a", "b")))
  })
})
