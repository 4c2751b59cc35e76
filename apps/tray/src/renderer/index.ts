/** The tray's renderer: plain web code that renders view models from `@cchdrm/core`. */
export { escapeHtml, gaugeMarkup } from "./gaugeMarkup.js"
