// The whole screen for a TuiState: header, banner, the current screen, the key footer. Key presses
// become commands handed to `onCommand`; the Effect side carries them out.
import { Dashboard, type Format } from "@cchdrm/core"
import { Box, Text, useInput } from "ink"
import { type Command, keyCommand } from "../input/keyCommand.js"
import type { TuiState } from "../state/TuiState.js"
import { compactBelow, tint } from "../theme.js"
import { AnalyticsScreen } from "./AnalyticsScreen.js"
import { Banner } from "./Banner.js"
import { DashboardScreen } from "./DashboardScreen.js"
import { Header } from "./Header.js"
import { HelpScreen } from "./HelpScreen.js"

/** Props: the state, colour, the reset-time locale and zone, and where key commands go. */
export interface AppProps {
  readonly state: TuiState
  readonly color: boolean
  readonly time?: Format.TimeOptions
  readonly onCommand?: (command: Command) => void
}

const Keys = ({ onCommand }: { readonly onCommand: (command: Command) => void }) => {
  useInput((input, key) => {
    const command = keyCommand(input, key)
    if (command !== null) onCommand(command)
  })
  return null
}

const footer = (compact: boolean) =>
  compact ? "r refresh · p profile · a analytics · ? help · q quit" : "r refresh · p/tab next profile · a analytics · 1-4 range · ? help · q quit"

const Screen = ({ color, compact, dashboard, state }: { readonly state: TuiState; readonly dashboard: Dashboard.DashboardView | null; readonly color: boolean; readonly compact: boolean }) =>
  state.screen === "help"
    ? <HelpScreen color={color} />
    : state.screen === "analytics"
    ? <AnalyticsScreen range={state.range} analytics={state.analytics} color={color} columns={state.columns} />
    : dashboard === null
    ? <Text dimColor>Reading profiles…</Text>
    : <DashboardScreen dashboard={dashboard} day={state.day} color={color} columns={state.columns} compact={compact} />

/** The app; with `onCommand` it also reads the keyboard (component tests render without). */
export const App = ({ color, onCommand, state, time }: AppProps) => {
  const compact = state.columns < compactBelow
  const dashboard = state.monitor === null ? null : Dashboard.make(state.monitor, state.now, time)
  return (
    // One row short of the terminal (ink clears the whole screen on every frame of a full-height
    // output); on a short terminal the screen is cut at the bottom, so the header stays in view.
    <Box flexDirection="column" width={state.columns} height={Math.max(1, state.rows - 1)}>
      {onCommand === undefined ? null : <Keys onCommand={onCommand} />}
      <Box flexDirection="column" flexShrink={0}>
        {dashboard === null ? <Text bold>cc-hdrm · starting…</Text> : <Header dashboard={dashboard} account={state.account} color={color} />}
        {dashboard?.error == null ? null : <Text {...tint("red", color)} bold wrap="wrap">✖ {dashboard.error.message}</Text>}
        <Banner banner={state.banner} color={color} />
      </Box>
      <Box marginTop={1} flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
        <Box flexDirection="column" flexShrink={0}><Screen state={state} dashboard={dashboard} color={color} compact={compact} /></Box>
      </Box>
      <Box marginTop={1} flexShrink={0}><Text dimColor wrap="truncate-end">{footer(compact)}</Text></Box>
    </Box>
  )
}
