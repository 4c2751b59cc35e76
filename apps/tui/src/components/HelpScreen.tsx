// Help (`?`): the keys and what the symbols mean.
import { Display, Headroom, Slope } from "@cchdrm/core"
import { Box, Text } from "ink"
import { keyHelp } from "../input/keyCommand.js"
import { colorOf } from "../theme.js"

/** The help screen. */
export const HelpScreen = ({ color }: { readonly color: boolean }) => (
  <Box flexDirection="column">
    <Text bold>Keys</Text>
    {keyHelp.map(([keys, action]) => <Text key={keys}>  {keys.padEnd(11)} {action}</Text>)}
    <Box marginTop={1} flexDirection="column">
      <Text bold>Symbols (headroom = what is left of a window)</Text>
      <Box gap={2} flexWrap="wrap" paddingLeft={2}>
        {Headroom.State.literals.map((state) => <Text key={state} {...colorOf(state, color)}>{Display.stateSymbol(state)} {state}</Text>)}
      </Box>
      <Box gap={2} flexWrap="wrap" paddingLeft={2}>
        {Slope.Level.literals.map((level) => <Text key={level}>{Slope.arrowOf(level)} {level}</Text>)}
      </Box>
    </Box>
  </Box>
)
