// What the menu-bar item shows for a dashboard: core's title (SPEC §2) where the platform draws
// titles, else the number drawn into the icon; the spoken label as the tooltip.
import type { DashboardWire } from "../shared/Bridge.js"
import type { IconSpec } from "./ports.js"

/** The menu bar's look for one dashboard. */
export interface Presentation {
  /** `null` where the platform has no tray titles (Windows, most Linux trays). */
  readonly title: string | null
  readonly toolTip: string
  readonly icon: IconSpec
}

// The icon has room for a number only: the binding window's headroom without its `%`
// (`83`, `0` when exhausted), or `—` with no data.
const iconNumber = (view: DashboardWire): string => {
  const gauge = view.binding === "sevenDay" ? view.sevenDay : view.fiveHour
  const percent = gauge?.percent ?? "—"
  return view.connection === "connected" || view.connection === "rate_limited" ? percent.replace("%", "") : "—"
}

/** The presentation of `view` on a platform with or without tray titles. */
export const presentation = (view: DashboardWire, platform: { readonly hasTitle: boolean }): Presentation => {
  const gauge = view.binding === "sevenDay" ? view.sevenDay : view.fiveHour
  const state = view.title === "—" ? "disconnected" : gauge?.state ?? "disconnected"
  return {
    title: platform.hasTitle ? view.title : null,
    toolTip: view.titleLabel,
    icon: { state, text: platform.hasTitle ? null : iconNumber(view) }
  }
}

/** Whether the platform draws tray titles (only macOS's menu bar does). */
export const hasTrayTitle = (platform: string): boolean => platform === "darwin"
