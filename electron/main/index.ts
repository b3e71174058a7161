// Electron entry: wiring only. The feed, the store, the policies and every presenter live in
// modules that run (and are tested) without Electron.
import { join } from 'node:path'
import { pickLocale } from '@shared/i18n/translate'
import {
  app,
  globalShortcut,
  ipcMain,
  Menu,
  Notification,
  net,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron'
import { NotifierCore, type NotifierCoreOptions } from './core/notifier-core'
import { openSecretStore } from './credentials/secret-store'
import { registerInvokeHandlers } from './ipc/register-handlers'
import { watchOnline } from './lifecycle/online-watch'
import { applyOpenAtLogin } from './lifecycle/open-at-login'
import { registerOpenShortcut } from './lifecycle/open-shortcut'
import { createLineLogger } from './log/logger'
import { ToastPresenter } from './notify/toast-presenter'
import { AnswerProgressTracker } from './panel/answer-progress'
import { loadAppSettings } from './settings/app-settings'
import { importSecretFromSettings } from './settings/import-secret'
import { SETTINGS_FILE } from './settings/settings-file'
import { answerQuestion } from './shell/answer-question'
import { type AppView, panelStateOf, trayInputsOf } from './shell/app-view'
import { ChangeBatcher, watchCore } from './shell/change-batcher'
import { NotificationPause } from './shell/notification-pause'
import { createPanelHandlers, followSettledAnswers } from './shell/panel-handlers'
import { pushToPanel } from './shell/panel-push'
import { TrayController } from './tray/tray-controller'
import type { TrayIconName } from './tray/tray-presenter'
import { isOwnPage, PANEL_URL, registerAppScheme, serveAppProtocol } from './window/app-protocol'
import { PopupWindow } from './window/popup-window'
import { denyAllPermissions, lockDownContents } from './window/web-security'

const log = createLineLogger((line) => process.stderr.write(`${line}\n`))

// Module-level, and it closes over the tray: that also keeps the garbage collector from taking the icon.
let shutdown: (() => Promise<void>) | null = null
let shuttingDown = false
let closed = false

registerAppScheme(protocol)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('app: could not start; quitting', { error: String(error) })
      app.exit(1)
    })
}

