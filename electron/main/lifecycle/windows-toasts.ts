// Windows toast identity. A toast belongs to an AppUserModelID, and its buttons and clicks reach the app
// (also after it quit, from Action Center) through a COM activator with a fixed CLSID. Electron 45
// registers that activator under HKCU and stamps AUMID + CLSID into the per-user Start-menu shortcut
// "Scrum4Me Notifier.lnk" itself — the file our per-user NSIS installer creates (electron-builder.yml).
import type { App } from 'electron'

/** electron-builder's `appId`; its NSIS installer writes it into the Start-menu shortcut. */
export const APP_USER_MODEL_ID = 'com.scrum4me.notifier'

/**
 * Fixed forever: Windows remembers it per toast and per shortcut, so a new value would orphan toasts
 * still in Action Center. resources/build/installer.nsh removes its registry key on uninstall.
 */
export const TOAST_ACTIVATOR_CLSID = '{8CD182D6-40E1-4441-8A52-BCC6F0F21A1F}'

/** Call on Windows before the first notification; the CLSID first, so it lands in the shortcut. */
export function identifyForWindowsToasts(
  app: Pick<App, 'setToastActivatorCLSID' | 'setAppUserModelId'>,
): void {
  app.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID)
  app.setAppUserModelId(APP_USER_MODEL_ID)
}
