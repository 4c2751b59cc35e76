// Fake ports for the tray's logic: each records what the app asked of it.
import { Dashboard, Preferences, Profile } from "@cchdrm/core"
import type { MonitorState } from "@cchdrm/core"
import { Fixtures } from "@cchdrm/core/testing"
import type { DashboardWire } from "../../src/shared/Bridge.js"
import type { HostPort, TrayAppDeps } from "../../src/main/TrayApp.js"
import type { IconSpec, WindowName } from "../../src/main/ports.js"

export const now = Date.UTC(2026, 10, 22, 16, 0)

/** A dashboard from core for one profile's snapshot (5h/7d utilization, reset times). */
export const dashboardOf = (options: Fixtures.SnapshotOptions): DashboardWire => {
  const snapshot = Fixtures.snapshot({ fetchedAt: now - 10_000, ...options })
  const state: MonitorState.MonitorState = {
    profiles: [{
      name: Profile.defaultProfile, source: "claude-code", connection: "connected", snapshot, subscriptionType: "max",
      slope5h: "flat", slope7d: "flat", rate5h: null, error: null, failures: 0, retryAfterMillis: null, outageOpen: false,
      lastPollAt: now - 10_000, nextPollAt: now + 170_000, polling: false
    }],
    activeProfile: Profile.defaultProfile,
    preferences: Preferences.defaults,
    error: null
  }
  return Dashboard.make(state, now, { locale: "en-US", timeZone: "UTC" }) as DashboardWire
}

/** Every port faked, with what each was asked. */
export const fakeDeps = (options: { readonly hasTitle: boolean; readonly host?: Partial<HostPort>; readonly fetch?: typeof globalThis.fetch; readonly url?: string; readonly dismissed?: string | null }) => {
  const log = {
    titles: [] as Array<string>,
    toolTips: [] as Array<string>,
    icons: [] as Array<IconSpec>,
    shown: [] as Array<WindowName>,
    hidden: [] as Array<WindowName>,
    notifications: [] as Array<{ title: string; body: string; onClick?: () => void; onClose?: () => void }>,
    loginItem: [] as Array<boolean>,
    opened: [] as Array<string>,
    dismissed: options.dismissed ?? null as string | null,
    quits: 0
  }
  const visible = new Set<WindowName>()
  let send: (event: unknown) => void = () => undefined
  let openAtLogin = false
  const deps: TrayAppDeps = {
    host: {
      handle: options.host?.handle ?? (async () => ({ _tag: "Done" })),
      subscribe: options.host?.subscribe ?? ((listener) => {
        send = listener
        return () => undefined
      })
    },
    tray: {
      setTitle: (title) => void log.titles.push(title),
      setToolTip: (label) => void log.toolTips.push(label),
      setIcon: (icon) => void log.icons.push(icon)
    },
    windows: {
      show: (name) => {
        visible.add(name)
        log.shown.push(name)
      },
      hide: (name) => {
        visible.delete(name)
        log.hidden.push(name)
      },
      isVisible: (name) => visible.has(name)
    },
    notifications: { show: (n) => void log.notifications.push(n) },
    loginItem: {
      get: () => openAtLogin,
      set: (value) => {
        openAtLogin = value
        log.loginItem.push(value)
      }
    },
    shell: { openExternal: (url) => void log.opened.push(url) },
    dismissals: { dismissed: () => log.dismissed, dismiss: (version) => void (log.dismissed = version) },
    platform: { hasTitle: options.hasTitle },
    updates: {
      url: options.url ?? "http://127.0.0.1:9/releases/latest",
      currentVersion: "1.0.0",
      fetch: options.fetch ?? (async () => new Response("{}", { status: 404 }))
    },
    quit: () => void log.quits++
  }
  return { deps, log, push: (view: DashboardWire) => send({ _tag: "Dashboard", view }) }
}
