// The page's only way to the host: a bridge client over Electron IPC (through the preload) or over
// loopback HTTP, chosen at start. Both carry the same wire messages (shared/Bridge.ts).
import type { EventWire, ReplyWire, RequestWire } from "../shared/Bridge.js"

/** What the page can do; `quit` only exists where there is an app to quit. */
export interface BridgeClient {
  readonly request: (request: RequestWire) => Promise<ReplyWire>
  readonly subscribe: (onEvent: (event: EventWire) => void) => void
  readonly quit: (() => void) | null
  readonly openWindow: ((view: "analytics" | "settings") => void) | null
}

/** What the Electron preload exposes as `window.cchdrm`. */
export interface PreloadApi {
  readonly request: (request: RequestWire) => Promise<ReplyWire>
  readonly onEvent: (listener: (event: EventWire) => void) => void
  readonly quit: () => void
  readonly openWindow: (view: "analytics" | "settings") => void
}

/** The client over IPC, when the page runs in the Electron app. */
export const ipcClient = (api: PreloadApi): BridgeClient => ({
  request: api.request,
  subscribe: api.onEvent,
  quit: api.quit,
  openWindow: api.openWindow
})

// Server-Sent Events read through fetch, so the token travels in a header rather than a URL.
const readEvents = async (token: string, onEvent: (event: EventWire) => void) => {
  const response = await fetch("/api/events", { headers: { Authorization: `Bearer ${token}` } })
  if (!response.ok || response.body === null) throw new Error(`events: ${response.status}`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ""
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    buffer += value
    let end = buffer.indexOf("\n\n")
    while (end >= 0) {
      const frame = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (frame.startsWith("data: ")) onEvent(JSON.parse(frame.slice(6)) as EventWire)
      end = buffer.indexOf("\n\n")
    }
  }
}

/** The client over HTTP, when the page is served by `cchdrm-tray --web`. */
export const httpClient = (token: string): BridgeClient => ({
  request: async (request) => {
    const response = await fetch("/api", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(request)
    })
    if (response.status === 401) return { _tag: "Failed", message: "Not authorized — open the URL cchdrm-tray printed", fields: {} }
    return await response.json() as ReplyWire
  },
  subscribe: (onEvent) => {
    // Reconnects after the stream drops (laptop sleep, server restart).
    const loop = (): void => void readEvents(token, onEvent).catch(() => undefined).then(() => setTimeout(loop, 2000))
    loop()
  },
  quit: null,
  openWindow: null
})
