// The status line: how current the numbers are, the problem with its fix, the next poll or backoff.
import type { Dashboard } from "@cchdrm/core"
import { Box, Text } from "ink"
import { freshnessColor, tint } from "../theme.js"

/** Props: the status line core computed. */
export interface StatusBarProps {
  readonly status: Dashboard.StatusLineView
  readonly color: boolean
}

/** `Updated 12s ago · Next poll in 2m 30s`, and the message below it. */
export const StatusBar = ({ color, status }: StatusBarProps) => (
  <Box flexDirection="column">
    <Text wrap="truncate-end">
      <Text {...tint(freshnessColor[status.level], color)}>{status.freshness}</Text>
      {" · "}
      <Text {...tint(status.backingOff ? "yellow" : "gray", color)}>{status.schedule}</Text>
    </Text>
    {status.message === null ? null : <Text {...tint("yellow", color)} bold>! {status.message}</Text>}
  </Box>
)
