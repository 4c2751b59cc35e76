// The web server's request checks: a local server on a user's machine must not be reachable from
// web pages in the same browser (DNS rebinding, cross-site POSTs) nor without the per-run token.
import { randomBytes, timingSafeEqual } from "node:crypto"

/** A fresh per-run token: 256 random bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString("base64url")

/** Whether `Host` names this server on loopback; any other name may be a rebound DNS entry. */
export const hostAllowed = (host: string | undefined, port: number): boolean =>
  host === `127.0.0.1:${port}` || host === `localhost:${port}`

/** Whether a state-changing request comes from this server's own page (or from no page at all). */
export const originAllowed = (origin: string | undefined, port: number): boolean =>
  origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`

/** Whether `Authorization: Bearer …` carries the token; compared in constant time. */
export const tokenAllowed = (authorization: string | undefined, token: string): boolean => {
  const presented = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization ?? "")?.[1]
  if (presented === undefined) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
