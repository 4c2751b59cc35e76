/** The terminal dashboard's components, rendering view models from `@cchdrm/core`. */
export { GaugeRow, type GaugeRowProps } from "./components/GaugeRow.js"
export { colorOf, stateColor } from "./theme.js"
