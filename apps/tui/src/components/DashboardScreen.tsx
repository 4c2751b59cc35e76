// The dashboard: gauges, caps, extra usage, the 24 h sparkline, every profile and the status line.
import { type Dashboard, HistoryText, type UsageHistory } from "@cchdrm/core"
import { Box, Text } from "ink"
import type { Loaded } from "../state/TuiState.js"
import { tint } from "../theme.js"
import { GaugeRow } from "./GaugeRow.js"
import { ProfileRows } from "./ProfileRows.js"
import { StatusBar } from "./StatusBar.js"

/** Props: the view model, the active profile's last 24 h and the width. */
export interface DashboardScreenProps {
  readonly dashboard: Dashboard.DashboardView
  readonly day: Loaded<UsageHistory.Series>
  readonly color: boolean
  readonly columns: number
  readonly compact: boolean
}

// `5h used │…│  peak 100%` takes 22 columns around the cells.
const sparklineCells = (columns: number) => Math.max(8, Math.min(60, columns - 24))

const DaySparkline = ({ columns, day }: { readonly day: Loaded<UsageHistory.Series>; readonly columns: number }) => {
  switch (day._tag) {
    case "loading":
      return <Text dimColor>24h history loading…</Text>
    case "failed":
      return <Text dimColor wrap="truncate-end">24h history unavailable: {day.message}</Text>
    case "loaded":
      return (
        <Box flexDirection="column">
          <Text dimColor>last 24h (blank = no data)</Text>
          <Text wrap="truncate-end">{HistoryText.windowRow(day.value, "fiveHour", sparklineCells(columns))}</Text>
        </Box>
      )
  }
}

/** The main screen. */
export const DashboardScreen = ({ color, columns, compact, dashboard, day }: DashboardScreenProps) => (
  <Box flexDirection="column">
    {dashboard.fiveHour === null && dashboard.sevenDay === null
      ? <Text {...tint("gray", color)}>○ No usage to show — {dashboard.status.message === null ? "waiting for the first poll" : "see the status below"}</Text>
      : null}
    {dashboard.fiveHour === null ? null : <GaugeRow gauge={dashboard.fiveHour} color={color} compact={compact} />}
    {dashboard.sevenDay === null ? null : <GaugeRow gauge={dashboard.sevenDay} color={color} compact={compact} note={dashboard.quotasLeft} />}
    {dashboard.caps.length === 0 ? null : (
      <Box flexDirection="column" marginTop={1}>
        {dashboard.caps.map((cap) => <GaugeRow key={cap.label} gauge={cap} color={color} compact={compact} />)}
      </Box>
    )}
    {dashboard.extraUsage === null ? null : <Text wrap="truncate-end">$ {dashboard.extraUsage.text}</Text>}
    <Box marginTop={1}><DaySparkline day={day} columns={columns} /></Box>
    <Box marginTop={1} flexDirection="column">
      <Text dimColor>Profiles</Text>
      <ProfileRows rows={dashboard.profiles} color={color} compact={compact} />
    </Box>
    <Box marginTop={1}><StatusBar status={dashboard.status} color={color} /></Box>
  </Box>
)
