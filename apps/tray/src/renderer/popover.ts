// The popover: the binding window large, the other beside it, caps, extra usage, the 24 h
// sparkline, every profile and the status line — laid out from core's Dashboard view model.
import type { DashboardWire } from "../shared/Bridge.js"
import { escapeHtml, gaugeMarkup } from "./gaugeMarkup.js"

const text = (value: string) => escapeHtml(value)

const gauges = (view: DashboardWire): string => {
  const [first, second] = view.binding === "sevenDay" ? [view.sevenDay, view.fiveHour] : [view.fiveHour, view.sevenDay]
  const quotas = view.quotasLeft === null ? "" : `<p class="quotas">${text(view.quotasLeft)}</p>`
  if (first === null && second === null) return `<p class="empty">No usage data yet</p>`
  return `<div class="gauges">${first === null ? "" : gaugeMarkup(first, "large")}<div class="side">${
    second === null ? "" : gaugeMarkup(second)
  }${quotas}</div></div>`
}

const caps = (view: DashboardWire): string =>
  view.caps.length === 0
    ? ""
    : `<section class="caps" aria-label="Model caps"><h2>Model caps</h2>${view.caps.map((cap) => gaugeMarkup(cap)).join("")}</section>`

const extraUsage = (view: DashboardWire): string => {
  const extra = view.extraUsage
  if (extra === null) return ""
  const fill = extra.percent === null
    ? ""
    : `<div class="bar" aria-hidden="true"><div class="fill extra" data-fill="${Math.min(100, extra.percent).toFixed(1)}"></div></div>`
  return `<section class="card extra-usage" aria-label="Extra usage"><p>${text(extra.text)}</p>${fill}</section>`
}

const profiles = (view: DashboardWire): string => {
  if (view.profiles.length < 2) return ""
  const rows = view.profiles.map((row) =>
    `<li><button type="button" id="profile-${text(row.name)}" class="profile state-${row.state}" data-action="switch" data-profile="${text(row.name)}" aria-pressed="${row.active}" aria-label="${text(row.accessibilityLabel)}${row.active ? ", active" : ""}">` +
    `<span class="name">${text(row.name)}</span><span class="symbol" aria-hidden="true">${text(row.symbol)}</span>` +
    `<span class="title">${text(row.title)}</span><span class="freshness">${text(row.freshness)}</span></button></li>`
  ).join("")
  return `<section class="profiles" aria-label="Profiles"><h2>Profiles</h2><ul>${rows}</ul></section>`
}

const status = (view: DashboardWire): string => {
  const message = view.status.message === null ? "" : `<p class="message level-${view.status.level}" role="status">${text(view.status.message)}</p>`
  return `${message}<p class="schedule">${text(view.status.schedule)}</p>`
}

const error = (view: DashboardWire): string =>
  view.error === null ? "" : `<p class="error" role="alert">${text(view.error.message)}</p>`

/** The popover above the sparkline: title, problems, gauges, caps and extra usage. */
export const popoverTop = (view: DashboardWire): string =>
  `<header class="title-row state-${(view.binding === "sevenDay" ? view.sevenDay : view.fiveHour)?.state ?? "disconnected"}">` +
  `<h1 class="menu-title" aria-label="${text(view.titleLabel)}">${text(view.title)}</h1>` +
  `<p class="profile-name">${text(view.profile)}</p></header>` +
  error(view) + gauges(view) + caps(view) + extraUsage(view)

/** The popover below the sparkline: profiles, status and the footer with refresh and the gear menu. */
export const popoverBottom = (view: DashboardWire, options: { readonly canQuit: boolean }): string =>
  profiles(view) + status(view) +
  `<footer class="footer"><span class="tier">${text(view.plan ?? "Unknown plan")}</span>` +
  `<span class="freshness level-${view.status.level}">${text(view.status.freshness)}</span>` +
  `<button type="button" id="refresh" data-action="refresh" data-profile="${text(view.profile)}" aria-label="Refresh ${text(view.profile)} now">↻ Refresh</button>` +
  `<details class="gear" id="gear"><summary aria-label="Menu">⚙</summary><div class="menu">` +
  `<button type="button" id="menu-analytics" data-action="open" data-view="analytics">Analytics…</button>` +
  `<button type="button" id="menu-settings" data-action="open" data-view="settings">Settings…</button>` +
  (options.canQuit ? `<button type="button" id="menu-quit" data-action="quit">Quit</button>` : "") +
  `</div></details></footer>`
