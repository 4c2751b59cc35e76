// Gauge markup for the popover: the renderer only lays out the view model core computed.
import type { Display } from "@cchdrm/core"

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

/** Escapes text for HTML; cap labels come from the API and must never become markup. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c)

/** One gauge as HTML; the state is a class for colour and also spelled out by symbol and label. */
export const gaugeMarkup = (gauge: Display.Gauge): string => {
  const parts = [
    `<span class="symbol" aria-hidden="true">${escapeHtml(gauge.symbol)}</span>`,
    `<span class="label">${escapeHtml(gauge.label)}</span>`,
    `<span class="percent">${escapeHtml(gauge.percent)}</span>`,
    gauge.arrow === null ? "" : `<span class="arrow" aria-hidden="true">${escapeHtml(gauge.arrow)}</span>`,
    gauge.resetsIn === null ? "" : `<span class="resets-in">${escapeHtml(gauge.resetsIn)}</span>`,
    gauge.resetsAt === null ? "" : `<span class="resets-at">${escapeHtml(gauge.resetsAt)}</span>`
  ]
  return `<div class="gauge state-${gauge.state}" role="meter" aria-label="${escapeHtml(gauge.accessibilityLabel)}">${
    parts.join("")
  }</div>`
}
