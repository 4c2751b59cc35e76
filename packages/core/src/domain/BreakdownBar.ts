// BreakdownBar: the headroom breakdown as a labelled bar plus its numbers (SPEC §2, §5 `analyze`).
import * as LimitHits from "./LimitHits.js"

/** Credits or percentages of the three parts (the `credits` / `percent` of API.md B.5). */
export interface Split {
  readonly used: number
  readonly constrained: number
  readonly unused: number
}

/** One line of text; `part` (when set) is the part a colour terminal tints it by. */
export interface Line {
  readonly text: string
  readonly part: keyof Split | null
}

/** The fill of each part: solid, shaded and light, so the bar reads without colour. */
export const fills: { readonly [P in keyof Split]: string } = { used: "█", constrained: "▒", unused: "░" }

const labels: { readonly [P in keyof Split]: string } = { used: "used", constrained: "7d-constrained", unused: "unused" }

/**
 * The bar, `width` cells split by `percent` (largest remainders, so the cells always add up to
 * `width` when the percentages sum to 100).
 */
export const bar = (percent: Split, width: number): string => {
  const parts = (["used", "constrained", "unused"] as const).map((part) => {
    const exact = (Math.max(0, percent[part]) / 100) * width
    return { part, cells: Math.floor(exact), rest: exact - Math.floor(exact) }
  })
  let spare = width - parts.reduce((sum, part) => sum + part.cells, 0)
  for (const part of [...parts].sort((a, b) => b.rest - a.rest)) {
    if (spare <= 0) break
    if (part.rest > 0) {
      part.cells += 1
      spare -= 1
    }
  }
  return parts.map(({ cells, part }) => fills[part].repeat(cells)).join("")
}

const credits = (value: number): string => Math.round(value).toLocaleString("en-US")

/** One legend line per part: `█ used            61.2%   1,234,567 credits`. */
export const legend = (percent: Split, split: Split): ReadonlyArray<Line> =>
  (["used", "constrained", "unused"] as const).map((part) => ({
    text: `${fills[part]} ${labels[part].padEnd(15)}${`${percent[part].toFixed(1)}%`.padStart(7)}  ${credits(split[part]).padStart(12)} credits`,
    part
  }))

/** Why there is no breakdown: no credit limits are known for the tier. */
export const unavailableText = "Headroom breakdown unavailable — unknown subscription tier"

/** Why there is no breakdown although the tier is known: no 5-hour window reset in the range. */
export const noResetsText = "No breakdown yet — no 5-hour window has reset in this range"

const missingReason = (tier: string | null): string => tier === null ? unavailableText : noResetsText

/**
 * Why an analysis has no breakdown, `null` when it has one: an unknown tier (without custom
 * limits), else a range without a reset to split.
 */
export const missingText = (analysis: Pick<AnalysisInput, "tier" | "credits" | "percent">): string | null =>
  analysis.credits !== null && analysis.percent !== null ? null : missingReason(analysis.tier)

/** What {@link analysisLines} shows: the analysis document of API.md B.5. */
export interface AnalysisInput {
  readonly profile: string
  readonly range: string
  readonly resetCount: number
  readonly averagePeak: number | null
  /** The `rateLimitTier`, `null` when unknown. */
  readonly tier: string | null
  readonly credits: Split | null
  readonly percent: Split | null
  /** When given, a line of limit hits follows the header (SPEC §4). */
  readonly limitHits?: LimitHits.PerWindow | undefined
  readonly hoursExhausted?: LimitHits.PerWindow | undefined
}

/**
 * An analysis for a terminal: a header (profile, range, resets, average peak), the limit hits,
 * then the bar and its legend, or why there is no breakdown (unknown tier, no custom limits).
 */
export const analysisLines = (analysis: AnalysisInput, width: number): ReadonlyArray<string> => {
  const peak = analysis.averagePeak === null ? "—" : `${analysis.averagePeak.toFixed(1)}%`
  const header = [
    `${analysis.profile} · ${analysis.range} · ${analysis.resetCount} resets · average peak ${peak}`,
    ...(analysis.limitHits === undefined || analysis.hoursExhausted === undefined
      ? []
      : [LimitHits.text({ limitHits: analysis.limitHits, hoursExhausted: analysis.hoursExhausted })])
  ]
  if (analysis.credits === null || analysis.percent === null) return [...header, missingReason(analysis.tier)]
  return [...header, `[${bar(analysis.percent, width)}]`, ...legend(analysis.percent, analysis.credits).map((line) => line.text)]
}
