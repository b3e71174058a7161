// What `import … from 'electron'` gets: the CommonJS stand-in's own instance (inject.ts maps
// `require('electron')` to it), with the named exports the main bundle imports.
import { createRequire } from 'node:module'

const electron = createRequire(import.meta.url)('electron') as typeof import('./electron')

export const {
  app,
  BrowserWindow,
  clipboard,
  globalShortcut,
  ipcMain,
  Menu,
  Notification,
  nativeTheme,
  net,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
} = electron
export default electron
