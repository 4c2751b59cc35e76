/** The terminal dashboard's components and state, rendering view models from `@cchdrm/core`. */
export { App, type AppProps } from "./components/App.js"
export { GaugeRow, type GaugeRowProps } from "./components/GaugeRow.js"
export { type Command, keyCommand } from "./input/keyCommand.js"
export * as TuiState from "./state/TuiState.js"
export { colorOf, stateColor } from "./theme.js"
