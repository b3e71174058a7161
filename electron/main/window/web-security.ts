// The rest of the security checklist for every page we own (its webPreferences are in popup-window.ts):
// no navigation, no new windows, no webviews and no permissions.
import type { Session, WebContents } from 'electron'
import type { Logger } from '../log/logger'

/** For every webContents the app creates: links go through our allowlisted handler, never here. */
export function lockDownContents(contents: WebContents, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('refused to open a new window', { url })
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    log.warn('refused a navigation away from the panel', { url })
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
