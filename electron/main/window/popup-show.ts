// Showing the popup so it is where the user is and takes the keys (1–8, Enter, Esc) at once.
import type { BrowserWindow, WebContents } from 'electron'

export type PopupSurface = Pick<
  BrowserWindow,
  'setVisibleOnAllWorkspaces' | 'setPosition' | 'show' | 'focus'
> & {
  webContents: Pick<WebContents, 'focus'>
}

export interface PresentOptions {
  platform: NodeJS.Platform
  /** Null where the window cannot place itself (native Wayland: the compositor does). */
  position: [number, number] | null
  /** macOS: a menu-bar app (LSUIElement) is not active, so its window would not get the keys. */
  activateApp?: () => void
}

export function presentPopup(
  window: PopupSurface,
  { platform, position, activateApp }: PresentOptions,
): void {
  if (platform === 'darwin') {
    // Before show, so it opens on the current Space, over a full-screen app too. The app is already
    // a UI element (LSUIElement, dock hidden): skipping the process-type change avoids a Dock flash.
    window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true })
  }
  if (position) window.setPosition(...position)
  activateApp?.()
  window.show()
  window.focus()
  // The window being focused is not enough for the page to receive key events at once.
  window.webContents.focus()
}
