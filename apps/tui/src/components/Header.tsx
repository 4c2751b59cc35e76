// The top line: which profile and plan, and whether this is the user's own login or the simulated account.
import type { Dashboard } from "@cchdrm/core"
import { Box, Text } from "ink"
import type { Account } from "../state/TuiState.js"
import { tint } from "../theme.js"

/** What the header says about the account the numbers come from. */
export const accountLabel = (account: Account, source: Dashboard.DashboardView["source"]): string =>
  account === "simulated"
    ? "simulated account (demo)"
    : source === "vault"
    ? "saved login"
    : "your Claude Code login"

/** Props: the dashboard view model and the account. */
export interface HeaderProps {
  readonly dashboard: Dashboard.DashboardView
  readonly account: Account
  readonly color: boolean
}

/** `cc-hdrm · default · Max 5x · your Claude Code login`. */
export const Header = ({ account, color, dashboard }: HeaderProps) => (
  <Box justifyContent="space-between">
    <Text wrap="truncate-end">
      <Text bold>cc-hdrm</Text> · {dashboard.profile}
      {dashboard.plan === null ? "" : ` · ${dashboard.plan}`} · <Text {...tint(account === "simulated" ? "magenta" : "cyan", color)}>{accountLabel(account, dashboard.source)}</Text>
    </Text>
    <Text dimColor>? help</Text>
  </Box>
)
