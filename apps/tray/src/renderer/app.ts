// The page: one dashboard for the Electron windows and the browser, talking only to a bridge client.
import type uPlot from "uplot"
import type { DashboardWire, HistoryWire, PreferenceFieldWire, ReplyWire, RequestWire } from "../shared/Bridge.js"
import { analyticsMarkup, breakdownMarkup, drawChart, type RangeName, ranges, type SeriesShown, seriesIndex } from "./analytics.js"
import type { BridgeClient } from "./client.js"
import { popoverBottom, popoverTop } from "./popover.js"
import { settingsMarkup } from "./settings.js"
import { drawSparkline } from "./sparkline.js"

type ViewName = "popover" | "analytics" | "settings"
const viewNames: ReadonlyArray<ViewName> = ["popover", "analytics", "settings"]
const viewLabels: Record<ViewName, string> = { popover: "Now", analytics: "Analytics", settings: "Settings" }

const byId = (id: string) => document.getElementById(id)!

// Widths come from data attributes: the CSP forbids inline style attributes.
const applyFills = (root: ParentNode) => {
  for (const element of root.querySelectorAll<HTMLElement>("[data-fill]")) element.style.width = `${element.dataset.fill}%`
}

// Replaces markup only when it changed, keeping focus and an open menu across the once-a-second updates.
const patch = (element: HTMLElement, markup: string) => {
  if (element.dataset.markup === markup) return
  const focused = document.activeElement?.id ?? ""
  const openMenus = [...element.querySelectorAll<HTMLDetailsElement>("details[open]")].map((d) => d.id)
  element.innerHTML = markup
  element.dataset.markup = markup
  applyFills(element)
  for (const id of openMenus) (document.getElementById(id) as HTMLDetailsElement | null)?.setAttribute("open", "")
  if (focused !== "" && element.querySelector(`#${CSS.escape(focused)}`) !== null) byId(focused).focus()
}

