// Electron's security checklist for every page we own: isolated, sandboxed, no Node, and no way
// to navigate, open windows or gain permissions.
import type { Session, WebContents, WebPreferences } from 'electron'
import type { Logger } from '../log/logger'

export function panelWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  }
}

/** For every webContents the app creates: links go through our allowlisted handler, never here. */
export function lockDownContents(contents: WebContents, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('window: refused to open a new window', { url })
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    log.warn('window: refused a navigation away from the panel', { url })
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** The panel needs no camera, notifications API, clipboard-read or anything else. */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
