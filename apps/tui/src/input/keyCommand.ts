// The dashboard's keys (SPEC §5): each key press becomes a command for the Effect side to carry out.
import type { UsageHistory } from "@cchdrm/core"
import { ranges } from "../state/TuiState.js"

/** What a key asks for. */
export type Command =
  | { readonly _tag: "Refresh" }
  | { readonly _tag: "NextProfile" }
  | { readonly _tag: "Analytics" }
  | { readonly _tag: "Range"; readonly range: UsageHistory.Range }
  | { readonly _tag: "Help" }
  | { readonly _tag: "Back" }
  | { readonly _tag: "Quit" }

/** The parts of ink's key event the dashboard reads. */
export interface KeyFlags {
  readonly ctrl: boolean
  readonly tab: boolean
  readonly escape: boolean
}

/** The command of a key press, `null` for keys the dashboard ignores. */
export const keyCommand = (input: string, key: KeyFlags): Command | null => {
  if (key.ctrl) return input === "c" ? { _tag: "Quit" } : null
  if (key.tab) return { _tag: "NextProfile" }
  if (key.escape) return { _tag: "Back" }
  switch (input) {
    case "q":
      return { _tag: "Quit" }
    case "r":
      return { _tag: "Refresh" }
    case "p":
      return { _tag: "NextProfile" }
    case "a":
      return { _tag: "Analytics" }
    case "?":
    case "h":
      return { _tag: "Help" }
    case "1":
    case "2":
    case "3":
    case "4":
      return { _tag: "Range", range: ranges[Number(input) - 1]! }
    default:
      return null
  }
}

/** The key list the help screen and the footer show. */
export const keyHelp: ReadonlyArray<readonly [keys: string, action: string]> = [
  ["r", "refresh the active profile now"],
  ["p / tab", "next profile (every cc-hdrm frontend follows)"],
  ["a", "analytics: headroom breakdown and history"],
  ["1 2 3 4", "analytics range: 24h, 7d, 30d, all"],
  ["?", "this help (again to close)"],
  ["esc", "back to the dashboard"],
  ["q / Ctrl-C", "quit"]
]
