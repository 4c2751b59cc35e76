// A stand-in for Anthropic's OAuth endpoints (API.md A.1–A.3): a real HTTP server on loopback.
import { randomBytes } from "node:crypto"
import { createServer } from "node:http"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { AccountRegistry, defaultLifetimeSeconds } from "./Accounts.js"
import type { AccountHandle, AccountOptions, AccountState } from "./Accounts.js"
import * as Responses from "./Responses.js"
import type { ScriptedResponse } from "./Responses.js"
import { oauthBeta } from "./WireFormat.js"

/** One request the server received. */
export interface RecordedRequest {
  readonly method: string
  /** Path without the query, e.g. `/api/oauth/usage`. */
  readonly path: string
  /** The query string including `?`, or "". */
  readonly query: string
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>
  /** The raw body ("" when none). */
  readonly body: string
  /** When it arrived, ms on the server's clock. */
  readonly at: number
}

/**
 * How the token endpoint treats one request. `respond` answers with that instead (e.g. a 500),
 * touching no token; `omitRefreshToken` answers without `refresh_token` and keeps the old one
 * valid; `delayMs` delays the answer but not the rotation, like an answer lost in transit.
 */
export interface TokenStep {
  readonly respond?: ScriptedResponse
  readonly omitRefreshToken?: boolean
  readonly delayMs?: number
  /** `expires_in` of the answer (default the server's `accessTokenLifetimeSeconds`). */
  readonly expiresIn?: number
  readonly scopeFormat?: "string" | "array"
}

/** How the fake behaves. */
export interface FakeAnthropicOptions {
  /** Port to listen on (default 0: an ephemeral one). */
  readonly port?: number
  readonly host?: "127.0.0.1"
  /** The server's notion of now in ms (default real time): token expiry and simulated usage follow it. */
  readonly clock?: () => number
  /** Answer 429 to a `User-Agent` other than `claude-code/<version>`, like the real endpoint (default true). */
  readonly enforceUserAgent?: boolean
  /** Answer 429 with `Retry-After` to unscripted usage requests closer together than this (default 0: off). */
  readonly usageMinIntervalSeconds?: number
  /** When set, the token endpoint accepts only this `client_id` (401 `invalid_client` otherwise). */
  readonly clientId?: string
  /** `expires_in` of refreshed access tokens (default 28,800). */
  readonly accessTokenLifetimeSeconds?: number
  /** What the token endpoint does when nothing is scripted (default: rotate and answer at once). */
  readonly token?: TokenStep
}

/** A running fake. */
export interface FakeAnthropic {
  /** Base URL of the usage and profile endpoints, e.g. `http://127.0.0.1:43123` (`CCHDRM_API_URL`). */
  readonly url: string
  /** Full URL of the token endpoint (`CCHDRM_TOKEN_URL`). */
  readonly tokenUrl: string
  readonly port: number
  /** Every request so far, oldest first. */
  readonly requests: ReadonlyArray<RecordedRequest>
  /** The recorded requests to one path. */
  requestsTo(path: string): ReadonlyArray<RecordedRequest>
  clearRequests(): void
  addAccount(options?: AccountOptions): AccountHandle
  /** Queue token endpoint behaviours, consumed one per request before the default. */
  scriptToken(...steps: ReadonlyArray<TokenStep>): void
  /** The server's clock. */
  now(): number
  /** Stop listening and drop every open connection, hanging requests included. */
  close(): Promise<void>
}

const usagePath = "/api/oauth/usage"
const profilePath = "/api/oauth/profile"
const tokenPath = "/v1/oauth/token"
const maxBodyBytes = 1 << 20

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) chunks.push(chunk)
    })
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.on("error", reject)
  })

const headersOf = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return headers
}

type Params = Readonly<Record<string, string>>

// The token endpoint takes JSON or form bodies (A.2).
const parseParams = (body: string, contentType: string | undefined): Params | undefined => {
  const looksJson = contentType === undefined ? body.trimStart().startsWith("{") : contentType.includes("json")
  if (!looksJson) return Object.fromEntries(new URLSearchParams(body))
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined
    const params: Record<string, string> = {}
    for (const [key, value] of Object.entries(parsed)) if (typeof value === "string") params[key] = value
    return params
  } catch {
    return undefined
  }
}

