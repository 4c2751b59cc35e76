// The dashboard over loopback HTTP (API.md B.7): the built page, the bridge as `POST /api` and the
// dashboard as Server-Sent Events on `GET /api/events`. Bound to 127.0.0.1 only.
import { readFile } from "node:fs/promises"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join } from "node:path"
import { hostAllowed, newToken, originAllowed, tokenAllowed } from "./Guard.js"

/** What the server serves: static files from `pageDir`, and a host to answer the bridge. */
export interface Options {
  readonly port: number
  readonly pageDir: string
  /** Answers one raw bridge message (already JSON-parsed); never fails. */
  readonly handle: (message: unknown) => Promise<unknown>
  /** Starts sending events; returns the function that stops them. */
  readonly subscribe: (send: (event: unknown) => void) => () => void
}

/** A running server. `url` carries the token in its fragment, which browsers never send. */
export interface WebServer {
  readonly port: number
  readonly url: string
  readonly close: () => Promise<void>
}

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml"
}

// Sent on every response: nothing but this origin may load into or script the page; no CORS headers at all.
const baseHeaders = {
  "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store"
}

const maxBody = 64 * 1024

const send = (response: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8") => {
  response.writeHead(status, { ...baseHeaders, "Content-Type": type })
  response.end(body)
}

const sendJson = (response: ServerResponse, status: number, value: unknown) =>
  send(response, status, JSON.stringify(value), "application/json; charset=utf-8")

const readBody = (request: IncomingMessage): Promise<string | null> =>
  new Promise((resolve) => {
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBody) {
        resolve(null)
        request.destroy()
      } else chunks.push(chunk)
    })
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.on("error", () => resolve(null))
  })

const parseJson = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** Starts the server on 127.0.0.1:`port` (0 picks a free port). */
export const start = async (options: Options): Promise<WebServer> => {
  const token = newToken()
  const streams = new Set<ServerResponse>()
  let port = options.port

  const serveFile = async (response: ServerResponse, path: string) => {
    const name = path === "/" ? "index.html" : path.slice(1)
    // Only plain file names of the built page; no directories, no traversal.
    if (!/^[\w-]+(\.[\w-]+)*$/.test(name) || types[extname(name)] === undefined) return send(response, 404, "Not found")
    const body = await readFile(join(options.pageDir, name)).catch(() => null)
    if (body === null) return send(response, 404, "Not found")
    response.writeHead(200, { ...baseHeaders, "Content-Type": types[extname(name)] })
    response.end(body)
  }

  const bridge = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST") return send(response, 405, "Use POST")
    if (!originAllowed(request.headers.origin, port)) return send(response, 403, "Cross-origin request refused")
    const body = await readBody(request)
    if (body === null) return send(response, 413, "Request too large")
    const parsed = parseJson(body)
    if (!parsed.ok) return sendJson(response, 400, { _tag: "Failed", message: "Malformed request: the body is not JSON", fields: {} })
    const reply = await options.handle(parsed.value) as { readonly _tag?: string; readonly message?: string }
    sendJson(response, reply._tag === "Failed" && reply.message?.startsWith("Malformed request") === true ? 400 : 200, reply)
  }

  const events = (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { ...baseHeaders, "Content-Type": "text/event-stream; charset=utf-8", Connection: "keep-alive" })
    streams.add(response)
    const stop = options.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`))
    request.on("close", () => {
      stop()
      streams.delete(response)
    })
  }

  const server = createServer((request, response) => {
    if (!hostAllowed(request.headers.host, port)) return send(response, 403, "Unknown host: open the URL cchdrm-tray printed")
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname
    if (!path.startsWith("/api")) {
      if (request.method !== "GET" && request.method !== "HEAD") return send(response, 405, "Use GET")
      return void serveFile(response, path)
    }
    if (!tokenAllowed(request.headers.authorization, token)) return send(response, 401, "Missing or wrong token: open the URL cchdrm-tray printed")
    if (path === "/api") return void bridge(request, response)
    if (path === "/api/events" && request.method === "GET") return events(request, response)
    send(response, 404, "Not found")
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, "127.0.0.1", () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
