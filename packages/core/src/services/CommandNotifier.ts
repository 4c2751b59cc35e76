// CommandNotifier: alerts through the OS's own notifier — `notify-send`, `osascript`, a PowerShell
// toast — run as a command with its text in argv or the environment, never through a shell (SPEC §3).
import * as Command from "@effect/platform/Command"
import type * as CommandExecutor from "@effect/platform/CommandExecutor"
import { Duration, Effect, Layer } from "effect"
import { type Notification, Notifier } from "./Notifier.js"

/** Which notifier to use: the value of Node's `process.platform`, passed in by the app. */
export interface Options {
  readonly platform: string
}

// AppleScript reads the text from `argv`, so a quote in an alert can never end the string.
const appleScript = [
  "on run argv",
  "display notification (item 2 of argv) with title (item 1 of argv)",
  "end run"
]

// The toast's text comes from the environment; `-Command` would join extra arguments into the script.
const toastScript = [
  "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null",
  "$xml = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02)",
  "$text = $xml.GetElementsByTagName('text')",
  "$text.Item(0).AppendChild($xml.CreateTextNode($env:CCHDRM_NOTIFY_TITLE)) > $null",
  "$text.Item(1).AppendChild($xml.CreateTextNode($env:CCHDRM_NOTIFY_BODY)) > $null",
  "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('cc-hdrm').Show([Windows.UI.Notifications.ToastNotification]::new($xml))"
].join("; ")

/** The command that shows `notification` on `platform`, `null` where there is no notifier to call. */
export const commandOf = (platform: string, notification: Notification): Command.Command | null => {
  switch (platform) {
    case "darwin":
      return Command.make("osascript", ...appleScript.flatMap((line) => ["-e", line]), notification.title, notification.body)
    case "win32":
      return Command.make("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", toastScript).pipe(
        Command.env({ CCHDRM_NOTIFY_TITLE: notification.title, CCHDRM_NOTIFY_BODY: notification.body })
      )
    case "linux":
    case "freebsd":
    case "openbsd":
      return Command.make("notify-send", "--app-name=cc-hdrm", notification.title, notification.body)
    default:
      return null
  }
}

/** How long a notifier command may take before it is abandoned; a hung notifier never holds up polling. */
export const timeout = Duration.seconds(5)

/**
 * The Notifier that runs the OS's notifier command. A missing binary, a failure or a timeout is
 * dropped: the dashboard's banner still shows the alert, and polling never waits on it.
 */
export const make = (options: Options): Effect.Effect<Notifier["Type"], never, CommandExecutor.CommandExecutor> =>
  Effect.map(Effect.context<CommandExecutor.CommandExecutor>(), (context) =>
    Notifier.of({
      notify: (notification) => {
        const command = commandOf(options.platform, notification)
        return command === null
          ? Effect.void
          : Command.exitCode(command).pipe(
            Effect.timeout(timeout),
            Effect.ignore,
            Effect.provide(context)
          )
      }
    }))

/** {@link make} as a layer. */
export const layer = (options: Options): Layer.Layer<Notifier, never, CommandExecutor.CommandExecutor> =>
  Layer.effect(Notifier, make(options))
