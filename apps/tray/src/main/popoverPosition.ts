// Where the popover opens: under the tray icon when the tray is at the top of the screen (macOS,
// most Linux panels), above it when at the bottom (Windows' taskbar), always inside the work area.

/** A rectangle in screen coordinates. */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max))

/** The popover's top-left corner for a tray icon at `tray` on a screen whose usable area is `workArea`. */
export const popoverPosition = (tray: Rect, size: { readonly width: number; readonly height: number }, workArea: Rect): { readonly x: number; readonly y: number } => {
  const centre = tray.x + tray.width / 2
  const atTop = tray.y + tray.height / 2 < workArea.y + workArea.height / 2
  const x = clamp(Math.round(centre - size.width / 2), workArea.x, workArea.x + workArea.width - size.width)
  const y = atTop ? Math.max(workArea.y, tray.y + tray.height + 4) : Math.min(workArea.y + workArea.height, tray.y - 4) - size.height
  return { x, y: clamp(y, workArea.y, workArea.y + workArea.height - size.height) }
}
