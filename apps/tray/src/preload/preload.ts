// The preload: the page's narrow API over IPC (context isolation and sandbox on; no Node in the
// page). It passes wire messages only; the main process decodes every one.
import { contextBridge, ipcRenderer } from "electron"

const channels = { request: "cchdrm:request", event: "cchdrm:event", command: "cchdrm:command" } as const

contextBridge.exposeInMainWorld("cchdrm", {
  request: (request: unknown) => ipcRenderer.invoke(channels.request, request),
  onEvent: (listener: (event: unknown) => void) => {
    ipcRenderer.on(channels.event, (_event, payload: unknown) => listener(payload))
  },
  quit: () => ipcRenderer.send(channels.command, { _tag: "Quit" }),
  openWindow: (view: string) => ipcRenderer.send(channels.command, { _tag: "OpenWindow", view })
})