async function start(): Promise<void> {
  app.dock?.hide()
  // Windows shows toasts only for an app with an id; it matches electron-builder.yml.
  app.setAppUserModelId('com.scrum4me.notifier')
  denyAllPermissions(session.defaultSession)
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, log.child('window')))

  const devServerUrl = app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null)
  if (!devServerUrl) serveAppProtocol(protocol, net, join(import.meta.dirname, '../renderer'))

  // Hand-written settings.json until the settings window lands; secrets come from the keychain.
  const userData = app.getPath('userData')
  const secrets = await openSecretStore(log)
  const settingsPath = join(userData, SETTINGS_FILE)
  await importSecretFromSettings(settingsPath, secrets, log)
  const { settings, feed: feedResult } = await loadAppSettings(settingsPath, secrets, log)
  if (!feedResult.ok)
    log.warn(`settings: ${feedResult.problem}; the panel shows "not set up" until that is fixed`)
  const feed = feedResult.ok ? feedResult.feed : null
  const { openAtLogin, shortcut } = settings
  applyOpenAtLogin({
    openAtLogin,
    platform: process.platform,
    app,
    // An AppImage runs from a temporary mount; autostart must start the AppImage file itself.
    executable: process.env.APPIMAGE ?? app.getPath('exe'),
    env: process.env,
    home: app.getPath('home'),
    log,
  })
  const core = feed
    ? openCore({
        feed,
        dataDir: userData,
        applicationName: 'scrum4me-notifier',
        log,
        retentionDays: settings.retentionDays,
        ...(settings.connection?.kind === 'sse' && { answerPath: settings.connection.answerPath }),
      })
    : null
  const pause = new NotificationPause()
  const view: AppView = {
    core,
    answers: new AnswerProgressTracker(),
    pause,
    locale: pickLocale(app.getLocale()),
    webAppUrl: feed?.kind === 'sse' ? feed.serverUrl : null,
    startedAt: Date.now(),
  }

  const iconPath = (icon: TrayIconName) => join(app.getAppPath(), 'resources', 'icons', `${icon}.png`)
  const appTray = new Tray(iconPath('tray-connectedTemplate'))
  const popup = new PopupWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    url: devServerUrl ?? PANEL_URL,
    tray: appTray,
    screen,
  })
  appTray.on('click', () => popup.show())

  const trayController = new TrayController({
    tray: appTray,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    iconPath,
    actions: {
      open: () => popup.show(),
      reconnect: () => core?.nudge('user'),
      pause: (length) => pause.pause(length),
      resume: () => pause.resume(),
      quit: () => app.quit(),
    },
  })
  // The macOS menu bar shows the count as the tray's title; elsewhere it is drawn into the icon.
  const countInIcon = process.platform !== 'darwin'
  const batcher = new ChangeBatcher(() => {
    trayController.update({ ...trayInputsOf(view, Date.now()), countInIcon })
    pushToPanel(popup.contents, 'panel:state', panelStateOf(view))
  })

  const toasts =
    core && Notification.isSupported()
      ? new ToastPresenter({
          createNotification: (options) => new Notification(options),
          store: core.store,
          isPaused: () => pause.isPaused(),
          locale: () => view.locale,
          onClick: (questionId) => popup.show(questionId ? { questionId } : undefined),
          log: log.child('toast'),
          icon: join(app.getAppPath(), 'resources', 'icons', 'app-128.png'),
          // Electron reports which notification button was pressed on macOS only.
          supportsActions: process.platform === 'darwin',
          answer: (questionId, answer) =>
            answerQuestion({ core, answers: view.answers, changed: batcher.changed }, questionId, answer),
        })
      : null

  const openShortcut = registerOpenShortcut({
    globalShortcut,
    preferred: shortcut,
    open: () => popup.show(),
    log,
  })

  const stops = [
    pause.onChange(batcher.changed),
    openShortcut.unregister,
    ...(core
      ? [
          core.onQuestions((events) => toasts?.add(events)),
          followSettledAnswers(core, view.answers),
          watchCore(core, batcher.changed),
          watchOnline({ net, powerMonitor, setOnline: (online) => core.setOnline(online), log }),
        ]
      : []),
    registerInvokeHandlers(
      ipcMain,
      createPanelHandlers({
        view,
        shell,
        hidePanel: () => popup.hide(),
        changed: batcher.changed,
        log: log.child('panel'),
      }),
      (url) => isOwnPage(url, devServerUrl),
      log.child('ipc'),
    ),
  ]

  powerMonitor.on('suspend', () => void core?.sleep())
  powerMonitor.on('resume', () => core?.nudge('resume'))
  powerMonitor.on('unlock-screen', () => core?.nudge('unlock-screen'))
  app.on('second-instance', () => popup.show())

  shutdown = async () => {
    for (const stop of stops) stop()
    batcher.dispose()
    toasts?.dispose()
    pause.dispose()
    await core?.close()
    popup.destroy()
    appTray.destroy()
  }

  core?.start()
  batcher.changed()
  // Without settings there is nothing in the tray worth finding; show why straight away.
  if (!core) popup.show()
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

/**
 * A connection the feed refuses (plaintext to a remote database, say) or a cache from a newer
 * version is logged and shown as "not set up" in the tray and panel; it never stops the app.
 */
function openCore(options: NotifierCoreOptions): NotifierCore | null {
  try {
    return new NotifierCore(options)
  } catch (error) {
    log.error(`app: cannot start the notifier (${(error as Error).message}); showing "not set up"`)
    return null
  }
}
