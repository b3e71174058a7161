// Electron entry: wiring only. The feed, the store, the policies and every presenter live in
// modules that run (and are tested) without Electron.
import { join } from 'node:path'
import { pickLocale } from '@shared/i18n/translate'
import type { SettingsSection, WindowName } from '@shared/ipc/contract'
import type { Settings } from '@shared/settings'
import {
  app,
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
  type WebContents,
} from 'electron'
import electronUpdater from 'electron-updater'
import { CoreHost } from './core/core-host'
import { NotifierCore } from './core/notifier-core'
import { redactingSecretStore } from './credentials/redacting-secret-store'
import { openSecretStore, SessionSecretStore } from './credentials/secret-store'
import { DiagnosticsRecorder } from './diagnostics/diagnostics-recorder'
import type { FeedConfig } from './feed/feed-config'
import { pushToWindow } from './ipc/push-to-window'
import { type InvokeHandlers, registerInvokeHandlers } from './ipc/register-handlers'
import { startAutoUpdate } from './lifecycle/auto-update'
import { enableChromiumFeatures } from './lifecycle/chromium-features'
import { applyDataDirOverride } from './lifecycle/data-dir-override'
import { watchOnline } from './lifecycle/online-watch'
import { applyOpenAtLogin } from './lifecycle/open-at-login'
import { type OpenShortcut, registerOpenShortcut } from './lifecycle/open-shortcut'
import { identifyForWindowsToasts } from './lifecycle/windows-toasts'
import { createFileLogger } from './log/file-log'
import { createLineLogger, type Logger } from './log/logger'
import { Redactor } from './log/redact'
import { doNotDisturbReader } from './notify/do-not-disturb'
import { NotificationPause } from './notify/notification-pause'
import { toastButtonsSupported } from './notify/toast-buttons'
import { ToastPresenter } from './notify/toast-presenter'
import { AnswerProgressTracker } from './panel/answer-progress'
import { answerQuestion } from './panel/answer-question'
import { type AppView, panelStateOf, trayInputsOf } from './panel/app-view'
import { ChangeBatcher, watchCore } from './panel/change-batcher'
import { createPanelHandlers, followSettledAnswers } from './panel/panel-handlers'
import { importSecretFromSettings } from './settings/import-secret'
import { SettingsController } from './settings/settings-controller'
import { applySettingsEffects, type SettingsEffectPorts } from './settings/settings-effects'
import { SETTINGS_FILE } from './settings/settings-file'
import { createSettingsHandlers } from './settings/settings-handlers'
import { testConnection } from './setup/connection-test'
import { TrayController } from './tray/tray-controller'
import type { TrayIconName } from './tray/tray-presenter'
import { isOwnPage, PANEL_URL, registerAppScheme, serveAppProtocol } from './window/app-protocol'
import { popupCanBePlaced } from './window/display-server'
import { PopupWindow } from './window/popup-window'
import { SettingsWindow } from './window/settings-window'
import { denyAllPermissions, lockDownContents } from './window/web-security'

// stderr until start() knows where the log folder is; from then on also the rotating file.
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
    .then(start)
    .catch((error: unknown) => {
      log.error('app: could not start; quitting', { error: String(error) })
      app.exit(1)
    })
}

