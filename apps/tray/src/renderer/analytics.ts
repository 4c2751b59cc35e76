// The analytics view: range selector, series toggles, the usage chart (uPlot) and the headroom
// breakdown bar. uPlot because it is small (~20 KB gzipped, no dependencies), draws thousands of
// points on one canvas quickly, and has step and bar paths plus draw hooks for the shading.
import uPlot from "uplot"
import type { AnalysisWire, HistoryWire } from "../shared/Bridge.js"
import { escapeHtml } from "./gaugeMarkup.js"

/** The ranges in the selector, in order. */
export const ranges = ["24h", "7d", "30d", "all"] as const
export type RangeName = (typeof ranges)[number]

const rangeLabels: Record<RangeName, string> = { "24h": "24h", "7d": "7d", "30d": "30d", all: "All" }

/** Which series the chart shows. */
export interface SeriesShown {
  readonly fiveHour: boolean
  readonly sevenDay: boolean
}

const checkbox = (id: keyof SeriesShown, label: string, shown: SeriesShown) =>
  `<label class="toggle ${id}"><input type="checkbox" id="series-${id}" data-action="series" data-series="${id}"${shown[id] ? " checked" : ""}> ${label}</label>`

/** The controls and the empty chart area; the chart is drawn into `#chart` afterwards. */
export const analyticsMarkup = (range: RangeName, shown: SeriesShown): string =>
  `<h1>Analytics</h1><div class="ranges" role="radiogroup" aria-label="Range">${
    ranges.map((r) =>
      `<button type="button" role="radio" id="range-${r}" data-action="range" data-range="${r}" aria-checked="${r === range}">${rangeLabels[r]}</button>`
    ).join("")
  }</div><div class="series" role="group" aria-label="Series">${checkbox("fiveHour", "5-hour", shown)}${checkbox("sevenDay", "7-day", shown)}</div>` +
  `<figure class="chart-frame"><div id="chart"></div><figcaption id="chart-caption"></figcaption></figure>` +
  `<ul class="chart-legend" aria-label="Chart legend"><li class="key gap">▒ no data (gap)</li><li class="key outage">▨ API outage</li><li class="key reset">┆ 5-hour reset</li></ul>` +
  `<section id="breakdown" class="breakdown" aria-label="Headroom breakdown"></section>`

const partFill: Record<"used" | "constrained" | "unused", string> = { used: "█", constrained: "▒", unused: "░" }

/** The breakdown bar (each part filled and patterned, so it reads without colour) and core's legend. */
export const breakdownMarkup = (reply: AnalysisWire): string => {
  const head = `<h2>Headroom breakdown</h2><p class="summary">${escapeHtml(reply.summary)}</p>`
  const percent = reply.analysis.percent
  if (reply.unavailable !== null) return `${head}<p class="unavailable">${escapeHtml(reply.unavailable)}</p>`
  if (percent === null) return head
  const parts = (["used", "constrained", "unused"] as const).map((part) =>
    `<div class="part ${part}" data-fill="${percent[part].toFixed(2)}" title="${part}"></div>`
  ).join("")
  const legend = reply.legend.map((line) => `<li class="${line.part}"><span aria-hidden="true" class="swatch ${line.part}">${partFill[line.part]}</span> ${escapeHtml(line.text.slice(2))}</li>`).join("")
  return `${head}<div class="breakdown-bar" role="img" aria-label="${escapeHtml(reply.legend.map((line) => line.text.slice(2).replace(/\s+/g, " ")).join("; "))}">${parts}</div><ul class="breakdown-legend">${legend}</ul>`
}