/** Start a fake Anthropic API on loopback. */
export const startFakeAnthropic = async (options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> => {
  const clock = options.clock ?? Date.now
  const accounts = new AccountRegistry(clock)
  const requests: Array<RecordedRequest> = []
  const tokenScript: Array<TokenStep> = []
  const timers = new Set<NodeJS.Timeout>()
  const enforceUserAgent = options.enforceUserAgent ?? true
  const throttleMs = (options.usageMinIntervalSeconds ?? 0) * 1000
  const lifetime = options.accessTokenLifetimeSeconds ?? defaultLifetimeSeconds

  const send = (request: IncomingMessage, response: ServerResponse, scripted: ScriptedResponse): void => {
    const write = () => {
      if (response.destroyed || response.writableEnded) return
      if (scripted.closeConnection === true) return void request.socket.destroy()
      if (scripted.hang === true) return
      const headers: Record<string, string> = { "request-id": `req_${randomBytes(12).toString("hex")}` }
      for (const [name, value] of Object.entries(scripted.headers ?? {})) headers[name.toLowerCase()] = value
      let payload = ""
      if (typeof scripted.body === "string") {
        payload = scripted.body
        headers["content-type"] ??= "text/plain; charset=utf-8"
      } else if (scripted.body !== undefined) {
        payload = JSON.stringify(scripted.body)
        headers["content-type"] ??= "application/json"
      }
      response.writeHead(scripted.status ?? 200, headers)
      response.end(payload)
    }
    const delay = scripted.delayMs ?? 0
    if (delay <= 0) return write()
    const timer = setTimeout(() => {
      timers.delete(timer)
      write()
    }, delay)
    timers.add(timer)
    response.on("close", () => {
      clearTimeout(timer)
      timers.delete(timer)
    })
  }

  // The OAuth routes' checks, in the order the real edge seems to apply them: a user agent other
  // than Claude Code's gets persistent 429s before anything else is looked at.
  const authenticate = (headers: Record<string, string>): { account: AccountState } | { reject: ScriptedResponse } => {
    if (enforceUserAgent && !/^claude-code\/\S+/.test(headers["user-agent"] ?? "")) return { reject: Responses.rateLimited() }
    const betas = (headers["anthropic-beta"] ?? "").split(",").map((beta) => beta.trim())
    if (!betas.includes(oauthBeta)) return { reject: Responses.unauthorized("OAuth authentication is currently not supported.") }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers["authorization"] ?? "")?.[1]
    if (bearer === undefined) return { reject: Responses.unauthorized("Missing bearer token") }
    const found = accounts.authenticate(bearer)
    if (found._tag === "Unknown") return { reject: Responses.unauthorized() }
    if (found._tag === "Expired") return { reject: Responses.tokenExpired() }
    if (!found.account.scopes.includes("user:profile")) return { reject: Responses.forbidden() }
    return { account: found.account }
  }

  const usage = (account: AccountState): ScriptedResponse => {
    account.usageRequests++
    const scripted = account.usageScript.shift()
    if (scripted !== undefined) return scripted
    const now = clock()
    if (throttleMs > 0 && account.lastServedUsageAt !== null && now - account.lastServedUsageAt < throttleMs) {
      return Responses.rateLimited(Math.ceil((throttleMs - (now - account.lastServedUsageAt)) / 1000))
    }
    account.lastServedUsageAt = now
    return accounts.defaultUsage(account)
  }

  const token = (body: string, headers: Record<string, string>): ScriptedResponse => {
    const step = tokenScript.shift() ?? options.token ?? {}
    const delayed = (response: ScriptedResponse): ScriptedResponse =>
      step.delayMs === undefined ? response : { ...response, delayMs: step.delayMs }
    if (step.respond !== undefined) return delayed(step.respond)
    const params = parseParams(body, headers["content-type"])
    if (params === undefined) return Responses.oauthError(400, "invalid_request", "Request body is not valid JSON")
    const clientId = params["client_id"]
    if (clientId === undefined || clientId === "") {
      return Responses.oauthError(400, "invalid_request", "Missing required parameter: client_id")
    }
    if (options.clientId !== undefined && clientId !== options.clientId) {
      return Responses.oauthError(401, "invalid_client", "Unknown client_id")
    }
    if (params["grant_type"] !== "refresh_token") {
      return Responses.oauthError(400, "unsupported_grant_type", "Only grant_type=refresh_token is supported")
    }
    const refreshToken = params["refresh_token"]
    if (refreshToken === undefined || refreshToken === "") {
      return Responses.oauthError(400, "invalid_request", "Missing required parameter: refresh_token")
    }
    const refreshed = accounts.refresh(refreshToken, {
      rotate: step.omitRefreshToken !== true,
      expiresIn: step.expiresIn ?? lifetime,
      scopeFormat: step.scopeFormat
    })
    if (refreshed._tag === "Reused") return Responses.oauthError(400, "invalid_grant", "Refresh token has already been used")
    if (refreshed._tag === "Unknown") return Responses.oauthError(400, "invalid_grant", "Invalid refresh token")
    return delayed(Responses.json({
      access_token: refreshed.accessToken,
      ...(refreshed.refreshToken === undefined ? {} : { refresh_token: refreshed.refreshToken }),
      expires_in: refreshed.expiresIn,
      token_type: "Bearer",
      scope: refreshed.scope
    }))
  }

  const route = (method: string, path: string, headers: Record<string, string>, body: string): ScriptedResponse => {
    const allowed = path === usagePath || path === profilePath ? "GET" : path === tokenPath ? "POST" : undefined
    if (allowed === undefined) return Responses.apiError(404, "not_found_error", `Not found: ${path}`)
    if (method !== allowed) return Responses.apiError(405, "invalid_request_error", `Method ${method} not allowed on ${path}`)
    if (path === tokenPath) return token(body, headers)
    const checked = authenticate(headers)
    if ("reject" in checked) return checked.reject
    if (path === usagePath) return usage(checked.account)
    return checked.account.profileScript.shift() ?? Responses.json(accounts.profileOf(checked.account))
  }

  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => {
        const url = new URL(request.url ?? "/", "http://127.0.0.1")
        const headers = headersOf(request)
        const method = request.method ?? "GET"
        requests.push({ method, path: url.pathname, query: url.search, headers, body, at: clock() })
        send(request, response, route(method, url.pathname, headers, body))
      },
      () => request.socket.destroy()
    )
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  let closing: Promise<void> | undefined

  return {
    url,
    tokenUrl: `${url}${tokenPath}`,
    port,
    get requests() {
      return requests
    },
    requestsTo: (path) => requests.filter((request) => request.path === path),
    clearRequests: () => void requests.splice(0),
    addAccount: (accountOptions) => accounts.add(accountOptions),
    scriptToken: (...steps) => void tokenScript.push(...steps),
    now: clock,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    }
  }
}
