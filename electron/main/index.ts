// Electron entry. Kept thin: the feed, the store and the policies live in Electron-free modules.
import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'

function createPanel(): BrowserWindow {
  const panel = new BrowserWindow({
    width: 420,
    height: 560,
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  })
  panel.once('ready-to-show', () => panel.show())
  if (process.env.ELECTRON_RENDERER_URL) void panel.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void panel.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return panel
}

void app.whenReady().then(() => {
  createPanel()
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
