// One gauge: symbol, label, headroom, slope arrow, countdown and reset time, then the forecast
// (limit in, pace) when core has one. Compact layouts put the reset on its own line.
import type { Display } from "@cchdrm/core"
import { Box, Text } from "ink"
import { colorOf } from "../theme.js"

/** Props: the gauge view model core computed, and how to lay it out. */
export interface GaugeRowProps {
  readonly gauge: Display.Gauge
  readonly color: boolean
  /** Shown after the reset (`4 × 5h left` beside the 7-day gauge). */
  readonly note?: string | null
  readonly compact?: boolean
}

const Reset = ({ gauge }: { readonly gauge: Display.Gauge }) => (
  <>
    {gauge.resetsIn === null ? null : <Text dimColor>{gauge.resetsIn}</Text>}
    {gauge.resetsAt === null ? null : <Text dimColor>({gauge.resetsAt})</Text>}
  </>
)

/** Renders a gauge; every piece of text comes from core's `Display.gauge`. */
export const GaugeRow = ({ gauge, color, note = null, compact = false }: GaugeRowProps) => {
  const forecast = [gauge.limitIn, gauge.pace].filter((part) => part !== null)
  return (
    <Box flexDirection="column">
      <Box gap={1}>
        <Text {...colorOf(gauge.state, color)} bold={gauge.state !== "normal"}>
          {gauge.symbol} {gauge.label.padEnd(3)} {gauge.percent.padStart(4)}
        </Text>
        {gauge.arrow === null ? null : <Text>{gauge.arrow}</Text>}
        {compact ? null : <Reset gauge={gauge} />}
        {compact || note === null ? null : <Text>· {note}</Text>}
      </Box>
      {compact && (gauge.resetsIn !== null || note !== null)
        ? (
          <Box gap={1} paddingLeft={2}>
            <Reset gauge={gauge} />
            {note === null ? null : <Text>· {note}</Text>}
          </Box>
        )
        : null}
      {forecast.length === 0 ? null : <Box paddingLeft={2}><Text {...colorOf(gauge.state, color)}>{forecast.join(" · ")}</Text></Box>}
    </Box>
  )
}
