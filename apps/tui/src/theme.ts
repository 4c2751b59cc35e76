// The dashboard's semantic colours: each headroom state maps to one terminal colour. Colour is
// never the only signal — gauges also show the number and the state's symbol (SPEC §2).
import type { Headroom } from "@cchdrm/core"

/** Terminal colour per headroom state (ink colour names). */
export const stateColor: { readonly [S in Headroom.State]: string } = {
  normal: "green",
  caution: "yellow",
  warning: "yellowBright",
  critical: "red",
  exhausted: "redBright",
  disconnected: "gray"
}

/** `<Text>` props colouring a state, or none when colour is off (`NO_COLOR`). */
export const colorOf = (state: Headroom.State, colorEnabled: boolean): { readonly color?: string } =>
  colorEnabled ? { color: stateColor[state] } : {}
