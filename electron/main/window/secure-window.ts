// Every window of ours is made here, so each one gets the same locked-down web preferences.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'

export function createSecureWindow(
  preloadPath: string,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    // Written out here, not built elsewhere, so reviewers and Electronegativity see every flag.
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in a new window either.
      disableBlinkFeatures: 'Auxclick',
    },
  })
}
