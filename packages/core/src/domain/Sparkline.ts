// Sparkline: a history range as one line of block characters per window, gaps left blank (SPEC §4, §5).

/** One point of a chart: utilization % at `at` (epoch ms), `null` when unknown. */
export interface Point {
  readonly at: number
  readonly value: number | null
}

/** A stretch without data (epoch ms). */
export interface Gap {
  readonly from: number
  readonly to: number
}

/** What one sparkline is drawn from. */
export interface Input {
  readonly from: number
  readonly to: number
  readonly points: ReadonlyArray<Point>
  readonly gaps: ReadonlyArray<Gap>
  /** Number of cells. */
  readonly width: number
}

/** The eight levels, lowest first; a blank cell is a gap or a cell without data. */
export const blocks = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const

/** The cell a gap or an empty stretch shows: never interpolated. */
export const blank = " "

/** The block for a utilization on the fixed 0–100 % scale (over 100 is full). */
export const blockOf = (value: number): string =>
  blocks[Math.min(blocks.length - 1, Math.max(0, Math.floor((Math.min(value, 100) / 100) * blocks.length - 1e-9)))]!

/**
 * The sparkline: `width` cells over [from, to), each the peak of the points inside it; a cell with
 * no known point, or lying wholly inside a gap, is {@link blank}.
 */
export const sparkline = (input: Input): string => {
  const width = Math.max(1, Math.floor(input.width))
  const span = Math.max(1, input.to - input.from)
  const cellMillis = span / width
  const peaks: Array<number | null> = Array.from({ length: width }, () => null)
  for (const point of input.points) {
    if (point.value === null || point.at < input.from || point.at >= input.to) continue
    const cell = Math.min(width - 1, Math.floor((point.at - input.from) / cellMillis))
    const peak = peaks[cell] ?? null
    peaks[cell] = peak === null ? point.value : Math.max(peak, point.value)
  }
  return peaks.map((peak, cell) => {
    const start = input.from + cell * cellMillis
    const inGap = input.gaps.some((gap) => gap.from <= start && gap.to >= start + cellMillis)
    return peak === null || inGap ? blank : blockOf(peak)
  }).join("")
}

/** The peak of the known values, `null` when none is known. */
export const peakOf = (points: ReadonlyArray<Point>): number | null =>
  points.reduce<number | null>((peak, point) => point.value === null ? peak : peak === null ? point.value : Math.max(peak, point.value), null)
