// The dashboard's semantic colours: each headroom state maps to one terminal colour. Colour is
// never the only signal — gauges also show the number and the state's symbol (SPEC §2).
import type { Dashboard, Headroom } from "@cchdrm/core"

/** Terminal colour per headroom state (ink colour names). */
export const stateColor: { readonly [S in Headroom.State]: string } = {
  normal: "green",
  caution: "yellow",
  warning: "yellowBright",
  critical: "red",
  exhausted: "redBright",
  disconnected: "gray"
}

/** Colour of the status line by how current the numbers are. */
export const freshnessColor: { readonly [L in Dashboard.StatusLineView["level"]]: string } = {
  fresh: "green",
  stale: "yellow",
  very_stale: "red",
  none: "gray"
}

/** `<Text>` props for a colour, or none when colour is off (`NO_COLOR`). */
export const tint = (color: string, colorEnabled: boolean): { readonly color?: string } =>
  colorEnabled ? { color } : {}

/** `<Text>` props colouring a state, or none when colour is off (`NO_COLOR`). */
export const colorOf = (state: Headroom.State, colorEnabled: boolean): { readonly color?: string } =>
  tint(stateColor[state], colorEnabled)

/** Below this width the dashboard stacks everything in one narrow column. */
export const compactBelow = 80
