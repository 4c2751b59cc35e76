// Every profile on one row each — name, 5 h, 7 d, state, freshness — the active one marked.
import type { Dashboard } from "@cchdrm/core"
import { Box, Text } from "ink"
import { colorOf } from "../theme.js"

/** Props: the rows core computed. */
export interface ProfileRowsProps {
  readonly rows: ReadonlyArray<Dashboard.ProfileRow>
  readonly color: boolean
  readonly compact?: boolean
}

/** The profile list; `▸` and bold mark the active profile (never colour alone). */
export const ProfileRows = ({ color, compact = false, rows }: ProfileRowsProps) => {
  const width = Math.max(7, ...rows.map((row) => row.name.length))
  return (
    <Box flexDirection="column">
      {rows.map((row) => (
        <Text key={row.name} bold={row.active} wrap="truncate-end">
          {row.active ? "▸ " : "  "}
          {row.name.padEnd(width)}  5h {row.fiveHour.padStart(4)}  7d {row.sevenDay.padStart(4)}  <Text {...colorOf(row.state, color)}>{row.symbol} {compact ? "" : row.stateLabel.padEnd(13)}</Text>{compact ? "" : ` ${row.freshness}`}
        </Text>
      ))}
    </Box>
  )
}
