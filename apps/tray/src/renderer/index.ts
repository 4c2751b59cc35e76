// The page's entry: picks the bridge client (Electron's preload, else HTTP with the URL's token).
import "uplot/dist/uPlot.min.css"
import "./style.css"
import { start } from "./app.js"
import { httpClient, ipcClient, type PreloadApi } from "./client.js"

const tokenKey = "cchdrm-token"

// The token arrives in the URL fragment (never sent to a server, never in a log); it moves to
// session storage at once so it neither stays in the address bar nor is lost on reload.
const takeToken = (): string | null => {
  const match = /[#&]token=([A-Za-z0-9_-]+)/.exec(location.hash)
  if (match !== null) {
    sessionStorage.setItem(tokenKey, match[1]!)
    history.replaceState(null, "", location.pathname + location.search)
  }
  return sessionStorage.getItem(tokenKey)
}

const root = document.getElementById("app")!
const preload = (window as unknown as { readonly cchdrm?: PreloadApi }).cchdrm
const view = new URLSearchParams(location.search).get("view")
const only = view === "popover" || view === "analytics" || view === "settings" ? view : null
if (preload !== undefined) start(root, ipcClient(preload), only ?? "popover")
else {
  const token = takeToken()
  if (token === null) root.innerHTML = `<p class="error" role="alert">Open the address cchdrm-tray printed: it carries this session's access token.</p>`
  else start(root, httpClient(token), only)
}
