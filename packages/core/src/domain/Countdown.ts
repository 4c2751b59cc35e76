// Countdown: the compact duration form (`47m`, `2h 13m`, `2d 1h`). Effect-free on purpose: the
// status line's lean bundle renders countdowns without loading Effect (see StatusLine).

const minute = 60_000
const day = 24 * 60 * minute

/** A non-negative length of time split into whole days, hours (0–23) and minutes (0–59), floored. */
export const split = (millis: number): { readonly days: number; readonly hours: number; readonly minutes: number } => {
  const totalMinutes = Math.floor(Math.max(0, millis) / minute)
  return {
    days: Math.floor(totalMinutes / (day / minute)),
    hours: Math.floor(totalMinutes / 60) % 24,
    minutes: totalMinutes % 60
  }
}

/**
 * A length of time as the compact countdown form: `2d 1h` from 24 h, `2h 13m` from 1 h, else `47m`.
 * Every unit is floored, so the text never promises more time than is left; zero or negative is `0m`.
 */
export const duration = (millis: number): string => {
  const { days, hours, minutes } = split(millis)
  if (days > 0) return `${days}d ${hours}h`
  if (hours > 0) return `${hours}h ${minutes}m`
  return `${minutes}m`
}
