// The settings window: the panel's page on its own route, in an ordinary framed window that is
// made on demand and gone when closed (a tray app should not keep a hidden window around).
import { hashOf, type SettingsRoute } from '@shared/route'
import type { BrowserWindow } from 'electron'
import { createSecureWindow } from './secure-window'

export interface SettingsWindowOptions {
  preloadPath: string
  /** The page, without a hash. */
  url: string
  title: string
}

export class SettingsWindow {
  private window: BrowserWindow | null = null

  constructor(private readonly options: SettingsWindowOptions) {}

  get contents(): Electron.WebContents | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null
  }

  open(route: SettingsRoute): void {
    const url = `${this.options.url}${hashOf(route)}`
    if (this.window && !this.window.isDestroyed()) {
      // Same page, another hash: an in-page navigation, so will-navigate's lock stays out of it.
      void this.window.loadURL(url)
      this.window.show()
      this.window.focus()
      return
    }
    const window = createSecureWindow(this.options.preloadPath, {
      width: 760,
      height: 620,
      minWidth: 560,
      minHeight: 480,
      show: false,
      title: this.options.title,
      autoHideMenuBar: true,
    })
    window.once('ready-to-show', () => window.show())
    window.on('closed', () => {
      if (this.window === window) this.window = null
    })
    this.window = window
    void window.loadURL(url)
  }

  destroy(): void {
    if (this.window && !this.window.isDestroyed()) this.window.destroy()
    this.window = null
  }
}