/** Starts the page in `root` on `client`; `only` pins one view (an Electron window). */
export const start = (root: HTMLElement, client: BridgeClient, only: ViewName | null) => {
  let current: ViewName = only ?? "popover"
  let view: DashboardWire | null = null
  let range: RangeName = "24h"
  let shown: SeriesShown = { fiveHour: true, sevenDay: true }
  let chart: uPlot | null = null
  let fields: ReadonlyArray<PreferenceFieldWire> = []
  let settings = { errors: {} as Record<string, string>, message: null as string | null, databaseSize: null as string | null, confirmingClear: false }
  let firstRender = true

  // `_expected` only names the reply's type; the host answers that or `Failed`.
  const ask = async <T extends ReplyWire["_tag"]>(request: RequestWire, _expected: T): Promise<Extract<ReplyWire, { _tag: T }> | Extract<ReplyWire, { _tag: "Failed" }>> => {
    const reply = await client.request(request)
    return reply as Extract<ReplyWire, { _tag: T }> | Extract<ReplyWire, { _tag: "Failed" }>
  }

  root.innerHTML = (only === null
    ? `<nav class="tabs" aria-label="Views">${
      viewNames.map((name) => `<button type="button" id="tab-${name}" data-action="tab" data-view="${name}">${viewLabels[name]}</button>`).join("")
    }</nav>`
    : "") +
    `<main><section id="view-popover" class="popover" aria-label="Headroom"><div id="popover-top"></div>` +
    `<button type="button" id="sparkline" class="sparkline" data-action="open" data-view="analytics" aria-label="Last 24 hours of 5-hour usage; open analytics"><div id="spark"></div></button>` +
    `<div id="popover-bottom"></div></section>` +
    `<section id="view-analytics" aria-label="Analytics" hidden></section><section id="view-settings" aria-label="Settings" hidden></section></main>`

  const show = (name: ViewName) => {
    current = name
    for (const candidate of viewNames) {
      byId(`view-${candidate}`).hidden = candidate !== name
      document.getElementById(`tab-${candidate}`)?.setAttribute("aria-current", candidate === name ? "page" : "false")
    }
    if (name === "analytics") void loadAnalytics()
    if (name === "settings") void loadSettings()
  }

  const renderPopover = () => {
    if (view === null) return
    patch(byId("popover-top"), popoverTop(view))
    patch(byId("popover-bottom"), popoverBottom(view, { canQuit: client.quit !== null }))
  }

  let sparkHistory: HistoryWire | null = null
  let chartHistory: HistoryWire | null = null

  const loadSparkline = async () => {
    const reply = await ask({ _tag: "History", range: "24h" }, "History")
    if (reply._tag === "History") {
      sparkHistory = reply.history
      drawSparkline(byId("spark"), reply.history)
    }
  }

  const drawRange = async () => {
    const [historyReply, analysisReply] = await Promise.all([
      ask({ _tag: "History", range }, "History"),
      ask({ _tag: "Analysis", range }, "Analysis")
    ])
    const section = byId("view-analytics")
    if (historyReply._tag === "History") {
      chartHistory = historyReply.history
      chart = drawChart(byId("chart"), historyReply.history, shown)
      byId("chart-caption").textContent = historyReply.history.caption
      byId("chart").setAttribute("role", "img")
      byId("chart").setAttribute("aria-label", `Usage chart, ${range === "all" ? "all history" : `last ${range}`}: ${historyReply.history.caption}`)
    }
    const breakdown = byId("breakdown")
    breakdown.innerHTML = analysisReply._tag === "Analysis" ? breakdownMarkup(analysisReply.reply) : `<p class="error">${analysisReply.message}</p>`
    applyFills(breakdown)
    section.dataset.range = range
  }

  const loadAnalytics = async () => {
    const section = byId("view-analytics")
    section.innerHTML = analyticsMarkup(range, shown)
    await drawRange()
  }

  const renderSettings = () => {
    const section = byId("view-settings")
    section.innerHTML = settingsMarkup(fields, { ...settings, view })
  }

  const loadSettings = async () => {
    const [prefs, size] = await Promise.all([ask({ _tag: "Preferences" }, "Preferences"), ask({ _tag: "DatabaseSize" }, "DatabaseSize")])
    if (prefs._tag === "Preferences") fields = prefs.fields
    settings = { ...settings, databaseSize: size._tag === "DatabaseSize" ? size.text : null }
    renderSettings()
  }

  const save = async (form: HTMLFormElement) => {
    const values: Record<string, string> = {}
    for (const f of fields) {
      const input = form.elements.namedItem(f.key) as HTMLInputElement | null
      if (input === null) continue
      const value = input.type === "checkbox" ? String(input.checked) : input.value.trim()
      if (value !== (f.value ?? "")) values[f.key] = value
    }
    const reply = await ask({ _tag: "SetPreferences", values }, "Preferences")
    if (reply._tag === "Preferences") {
      fields = reply.fields
      settings = { ...settings, errors: {}, message: Object.keys(values).length === 0 ? "Nothing changed" : "Saved" }
    } else if (reply._tag === "Failed") settings = { ...settings, errors: reply.fields, message: reply.message }
    renderSettings()
    const firstError = Object.keys(settings.errors)[0]
    document.getElementById(firstError === undefined ? "save" : `pref-${firstError}`)?.focus()
  }

  const open = (name: ViewName) => {
    if (only !== null && client.openWindow !== null && name !== "popover") client.openWindow(name)
    else show(name)
  }

  root.addEventListener("click", (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>("[data-action]")
    if (target === null) return
    const { action } = target.dataset
    if (action === "tab") show(target.dataset.view as ViewName)
    else if (action === "open") {
      target.closest("details")?.removeAttribute("open")
      open(target.dataset.view as ViewName)
    } else if (action === "refresh") void client.request({ _tag: "Refresh", profile: target.dataset.profile! })
    else if (action === "switch") void client.request({ _tag: "SetActive", profile: target.dataset.profile! })
    else if (action === "quit") client.quit?.()
    else if (action === "range") {
      range = target.dataset.range as RangeName
      for (const r of ranges) document.getElementById(`range-${r}`)?.setAttribute("aria-checked", String(r === range))
      void drawRange()
    } else if (action === "clear-ask" || action === "clear-cancel") {
      settings = { ...settings, confirmingClear: action === "clear-ask" }
      renderSettings()
      document.getElementById(action === "clear-ask" ? "clear-cancel" : "clear-history")?.focus()
    } else if (action === "clear-confirm") {
      void client.request({ _tag: "ClearHistory", confirmed: true }).then(() => {
        settings = { ...settings, confirmingClear: false, message: "History cleared" }
        return loadSettings()
      })
    }
  })

  root.addEventListener("change", (event) => {
    const target = event.target as HTMLInputElement
    if (target.dataset.action !== "series") return
    shown = { ...shown, [target.dataset.series as keyof SeriesShown]: target.checked }
    chart?.setSeries(seriesIndex[target.dataset.series as keyof SeriesShown], { show: target.checked })
  })

  root.addEventListener("submit", (event) => {
    event.preventDefault()
    void save(event.target as HTMLFormElement)
  })

  // Arrow keys move within the range selector, as in any radio group.
  root.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement
    if (target.dataset.action !== "range" || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return
    const index = ranges.indexOf(target.dataset.range as RangeName)
    const next = ranges[(index + (event.key === "ArrowRight" ? 1 : ranges.length - 1)) % ranges.length]!
    byId(`range-${next}`).focus()
    byId(`range-${next}`).click()
  })

  client.subscribe((event) => {
    const previous = view
    view = event.view
    renderPopover()
    if (previous !== null && previous.profile !== view.profile) {
      void loadSparkline()
      if (current === "analytics") void drawRange()
      if (current === "settings") renderSettings()
    }
    if (firstRender) {
      firstRender = false
      void sparkline.then(() => {
        performance.mark("cchdrm:rendered")
        document.body.dataset.ready = "true"
      })
    }
  })
  // Canvases have fixed sizes: redraw them for a new window width (once the resizing settles).
  let resizing: ReturnType<typeof setTimeout> | undefined
  addEventListener("resize", () => {
    clearTimeout(resizing)
    resizing = setTimeout(() => {
      if (sparkHistory !== null) drawSparkline(byId("spark"), sparkHistory)
      if (chartHistory !== null && current === "analytics") chart = drawChart(byId("chart"), chartHistory, shown)
    }, 100)
  })

  // The sparkline's history loads while the first dashboard event is on its way.
  const sparkline = loadSparkline()
  show(current)
}
