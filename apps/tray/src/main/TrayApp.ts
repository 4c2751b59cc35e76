// The tray app's logic, Electron-free: the menu bar follows the dashboard, clicks route to windows,
// requests from the app's own windows reach the host, launch-at-login follows the preference, and
// one update check runs per launch.
import type { DashboardWire, EventWire, ReplyWire, ShellCommand } from "../shared/Bridge.js"
import type { DismissalStore, LoginItemPort, NotificationPort, ShellPort, TrayPort, WindowPort } from "./ports.js"
import { presentation } from "./trayPresentation.js"
import { checkForUpdate } from "./updateCheck.js"

/** The host as the shell sees it (see host/Runtime.ts). */
export interface HostPort {
  readonly handle: (message: unknown) => Promise<unknown>
  readonly subscribe: (send: (event: unknown) => void) => () => void
}

/** Everything the tray app runs on. */
export interface TrayAppDeps {
  readonly host: HostPort
  readonly tray: TrayPort
  readonly windows: WindowPort
  readonly notifications: NotificationPort
  readonly loginItem: LoginItemPort
  readonly shell: ShellPort
  readonly dismissals: DismissalStore
  readonly platform: { readonly hasTitle: boolean }
  readonly updates: { readonly url: string; readonly currentVersion: string; readonly fetch: typeof globalThis.fetch }
  readonly quit: () => void
}


/** The running app. */
export interface TrayApp {
  /** A click on the menu-bar item: toggles the popover. */
  readonly trayClicked: () => void
  /** A bridge request from a window; `fromOwnWindow` is false for any other web contents. */
  readonly request: (message: unknown, fromOwnWindow: boolean) => Promise<unknown>
  /** A shell command from a window (open another window, quit). */
  readonly command: (command: ShellCommand, fromOwnWindow: boolean) => void
  /** Resolves when the launch's update check has finished (offered or not). */
  readonly updateChecked: Promise<void>
  readonly stop: () => void
}

const refused = { _tag: "Failed", message: "Request refused: it did not come from a cc-hdrm window", fields: {} } as const

// The launch-at-login preference from a settings reply, when the reply carries the preferences.
const launchAtLogin = (reply: unknown): boolean | null => {
  const fields = (reply as Partial<Extract<ReplyWire, { _tag: "Preferences" }>>)._tag === "Preferences"
    ? (reply as Extract<ReplyWire, { _tag: "Preferences" }>).fields
    : null
  const field = fields?.find((f) => f.key === "launchAtLogin")
  return field === undefined ? null : field.value === "true"
}

/** Starts the app's logic on its ports. */
export const startTrayApp = (deps: TrayAppDeps): TrayApp => {
  let last: DashboardWire | null = null

  const show = (view: DashboardWire) => {
    const look = presentation(view, deps.platform)
    if (look.title !== null) deps.tray.setTitle(look.title)
    deps.tray.setToolTip(look.toolTip)
    deps.tray.setIcon(look.icon)
  }

  const stopEvents = deps.host.subscribe((event) => {
    last = (event as EventWire).view
    show(last)
  })

  const syncLoginItem = (reply: unknown) => {
    const wanted = launchAtLogin(reply)
    if (wanted !== null && wanted !== deps.loginItem.get()) deps.loginItem.set(wanted)
  }
  void deps.host.handle({ _tag: "Preferences" }).then(syncLoginItem)

  const updateChecked = checkForUpdate({
    url: deps.updates.url,
    currentVersion: deps.updates.currentVersion,
    dismissed: deps.dismissals.dismissed(),
    fetch: deps.updates.fetch
  }).then((update) => {
    if (update === null) return
    // Offered at each launch until the user opens it or dismisses it; then never again for this version.
    deps.notifications.show({
      title: `cc-hdrm ${update.version} is available`,
      body: "Click to open the release page, or dismiss to skip this version.",
      onClick: () => {
        deps.dismissals.dismiss(update.version)
        deps.shell.openExternal(update.url)
      },
      onClose: () => deps.dismissals.dismiss(update.version)
    })
  })

  return {
    trayClicked: () => {
      if (deps.windows.isVisible("popover")) deps.windows.hide("popover")
      else deps.windows.show("popover")
    },
    request: async (message, fromOwnWindow) => {
      if (!fromOwnWindow) return refused
      const reply = await deps.host.handle(message)
      syncLoginItem(reply)
      return reply
    },
    command: (command, fromOwnWindow) => {
      if (!fromOwnWindow) return
      if (command._tag === "Quit") return deps.quit()
      if (command.view !== "popover") deps.windows.hide("popover")
      deps.windows.show(command.view)
    },
    updateChecked,
    stop: stopEvents
  }
}
