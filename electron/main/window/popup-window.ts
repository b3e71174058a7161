// The panel as a tray popup: frameless, anchored at the tray icon, gone on blur or Esc.
import type { PushPayloads } from '@shared/ipc/contract'
import type { BrowserWindow, Screen, Tray } from 'electron'
import { pushToWindow } from '../ipc/push-to-window'
import { POPUP_SIZE, popupPosition } from './popup-position'
import { presentPopup } from './popup-show'
import { createSecureWindow } from './secure-window'

export interface PopupWindowOptions {
  preloadPath: string
  url: string
  tray: Pick<Tray, 'getBounds'>
  screen: Pick<Screen, 'getDisplayNearestPoint' | 'getCursorScreenPoint'>
  /** False on native Wayland, where the compositor places windows (display-server.ts). */
  placeable: boolean
  /** macOS: makes the menu-bar app active, so the popup gets the keys. */
  activateApp?: () => void
}

export class PopupWindow {
  private readonly window: BrowserWindow
  private quitting = false

  constructor(private readonly options: PopupWindowOptions) {
    this.window = createSecureWindow(options.preloadPath, {
      ...POPUP_SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
    })
    this.window.on('blur', () => this.hide())
    // Alt+F4 and the like hide the popup; only quitting destroys it.
    this.window.on('close', (event) => {
      if (this.quitting) return
      event.preventDefault()
      this.hide()
    })
    this.window.webContents.on('before-input-event', (event, input) => {
      if (input.type !== 'keyDown' || input.key !== 'Escape') return
      event.preventDefault()
      this.hide()
    })
    void this.window.loadURL(options.url)
  }

  get contents(): Electron.WebContents | null {
    return this.window.isDestroyed() ? null : this.window.webContents
  }

  show(focus?: PushPayloads['panel:focus-question']): void {
    if (this.window.isDestroyed()) return
    presentPopup(this.window, {
      platform: process.platform,
      position: this.options.placeable ? this.position() : null,
      activateApp: this.options.activateApp,
    })
    if (!focus) return
    const contents = this.window.webContents
    // A toast clicked before the page finished loading must not lose its question.
    if (contents.isLoading())
      contents.once('did-finish-load', () => pushToWindow(contents, 'panel:focus-question', focus))
    else pushToWindow(contents, 'panel:focus-question', focus)
  }

  hide(): void {
    if (!this.window.isDestroyed()) this.window.hide()
  }

  destroy(): void {
    this.quitting = true
    if (!this.window.isDestroyed()) this.window.destroy()
  }

  private position(): [number, number] {
    const trayBounds = this.options.tray.getBounds()
    const empty = trayBounds.width === 0 && trayBounds.height === 0
    const point = empty
      ? this.options.screen.getCursorScreenPoint()
      : {
          x: trayBounds.x + Math.round(trayBounds.width / 2),
          y: trayBounds.y + Math.round(trayBounds.height / 2),
        }
    const { workArea } = this.options.screen.getDisplayNearestPoint(point)
    const { x, y } = popupPosition({ trayBounds, workArea, size: POPUP_SIZE, platform: process.platform })
    return [x, y]
  }
}