// Null at every gap so lines break there instead of bridging missing data (SPEC §4: never interpolated).
const withGaps = (history: HistoryWire, peaks: boolean) => {
  const xs: Array<number> = []
  const five: Array<number | null> = []
  const seven: Array<number | null> = []
  const gaps = [...history.gaps].sort((a, b) => a.from - b.from)
  let gap = 0
  for (const point of history.points) {
    while (gap < gaps.length && gaps[gap]!.to <= point.at) {
      const middle = (gaps[gap]!.from + gaps[gap]!.to) / 2
      if (xs.length > 0 && middle > xs[xs.length - 1]! * 1000) {
        xs.push(middle / 1000)
        five.push(null)
        seven.push(null)
      }
      gap++
    }
    xs.push(point.at / 1000)
    five.push(peaks ? point.fiveHourPeak : point.fiveHour)
    seven.push(peaks ? point.sevenDayPeak : point.sevenDay)
  }
  return [xs, seven, five] as uPlot.AlignedData
}

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim()

/** The chart's series index of a toggle: the 7-day series is drawn first, so 5-hour peaks stay on top. */
export const seriesIndex: Record<keyof SeriesShown, number> = { sevenDay: 1, fiveHour: 2 }

/** Draws the range into `target` (replacing any chart there); returns the chart for toggles. */
export const drawChart = (target: HTMLElement, history: HistoryWire, shown: SeriesShown): uPlot => {
  const peaks = history.range !== "24h"
  const paths = peaks ? uPlot.paths.bars!({ size: [0.7, 12] }) : uPlot.paths.stepped!({ align: 1 })
  const shade = (u: uPlot, spans: ReadonlyArray<{ readonly from: number; readonly to: number }>, colour: string) => {
    const { ctx, bbox } = u
    ctx.save()
    ctx.fillStyle = colour
    for (const span of spans) {
      const left = Math.max(bbox.left, u.valToPos(span.from / 1000, "x", true))
      const right = Math.min(bbox.left + bbox.width, u.valToPos(span.to / 1000, "x", true))
      if (right > left) ctx.fillRect(left, bbox.top, right - left, bbox.height)
    }
    ctx.restore()
  }
  const markResets = (u: uPlot) => {
    const { ctx, bbox } = u
    ctx.save()
    ctx.strokeStyle = cssVar("--reset")
    ctx.setLineDash([4, 4])
    ctx.lineWidth = devicePixelRatio
    for (const at of history.resets) {
      const x = u.valToPos(at / 1000, "x", true)
      if (x < bbox.left || x > bbox.left + bbox.width) continue
      ctx.beginPath()
      ctx.moveTo(x, bbox.top)
      ctx.lineTo(x, bbox.top + bbox.height)
      ctx.stroke()
    }
    ctx.restore()
  }
  target.replaceChildren()
  const width = Math.max(320, target.clientWidth || 640)
  const axis = { stroke: cssVar("--muted"), grid: { stroke: cssVar("--grid") }, ticks: { stroke: cssVar("--grid") } }
  return new uPlot({
    width,
    height: 240,
    scales: { x: { time: true, range: [history.from / 1000, history.to / 1000] }, y: { range: [0, 100] } },
    axes: [axis, { ...axis, label: peaks ? "peak % used" : "% used", values: (_u, values) => values.map((v) => `${v}%`) }],
    series: [
      {},
      { label: peaks ? "7-day peak" : "7-day", stroke: cssVar("--seven"), fill: peaks ? cssVar("--seven-fill") : "transparent", width: 2, paths, show: shown.sevenDay, points: { show: false }, dash: [6, 3] },
      { label: peaks ? "5-hour peak" : "5-hour", stroke: cssVar("--five"), fill: peaks ? cssVar("--five") : "transparent", width: 2, paths, show: shown.fiveHour, points: { show: false } }
    ],
    // Series names only (no live values): the caption and the legend below say the rest.
    legend: { show: true, live: false },
    hooks: {
      drawClear: [(u) => {
        shade(u, history.gaps, cssVar("--gap"))
        shade(u, history.outages, cssVar("--outage"))
      }],
      draw: [markResets]
    }
  }, withGaps(history, peaks), target)
}
