// Analytics (`a`): the headroom breakdown of a range — used / 7d-constrained / unused with credits,
// reset count, average peak — and the range's sparklines, all phrased by core.
import { BreakdownBar, HistoryText, type UsageHistory } from "@cchdrm/core"
import { Box, Text } from "ink"
import { type Loaded, type RangeAnalytics, ranges } from "../state/TuiState.js"
import { tint } from "../theme.js"

/** Props: the range, its analytics and the width. */
export interface AnalyticsScreenProps {
  readonly range: UsageHistory.Range
  readonly analytics: Loaded<RangeAnalytics>
  readonly color: boolean
  readonly columns: number
}

const partColor = { used: "red", constrained: "yellow", unused: "green" } as const

/** `1 24h  2 7d  3 30d  4 all`, the current range inverted. */
const RangeTabs = ({ range }: { readonly range: UsageHistory.Range }) => (
  <Box gap={2}>
    {ranges.map((each, index) => (
      <Text key={each} inverse={each === range} bold={each === range}>{` ${index + 1} ${each} `}</Text>
    ))}
  </Box>
)

/** The analytics screen. */
export const AnalyticsScreen = ({ analytics, color, columns, range }: AnalyticsScreenProps) => {
  const width = Math.max(10, Math.min(60, columns - 24))
  return (
    <Box flexDirection="column">
      <Text bold>Analytics</Text>
      <RangeTabs range={range} />
      <Box marginTop={1} flexDirection="column">
        {analytics._tag === "loading" ? <Text dimColor>Loading {range}…</Text> : null}
        {analytics._tag === "failed" ? <Text {...tint("red", color)}>{analytics.message}</Text> : null}
        {analytics._tag === "loaded"
          ? (
            <>
              {BreakdownBar.analysisLines(analytics.value.analysis, width).map((line, index) => {
                const legend = analytics.value.analysis.percent === null ? [] : (["used", "constrained", "unused"] as const)
                const part = index >= 2 ? legend[index - 2] : undefined
                return <Text key={index} wrap="truncate-end" {...(part === undefined ? {} : tint(partColor[part], color))}>{line}</Text>
              })}
              <Box marginTop={1} flexDirection="column">
                {HistoryText.lines(analytics.value.series, range, width).map((line, index) => <Text key={index} wrap="truncate-end">{line}</Text>)}
              </Box>
            </>
          )
          : null}
      </Box>
    </Box>
  )
}