async function start(): Promise<void> {
  const redactor = new Redactor()
  const fileLog = createFileLogger({ dir: app.getPath('logs'), redactor })
  log = fileLog.log
  app.dock?.hide()
  // Windows shows toasts (and their buttons) only for an app with an id and a toast activator.
  if (process.platform === 'win32') identifyForWindowsToasts(app)
  denyAllPermissions(session.defaultSession)
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, log.child('window')))

  const devServerUrl = app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null)
  if (!devServerUrl) serveAppProtocol(protocol, net, join(import.meta.dirname, '../renderer'))
  const pageUrl = devServerUrl ?? PANEL_URL
  // Each window its own preload, with only its own calls (shared/ipc/contract.ts).
  const preloadOf = (window: WindowName) => join(import.meta.dirname, `../preload/${window}.cjs`)

  const userData = app.getPath('userData')
  // macOS asks codesign (a moment); it runs while the keychain opens.
  const toastButtons = toastButtonsSupported({
    platform: process.platform,
    isPackaged: app.isPackaged,
    executable: app.getPath('exe'),
  })
  // The keychain is one per OS user, shared by every data folder: a run on its own folder must not
  // overwrite the real app's secret, so it keeps its secret in memory.
  const secretStore = dataDirOverride ? new SessionSecretStore() : await openSecretStore(log)
  const secrets = redactingSecretStore(secretStore, redactor)
  const settingsPath = join(userData, SETTINGS_FILE)
  await importSecretFromSettings(settingsPath, secrets, log)

  const pause = new NotificationPause()
  const view: AppView = {
    core: null,
    answers: new AnswerProgressTracker(),
    pause,
    locale: pickLocale(app.getLocale()),
    webAppUrl: null,
    problem: null,
    startedAt: Date.now(),
  }

  const iconPath = (icon: TrayIconName) => join(app.getAppPath(), 'resources', 'icons', `${icon}.png`)
  const appTray = new Tray(iconPath('tray-connectedTemplate'))
  const popup = new PopupWindow({
    preloadPath: preloadOf('panel'),
    url: pageUrl,
    tray: appTray,
    screen,
    placeable: popupCanBePlaced({
      platform: process.platform,
      env: process.env,
      ozonePlatform: app.commandLine.getSwitchValue('ozone-platform'),
    }),
    ...(process.platform === 'darwin' && { activateApp: () => app.focus({ steal: true }) }),
  })
  const settingsWindow = new SettingsWindow({
    preloadPath: preloadOf('settings'),
    url: pageUrl,
    title: 'Scrum4Me Notifier',
  })
  const windowOf = (sender: WebContents): WindowName | null =>
    sender === popup.contents ? 'panel' : sender === settingsWindow.contents ? 'settings' : null

  const openSettings = (section: SettingsSection) => {
    popup.hide()
    // A menu-bar-only app (LSUIElement) is not active; without this its window opens behind others.
    if (process.platform === 'darwin') app.focus({ steal: true })
    settingsWindow.open(
      host.core || controller.settings.connection ? { view: 'settings', section } : { view: 'setup' },
    )
  }
  const openLogs = async () => {
    const error = await shell.openPath(fileLog.filePath)
    if (error) log.warn('logs: could not open the log file', { error })
    return error === ''
  }
  const diagnostics = new DiagnosticsRecorder({
    dataDir: userData,
    logFile: fileLog.filePath,
    appVersion: app.getVersion(),
  })
  const doNotDisturb = doNotDisturbReader()

  const trayController = new TrayController({
    tray: appTray,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    iconPath,
    actions: {
      open: () => popup.show(),
      reconnect: () => host.core?.nudge('user'),
      pause: (length) => pause.pause(length),
      resume: () => pause.resume(),
      settings: () => openSettings('general'),
      openLogs: () => void openLogs(),
      quit: () => app.quit(),
    },
    platform: process.platform,
  })
  // The macOS menu bar shows the count as the tray's title; elsewhere it is drawn into the icon.
  const countInIcon = process.platform !== 'darwin'
  const batcher = new ChangeBatcher(() => {
    trayController.update({ ...trayInputsOf(view, Date.now()), countInIcon })
    const state = panelStateOf(view)
    // The settings window lists the products of the current questions, for muting.
    for (const contents of [popup.contents, settingsWindow.contents])
      pushToWindow(contents, 'panel:state', state)
  })

  const supportsActions = await toastButtons
  // The current core's toasts, for Windows activations that come without a live toast object.
  let currentToasts: ToastPresenter | null = null
  const host: CoreHost = new CoreHost({
    dataDir: userData,
    secrets,
    log,
    createCore: (feed, connection) =>
      new NotifierCore({
        feed,
        dataDir: userData,
        applicationName: 'scrum4me-notifier',
        log,
        retentionDays: controller.settings.retentionDays,
        ...(connection.kind === 'sse' && connection.answerPath && { answerPath: connection.answerPath }),
      }),
    attach: (core, feed) => attachCore(core, feed),
    changed: () => {
      view.problem = host.problem
      batcher.changed()
    },
  })

  /**
   * Everything that lives as long as one core: its place in the view, its toasts and its
   * subscriptions. The detach runs before the core closes, so nothing reads a closed core.
   */
  function attachCore(core: NotifierCore, feed: FeedConfig): () => void {
    view.core = core
    view.answers = new AnswerProgressTracker()
    view.webAppUrl = feed.kind === 'sse' ? feed.serverUrl : null
    const undiagnose = diagnostics.attach(core)
    const toasts = Notification.isSupported()
      ? new ToastPresenter({
          createNotification: (options) => new Notification(options),
          store: core.store,
          isPaused: () => pause.isPaused(),
          settings: () => controller.settings,
          doNotDisturb,
          locale: () => view.locale,
          onClick: (questionId) => popup.show(questionId ? { questionId } : undefined),
          log: log.child('toast'),
          icon: join(app.getAppPath(), 'resources', 'icons', 'app-128.png'),
          supportsActions,
          keepsTimedOutToasts: process.platform === 'win32',
          onShown: (ids) => diagnostics.shown(ids),
          answer: (questionId, answer) =>
            answerQuestion({ core, answers: view.answers, changed: batcher.changed }, questionId, answer),
        })
      : null
    currentToasts = toasts
    const stops = [
      core.onQuestions((events) => toasts?.add(events)),
      followSettledAnswers(core, view.answers),
      watchCore(core, batcher.changed),
      watchOnline({ net, powerMonitor, setOnline: (online) => core.setOnline(online), log }),
    ]
    return () => {
      for (const stop of stops) stop()
      undiagnose()
      toasts?.dispose()
      if (currentToasts === toasts) currentToasts = null
      view.core = null
      view.webAppUrl = null
    }
  }

  let openShortcut: OpenShortcut | null = null
  const controller: SettingsController = new SettingsController({
    settingsPath,
    secrets,
    testConnection: (draft) => testConnection(draft, { applicationName: 'scrum4me-notifier/setup', log }),
    applyConnection: (change) => host.apply(change),
    shortcutStatus: () => openShortcut?.status ?? { state: 'none' },
    systemLocale: pickLocale(app.getLocale()),
    appVersion: app.getVersion(),
    log,
  })
  const updates = startAutoUpdate({
    updater: electronUpdater.autoUpdater,
    // Where electron-builder puts the feed named by `publish`, and where electron-updater reads it.
    updateConfigFile: app.isPackaged ? join(process.resourcesPath, 'app-update.yml') : null,
    log,
  })

  const settingsEffects: SettingsEffectPorts = {
    setLocale: (locale) => {
      view.locale = locale
    },
    nativeTheme,
    applyOpenAtLogin: (openAtLogin) =>
      applyOpenAtLogin({
        openAtLogin,
        platform: process.platform,
        isPackaged: app.isPackaged,
        app,
        executable: app.getPath('exe'),
        env: process.env,
        home: app.getPath('home'),
        log,
      }),
    registerShortcut: (preferred) => {
      openShortcut?.unregister()
      openShortcut = registerOpenShortcut({
        globalShortcut,
        preferred,
        platform: process.platform,
        env: process.env,
        open: () => popup.show(),
        log,
      })
    },
    setRetentionDays: (days) => host.core?.setRetentionDays(days),
    changed: batcher.changed,
  }
  const applySettings = (settings: Settings, previous: Settings | null) =>
    applySettingsEffects(settingsEffects, { settings, previous, locale: controller.locale })

  const stops = [
    pause.onChange(batcher.changed),
    () => openShortcut?.unregister(),
    updates.stop,
    controller.onChange(({ settings, previous }) => {
      applySettings(settings, previous)
      void controller.state().then((state) => pushToWindow(settingsWindow.contents, 'settings:state', state))
    }),
    registerInvokeHandlers(
      ipcMain,
      {
        ...createPanelHandlers({
          view,
          shell,
          hidePanel: () => popup.hide(),
          changed: batcher.changed,
          onSeen: (ids) => diagnostics.shown(ids),
          log: log.child('panel'),
        }),
        ...createSettingsHandlers({
          controller,
          diagnostics: () => diagnostics.snapshot(),
          openSettings,
          openLogs,
          pause,
        }),
      } satisfies InvokeHandlers,
      { isOwnPage: (url) => isOwnPage(url, devServerUrl), windowOf },
      log.child('ipc'),
    ),
  ]

  powerMonitor.on('suspend', () => void host.core?.sleep())
  powerMonitor.on('resume', () => host.core?.nudge('resume'))
  powerMonitor.on('unlock-screen', () => host.core?.nudge('unlock-screen'))
  app.on('second-instance', () => popup.show())

  shutdown = async () => {
    for (const stop of stops) stop()
    await host.close()
    batcher.dispose()
    pause.dispose()
    settingsWindow.destroy()
    popup.destroy()
    appTray.destroy()
  }

  applySettings(controller.settings, null)
  const { connection } = controller.settings
  await host.apply({ connection, clearCache: false })
  // Windows: a toast activated in Action Center after its object is gone, or one that started the
  // app (Electron replays that one now): the popup opens (see ToastPresenter.activated).
  if (process.platform === 'win32')
    Notification.handleActivation(() => (currentToasts ? currentToasts.activated() : popup.show()))
  // A first start goes straight to setup; a connection that cannot start says why in its section.
  if (!connection) {
    if (process.platform === 'darwin') app.focus({ steal: true })
    settingsWindow.open({ view: 'setup' })
  } else if (!host.core) openSettings('connection')
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
