// IsoTime: the one way an instant becomes ISO 8601 text (`2026-11-22T21:52:00.000Z`), through
// effect's DateTime, for every document, export and CSV.
import { DateTime } from "effect"

/** An instant (epoch ms) as ISO 8601 UTC text. */
export const iso = (millis: number): string => DateTime.formatIso(DateTime.unsafeMake(millis))

/** {@link iso}, with `null` for an unknown instant. */
export const isoOrNull = (millis: number | null): string | null => (millis === null ? null : iso(millis))
