// The Electron shell's edges as small ports, so the tray's logic runs with fakes in tests and
// Electron is touched only at the composition root (electronMain.ts).
import type { Headroom } from "@cchdrm/core"

/** The windows the app has; each renders one view of the same page. */
export type WindowName = "popover" | "analytics" | "settings"

/** What the menu-bar icon shows: the state's colour, and the number where there is no title. */
export interface IconSpec {
  readonly state: Headroom.State
  readonly text: string | null
}

/** The menu-bar item. */
export interface TrayPort {
  readonly setTitle: (title: string) => void
  readonly setToolTip: (label: string) => void
  readonly setIcon: (icon: IconSpec) => void
}

/** The app's windows, created on first show. */
export interface WindowPort {
  readonly show: (name: WindowName) => void
  readonly hide: (name: WindowName) => void
  readonly isVisible: (name: WindowName) => boolean
}

/** A desktop notification; `onClick` runs when the user clicks it, `onClose` when they dismiss it. */
export interface NotificationPort {
  readonly show: (notification: {
    readonly title: string
    readonly body: string
    readonly onClick?: () => void
    readonly onClose?: () => void
  }) => void
}

/** Launch at login (SPEC §6 `launchAtLogin`). */
export interface LoginItemPort {
  readonly get: () => boolean
  readonly set: (openAtLogin: boolean) => void
}

/** The user's browser, for release pages. */
export interface ShellPort {
  readonly openExternal: (url: string) => void
}

/** Remembers the update the user dismissed, so it is offered once per version. */
export interface DismissalStore {
  readonly dismissed: () => string | null
  readonly dismiss: (version: string) => void
}
