// Electron entry: wiring only. What has to happen before the app is ready (the data folder, the
// app:// scheme, the single-instance lock) and the quit that waits for a clean shutdown; the app
// itself is put together in lifecycle/startup.ts.
import { app, protocol } from 'electron'
import { enableChromiumFeatures } from './lifecycle/chromium-features'
import { applyDataDirOverride } from './lifecycle/data-dir-override'
import { startApp } from './lifecycle/startup'
import { createLineLogger, type Logger } from './log/logger'
import { registerAppScheme } from './window/app-protocol'

// stderr until startup knows where the log folder is; from then on also the rotating file.
let log: Logger = createLineLogger((line) => process.stderr.write(`${line}\n`))

// Module-level, and it closes over the tray: that also keeps the garbage collector from taking the icon.
let shutdown: (() => Promise<void>) | null = null
let shuttingDown = false
let closed = false

// Before the single-instance lock, which is scoped to userData: a demo runs beside the real app.
const dataDirOverride = applyDataDirOverride(app, process.env)
enableChromiumFeatures(app.commandLine, process.platform)

registerAppScheme(protocol)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void app
    .whenReady()
    .then(() =>
      startApp({
        dataDirOverride,
        onFileLog: (fileLog) => {
          log = fileLog
        },
      }),
    )
    .then((started) => {
      shutdown = started.shutdown
      return started.open()
    })
    .catch((error: unknown) => {
      log.error('app: could not start; quitting', { error: String(error) })
      app.exit(1)
    })
}

// A tray app lives on with its popup hidden or closed.
app.on('window-all-closed', () => {})

// Quitting waits for the core: the feed closes cleanly and SQLite is checkpointed and closed.
app.on('before-quit', (event) => {
  if (closed || !shutdown) return
  event.preventDefault()
  if (shuttingDown) return
  shuttingDown = true
  void shutdown()
    .catch((error: unknown) => log.error('app: shutdown failed; quitting anyway', { error: String(error) }))
    .finally(() => {
      closed = true
      app.quit()
    })
})
