// The popover's 24 h sparkline: the 5-hour window's usage as a small step line, gaps left blank.
import uPlot from "uplot"
import type { HistoryWire } from "../shared/Bridge.js"

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim()

/** Draws the last 24 h of the 5-hour window into `target`; says so when there is nothing to draw yet. */
export const drawSparkline = (target: HTMLElement, history: HistoryWire): uPlot | null => {
  if (history.points.filter((point) => point.fiveHour !== null).length < 2) {
    target.replaceChildren(Object.assign(document.createElement("p"), { className: "empty", textContent: "No history in the last 24 hours yet" }))
    return null
  }
  const xs: Array<number> = []
  const ys: Array<number | null> = []
  for (const point of history.points) {
    // A gap ending before this point breaks the line (no interpolation across missing data).
    if (history.gaps.some((gap) => gap.to <= point.at && xs.length > 0 && gap.from >= xs[xs.length - 1]! * 1000)) {
      xs.push(point.at / 1000 - 1)
      ys.push(null)
    }
    xs.push(point.at / 1000)
    ys.push(point.fiveHour)
  }
  target.replaceChildren()
  return new uPlot({
    width: Math.max(200, target.clientWidth || 320),
    height: 44,
    legend: { show: false },
    cursor: { show: false },
    axes: [{ show: false }, { show: false }],
    scales: { x: { time: true, range: [history.from / 1000, history.to / 1000] }, y: { range: [0, 100] } },
    series: [{}, { stroke: cssVar("--five"), fill: cssVar("--five-fill"), width: 1.5, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } }]
  }, [xs, ys], target)
}
