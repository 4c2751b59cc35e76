// Gauge markup for the popover: the renderer only lays out the view model core computed.
import type { Display } from "@cchdrm/core"

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

/** Escapes text for HTML; cap labels come from the API and must never become markup. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c)

const part = (className: string, text: string | null, hidden = false) =>
  text === null ? "" : `<span class="${className}"${hidden ? ` aria-hidden="true"` : ""}>${escapeHtml(text)}</span>`

// A bar's fill is set from `data-fill` after rendering: the CSP forbids inline style attributes.
const bar = (headroom: number | null) =>
  headroom === null ? "" : `<div class="bar" aria-hidden="true"><div class="fill" data-fill="${Math.max(0, Math.min(100, headroom)).toFixed(1)}"></div></div>`

/**
 * One gauge as HTML; the state is a class for colour and also spelled out by symbol and the
 * spoken label, so colour is never the only signal. `size` is `large` for the binding window.
 */
export const gaugeMarkup = (gauge: Display.Gauge, size: "large" | "small" = "small"): string => {
  const value = gauge.headroom === null ? "" : ` aria-valuemin="0" aria-valuemax="100" aria-valuenow="${Math.floor(gauge.headroom)}"`
  const parts = [
    `<div class="gauge-head">${part("label", gauge.label)}${part("symbol", gauge.symbol, true)}</div>`,
    `<div class="gauge-value">${part("percent", gauge.percent)}${part("arrow", gauge.arrow, true)}</div>`,
    bar(gauge.headroom),
    part("resets-in", gauge.resetsIn),
    part("resets-at", gauge.resetsAt),
    part("limit-in", gauge.limitIn),
    part("pace", gauge.pace)
  ]
  return `<div class="gauge ${size} state-${gauge.state}" role="meter"${value} aria-label="${escapeHtml(gauge.accessibilityLabel)}">${
    parts.join("")
  }</div>`
}
