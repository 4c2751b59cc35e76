// One gauge as a dashboard row: symbol, label, headroom, slope arrow, countdown and reset time.
import type { Display } from "@cchdrm/core"
import { Box, Text } from "ink"
import { colorOf } from "../theme.js"

/** Props: the gauge view model core computed, and whether colour is on. */
export interface GaugeRowProps {
  readonly gauge: Display.Gauge
  readonly color: boolean
}

/** Renders a gauge on one line; every piece of text comes from core's `Display.gauge`. */
export const GaugeRow = ({ gauge, color }: GaugeRowProps) => (
  <Box gap={1}>
    <Text {...colorOf(gauge.state, color)} bold={gauge.state !== "normal"}>
      {gauge.symbol} {gauge.label.padEnd(3)} {gauge.percent.padStart(4)}
    </Text>
    {gauge.arrow === null ? null : <Text>{gauge.arrow}</Text>}
    {gauge.resetsIn === null ? null : <Text dimColor>{gauge.resetsIn}</Text>}
    {gauge.resetsAt === null ? null : <Text dimColor>({gauge.resetsAt})</Text>}
  </Box>
)
