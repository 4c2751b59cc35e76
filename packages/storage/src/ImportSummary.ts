// What `import` tells a person about an import (the JSON form is the ImportReport itself).
import type { ImportReport } from "./HistoryImport.js"

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

/** `Imported 12 polls, 0 already present, 1 invalid line skipped, 2 resets found`. */
export const text = (report: ImportReport): string =>
  [
    `Imported ${plural(report.imported, "poll", "polls")}`,
    // Only files of a whole-history export hold these.
    ...(report.buckets > 0 ? [plural(report.buckets, "rollup bucket", "rollup buckets")] : []),
    ...(report.outages > 0 ? [plural(report.outages, "outage", "outages")] : []),
    `${report.duplicates} already present`,
    `${plural(report.skipped, "invalid line", "invalid lines")} skipped`,
    `${plural(report.resets, "reset", "resets")} found`
  ].join(", ")
