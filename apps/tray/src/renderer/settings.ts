// Settings: every preference with its allowed range, each error next to its field; retention with
// the database size and "Clear history…" (confirmed); the profiles with a switcher.
import type { DashboardWire, PreferenceFieldWire } from "../shared/Bridge.js"
import { escapeHtml } from "./gaugeMarkup.js"

const names: Record<string, string> = {
  pollIntervalSeconds: "Poll interval (seconds)",
  warningThreshold: "Warning threshold (%)",
  criticalThreshold: "Critical threshold (%)",
  apiStatusAlerts: "API status alerts",
  extraUsageAlerts: "Extra usage alerts",
  predictiveAlerts: "Predictive alerts",
  retentionDays: "Keep history (days)",
  customCredits5h: "Custom 5-hour credit limit",
  customCredits7d: "Custom 7-day credit limit",
  launchAtLogin: "Launch at login",
  activeProfile: "Active profile",
  webhookUrl: "Webhook URL",
  concurrency: "Profiles polled at once"
}

/** What the settings page shows besides the fields. */
export interface SettingsExtras {
  readonly errors: Readonly<Record<string, string>>
  readonly message: string | null
  readonly databaseSize: string | null
  readonly confirmingClear: boolean
  readonly view: DashboardWire | null
}

const field = (f: PreferenceFieldWire, error: string | undefined): string => {
  const id = `pref-${f.key}`
  const described = `${id}-help${error === undefined ? "" : ` ${id}-error`}`
  const invalid = error === undefined ? "" : ` aria-invalid="true"`
  const input = f.type === "boolean"
    ? `<input type="checkbox" id="${id}" name="${f.key}"${f.value === "true" ? " checked" : ""} aria-describedby="${described}"${invalid}>`
    : `<input type="${f.type === "integer" ? "text" : "text"}" inputmode="${f.type === "integer" ? "numeric" : "text"}" id="${id}" name="${f.key}" value="${escapeHtml(f.value ?? "")}" placeholder="${f.value === null ? "unset" : ""}" aria-describedby="${described}"${invalid}>`
  return `<div class="field${error === undefined ? "" : " has-error"}"><label for="${id}">${escapeHtml(names[f.key] ?? f.key)}</label>${input}` +
    `<p class="help" id="${id}-help">${escapeHtml(f.description)} Allowed: ${escapeHtml(f.allowed)}.</p>` +
    (error === undefined ? "" : `<p class="field-error" id="${id}-error" role="alert">⚠ ${escapeHtml(error)}</p>`) + `</div>`
}

const history = (extras: SettingsExtras) =>
  `<section class="history-settings" aria-label="History"><h2>History</h2><p id="db-size">Database size: ${escapeHtml(extras.databaseSize ?? "…")}</p>` +
  (extras.confirmingClear
    ? `<p role="alert">Delete all stored usage history? This cannot be undone.</p><button type="button" id="clear-confirm" class="danger" data-action="clear-confirm">Delete history</button> <button type="button" id="clear-cancel" data-action="clear-cancel">Cancel</button>`
    : `<button type="button" id="clear-history" data-action="clear-ask">Clear history…</button>`) + `</section>`

const profiles = (view: DashboardWire | null) =>
  view === null || view.profiles.length === 0
    ? ""
    : `<section aria-label="Profiles"><h2>Profiles</h2><ul class="profile-list">${
      view.profiles.map((row) =>
        `<li><span class="name">${escapeHtml(row.name)}</span> <span class="title">${escapeHtml(row.title)}</span> ${
          row.active
            ? `<span class="active-mark">✓ active</span>`
            : `<button type="button" id="use-${escapeHtml(row.name)}" data-action="switch" data-profile="${escapeHtml(row.name)}">Use</button>`
        }</li>`
      ).join("")
    }</ul><p class="help">Add or remove profiles with <code>cchdrm profiles add|remove</code>.</p></section>`

/** The settings form. Groups follow SPEC §6; the active profile is switched in the profiles list. */
export const settingsMarkup = (fields: ReadonlyArray<PreferenceFieldWire>, extras: SettingsExtras): string => {
  const editable = fields.filter((f) => f.key !== "activeProfile")
  const message = extras.message === null ? "" : `<p class="form-message" role="status">${escapeHtml(extras.message)}</p>`
  return `<h1>Settings</h1><form id="settings-form" novalidate>${editable.map((f) => field(f, extras.errors[f.key])).join("")}` +
    `<div class="actions"><button type="submit" id="save">Save</button>${message}</div></form>` + history(extras) + profiles(extras.view)
}
