// The Electron composition root: the only module that touches Electron. Everything it wires is
// tested without it (TrayApp, presentation, icon, update check, host).
import { DataPaths } from "@cchdrm/storage"
import { app, BrowserWindow, ipcMain, nativeImage, Notification, screen, shell, Tray } from "electron"
import { Either } from "effect"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import * as HostRuntime from "../host/Runtime.js"
import * as Bridge from "../shared/Bridge.js"
import { desktopNotifier } from "./desktopNotifier.js"
import { iconBitmap, size } from "./iconBitmap.js"
import { popoverPosition } from "./popoverPosition.js"
import type { NotificationPort, WindowName } from "./ports.js"
import { startTrayApp } from "./TrayApp.js"
import { hasTrayTitle } from "./trayPresentation.js"

const releasesUrl = process.env.CCHDRM_RELEASES_URL ?? "https://api.github.com/repos/cc-hdrm/cc-hdrm/releases/latest"
const pageFile = join(__dirname, "..", "renderer", "index.html")
const windowSizes: Record<WindowName, { readonly width: number; readonly height: number }> = {
  popover: { width: 400, height: 620 },
  analytics: { width: 780, height: 640 },
  settings: { width: 700, height: 760 }
}

const notificationPort: NotificationPort = {
  show: ({ title, body, onClick, onClose }) => {
    const notification = new Notification({ title, body })
    if (onClick !== undefined) notification.on("click", onClick)
    if (onClose !== undefined) notification.on("close", onClose)
    notification.show()
  }
}

const main = async () => {
  await app.whenReady()
  const paths = DataPaths.ofProcess()
  if (Either.isLeft(paths)) {
    process.stderr.write(`cchdrm-tray: ${paths.left.message}\n`)
    return app.exit(2)
  }
  const host = await HostRuntime.start(paths.right, desktopNotifier(notificationPort))
  const windows = new Map<WindowName, BrowserWindow>()
  const own = new Set<number>()

  const windowOf = (name: WindowName) => {
    const existing = windows.get(name)
    if (existing !== undefined && !existing.isDestroyed()) return existing
    const window = new BrowserWindow({
      ...windowSizes[name],
      show: false,
      frame: name !== "popover",
      resizable: name !== "popover",
      skipTaskbar: name === "popover",
      webPreferences: { preload: join(__dirname, "..", "preload", "preload.cjs"), contextIsolation: true, sandbox: true, nodeIntegration: false }
    })
    own.add(window.webContents.id)
    const stop = host.subscribe((event) => window.webContents.send(Bridge.channels.event, event))
    window.on("closed", () => {
      stop()
      windows.delete(name)
    })
    if (name === "popover") window.on("blur", () => window.hide())
    // No navigation away from the page, no new windows.
    window.webContents.on("will-navigate", (event) => event.preventDefault())
    window.webContents.setWindowOpenHandler(() => ({ action: "deny" }))
    void window.loadFile(pageFile, { query: { view: name } })
    windows.set(name, window)
    return window
  }

  const tray = new Tray(nativeImage.createEmpty())
  const dismissedFile = join(paths.right.dataDir, "update-dismissed")
  const trayApp = startTrayApp({
    host,
    tray: {
      setTitle: (title) => tray.setTitle(title),
      setToolTip: (label) => tray.setToolTip(label),
      setIcon: (icon) => tray.setImage(nativeImage.createFromBitmap(Buffer.from(iconBitmap(icon)), { width: size, height: size, scaleFactor: 2 }))
    },
    windows: {
      show: (name) => {
        const window = windowOf(name)
        if (name === "popover") {
          const bounds = tray.getBounds()
          const { x, y } = popoverPosition(bounds, windowSizes.popover, screen.getDisplayNearestPoint({ x: bounds.x, y: bounds.y }).workArea)
          window.setPosition(x, y)
        }
        window.show()
      },
      hide: (name) => windows.get(name)?.hide(),
      isVisible: (name) => windows.get(name)?.isVisible() ?? false
    },
    notifications: notificationPort,
    loginItem: {
      get: () => app.getLoginItemSettings().openAtLogin,
      set: (openAtLogin) => app.setLoginItemSettings({ openAtLogin })
    },
    shell: { openExternal: (url) => void shell.openExternal(url) },
    dismissals: {
      dismissed: () => {
        try {
          return readFileSync(dismissedFile, "utf8").trim()
        } catch {
          return null
        }
      },
      dismiss: (version) => writeFileSync(dismissedFile, `${version}\n`)
    },
    platform: { hasTitle: hasTrayTitle(process.platform) },
    updates: { url: releasesUrl, currentVersion: app.getVersion(), fetch: globalThis.fetch },
    quit: () => app.quit()
  })
  tray.on("click", () => trayApp.trayClicked())

  ipcMain.handle(Bridge.channels.request, (event, message: unknown) => trayApp.request(message, own.has(event.sender.id)))
  ipcMain.on(Bridge.channels.command, (event, message: unknown) => {
    Either.map(Bridge.decodeShellCommand(message), (command) => trayApp.command(command, own.has(event.sender.id)))
  })
  app.on("window-all-closed", () => undefined) // a tray app keeps running without windows
  app.on("before-quit", () => {
    trayApp.stop()
    void host.dispose()
  })
}

void main()
