// How big the popup is and where it goes: against the tray icon, inside the work area. A small pure
// function instead of a positioning dependency, so the Wayland case (no tray bounds) is ours to decide.

export interface PopupPlacement {
  /** `tray.getBounds()`; all zero where the platform does not say (Wayland, some Linux trays). */
  trayBounds: Electron.Rectangle
  /** The work area of the display nearest the tray (or the cursor, without bounds). */
  workArea: Electron.Rectangle
  size: { width: number; height: number }
  platform: NodeJS.Platform
}

/** The popup's size; the Chromium tests open the panel at it too. */
export const POPUP_SIZE = { width: 420, height: 560 }

const MARGIN = 8

export function popupPosition({ trayBounds, workArea, size, platform }: PopupPlacement): {
  x: number
  y: number
} {
  const right = workArea.x + workArea.width - size.width - MARGIN
  if (trayBounds.width === 0 && trayBounds.height === 0) {
    // No idea where the icon is: Windows keeps its tray at the bottom, Linux panels mostly at the top.
    const y = platform === 'win32' ? workArea.y + workArea.height - size.height - MARGIN : workArea.y + MARGIN
    return { x: right, y }
  }
  const trayMiddleY = trayBounds.y + trayBounds.height / 2
  const below = trayMiddleY < workArea.y + workArea.height / 2
  const x = trayBounds.x + trayBounds.width / 2 - size.width / 2
  const y = below ? trayBounds.y + trayBounds.height + MARGIN / 2 : trayBounds.y - size.height - MARGIN / 2
  return {
    x: Math.round(clamp(x, workArea.x + MARGIN, right)),
    y: Math.round(clamp(y, workArea.y, workArea.y + workArea.height - size.height)),
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max))
}
