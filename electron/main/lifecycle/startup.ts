// The app put together once Electron is ready: the foundations (log, page, secrets), then one
// registrar per domain (tray, windows, panel, settings, notifications, power and network), then
// the core host, whose `attach` (openCoreHost below) wires each new core into them. Electron is
// reached only from index.ts, lifecycle/ and window/; each registrar gets the narrow ports it needs
// and returns its own dispose.
import { join } from 'node:path'
import type { Locale } from '@shared/i18n/messages'
import { pickLocale, translator } from '@shared/i18n/translate'
import type { WindowName } from '@shared/ipc/contract'
import type { Settings } from '@shared/settings'
import { sessionViewOf } from '@shared/sign-in-offer'
import {
  app,
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
} from 'electron'
import electronUpdater from 'electron-updater'
import { type Late, late } from '../common/late'
import { CoreHost } from '../core/core-host'
import { NotifierCore } from '../core/notifier-core'
import { redactingSecretStore } from '../credentials/redacting-secret-store'
import { openSecretStore, type SecretStore, SessionSecretStore } from '../credentials/secret-store'
import { DiagnosticsRecorder } from '../diagnostics/diagnostics-recorder'
import { type InvokeHandlers, registerInvokeHandlers } from '../ipc/register-handlers'
import { createFileLogger, type FileLogger } from '../log/file-log'
import type { Logger } from '../log/logger'
import { Redactor } from '../log/redact'
import { doNotDisturbReader } from '../notify/do-not-disturb'
import { NotificationPause } from '../notify/notification-pause'
import { type Notifications, registerNotifications } from '../notify/register-notifications'
import { toastButtonsSupported } from '../notify/toast-buttons'
import { type Panel, registerPanel } from '../panel/register-panel'
import { importSecretFromSettings } from '../settings/import-secret'
import { registerSettings, type SettingsRegistration } from '../settings/register-settings'
import type { ConnectionChange, SettingsController } from '../settings/settings-controller'
import { SETTINGS_FILE } from '../settings/settings-file'
import { createSettingsHandlers } from '../settings/settings-handlers'
import { testConnection } from '../setup/connection-test'
import { registerSignIn, type SignInRegistration } from '../sign-in/register-sign-in'
import { registerTray } from '../tray/register-tray'
import type { TrayIconName } from '../tray/tray-presenter'
import { isOwnPage, PANEL_URL, serveAppProtocol } from '../window/app-protocol'
import { popupCanBePlaced } from '../window/display-server'
import { PopupWindow } from '../window/popup-window'
import { registerWindows, type Windows } from '../window/register-windows'
import { SettingsWindow } from '../window/settings-window'
import { type SignInWindowPorts, signInWindowPorts } from '../window/sign-in-window'
import { denyAllPermissions, lockDownContents } from '../window/web-security'
import { startAutoUpdate } from './auto-update'
import { applyOpenAtLogin } from './open-at-login'
import { registerOpenShortcut } from './open-shortcut'
import { type PowerAndNetwork, registerPowerAndNetwork } from './register-power-and-network'
import { identifyForWindowsToasts } from './windows-toasts'

export interface StartupOptions {
  /** The data folder the app was pointed at (a demo beside the real app), or null. */
  dataDirOverride: string | null
  /** From here on the log also goes to the rotating file. */
  onFileLog: (log: Logger) => void
}

/** What every domain is built on. */
interface Foundation {
  log: Logger
  fileLog: FileLogger
  devServerUrl: string | null
  userData: string
  secrets: SecretStore
  settingsPath: string
  /** Whether toasts can carry answer buttons (macOS asks codesign, while the keychain opens). */
  toastButtons: boolean
  /** Opens the log file in the system's viewer; false if it could not. */
  openLogs: () => Promise<boolean>
  diagnostics: DiagnosticsRecorder
  /** The server's login page, in its own window and in-memory partition. */
  signInWindow: SignInWindowPorts
  /** The app's language, bound once the panel (which follows the settings) exists. */
  locale: Late<() => Locale>
}

const APP_NAME = 'scrum4me-notifier'
const isMac = process.platform === 'darwin'
const iconPath = (icon: TrayIconName | 'app-128') =>
  join(app.getAppPath(), 'resources', 'icons', `${icon}.png`)
// Each window its own preload, with only its own calls (shared/ipc/contract.ts).
const preloadOf = (window: WindowName) => join(import.meta.dirname, `../preload/${window}.cjs`)
// A menu-bar-only app (LSUIElement) is not active; this brings it forward for its windows.
const activateApp = isMac ? () => app.focus({ steal: true }) : null

export interface StartedApp {
  /** Quitting waits for this from the moment it exists, also while the connection still opens. */
  shutdown(): Promise<void>
  /** Applies the settings, opens the saved connection and the first window. */
  open(): Promise<void>
}

export async function startApp(options: StartupOptions): Promise<StartedApp> {
  const base = await layFoundations(options)
  const { log, diagnostics } = base
  const pause = new NotificationPause()
  // Two cycles, cut here: the host wires each new core into every domain below, and the settings
  // push into the windows and the panel that open them. So both are made after those domains and
  // bound before startApp returns; the domains call them only on user actions, OS events and saves.
  const host = late<CoreHost>('the core host')
  const settings = late<SettingsRegistration>('the settings')
  // The tray and the signed-out notice offer "Sign in again" before the settings it saves into exist.
  const signIn = late<SignInRegistration>('the sign-in')
  const runningCore = () => host.get().core
  const { windows, tray } = registerTrayAndWindows(base, {
    pause,
    runningCore,
    hasConnection: () => Boolean(runningCore() || settings.get().controller.settings.connection),
    signInAgain: () => signIn.get().signInAgain(),
  })
  const panel = registerPanel({
    pause,
    locale: pickLocale(app.getLocale()),
    renderTray: (inputs) => tray.render(inputs),
    pushState: windows.pushPanelState,
    shell,
    clipboard,
    hidePanel: windows.hidePanel,
    onSeen: (ids) => diagnostics.shown(ids),
    session: () => sessionViewOf(settings.get().controller.settings.connection),
    log: log.child('panel'),
  })
  base.locale.bind(() => panel.view.locale)
  settings.bind(
    registerAppSettings(base, windows, panel, {
      applyConnection: (change) => host.get().apply(change),
      setRetentionDays: (days) => runningCore()?.setRetentionDays(days),
    }),
  )
  signIn.bind(registerAppSignIn(base, settings.get().controller))
  const notifications = registerAppNotifications(base, {
    windows,
    panel,
    pause,
    settings: () => settings.get().controller.settings,
    signInAgain: () => signIn.get().signInAgain(),
  })
  const power = registerPowerAndNetwork({ powerMonitor, net, core: runningCore, log })
  const coreHost = openCoreHost(base, { panel, notifications, power, settings: settings.get() })
  host.bind(coreHost)
  const stops = [
    settings.get().dispose,
    startUpdates(log),
    registerHandlers(base, { windows, panel, settings: settings.get(), signIn: signIn.get(), pause }),
    power.dispose,
  ]
  return {
    shutdown: async () => {
      for (const stop of stops) stop()
      await coreHost.close()
      panel.dispose()
      pause.dispose()
      windows.dispose()
      tray.dispose()
    },
    open: () => openFirstWindow(coreHost, settings.get(), notifications, windows),
  }
}

/** The foundations: the log file, the window lock-down, the page and the secrets. */
async function layFoundations({ dataDirOverride, onFileLog }: StartupOptions): Promise<Foundation> {
  const redactor = new Redactor()
  const fileLog = createFileLogger({ dir: app.getPath('logs'), redactor })
  const { log } = fileLog
  onFileLog(log)
  app.dock?.hide()
  // Windows shows toasts (and their buttons) only for an app with an id and a toast activator.
  if (process.platform === 'win32') identifyForWindowsToasts(app)
  denyAllPermissions(session.defaultSession)
  const locale = late<() => Locale>('the app language')
  const signInWindow = signInWindowPorts({
    titleFor: (origin) => translator(locale.get()())('signIn.window.title', { origin }),
    log,
  })
  // The sign-in window navigates the server's login pages under its own rules (window/sign-in-window.ts).
  app.on('web-contents-created', (_event, contents) => {
    if (!signInWindow.isSignInContents(contents)) lockDownContents(contents, log.child('window'))
  })
  const devServerUrl = app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null)
  if (!devServerUrl) serveAppProtocol(protocol, net, join(import.meta.dirname, '../renderer'))
  const userData = app.getPath('userData')
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
  return {
    log,
    fileLog,
    devServerUrl,
    userData,
    secrets,
    settingsPath,
    toastButtons: await toastButtons,
    openLogs,
    diagnostics,
    signInWindow,
    locale,
  }
}

function registerTrayAndWindows(
  base: Foundation,
  {
    pause,
    runningCore,
    hasConnection,
    signInAgain,
  }: {
    pause: NotificationPause
    runningCore: () => NotifierCore | null
    hasConnection: () => boolean
    signInAgain: () => void
  },
) {
  const appTray = new Tray(iconPath('tray-connectedTemplate'))
  const windows = registerWindows({ ...createWindows(base, appTray), activateApp, hasConnection, app })
  const tray = registerTray({
    tray: appTray,
    buildMenu: (template) => Menu.buildFromTemplate(template),
    iconPath,
    actions: {
      open: () => windows.showPanel(),
      reconnect: () => runningCore()?.nudge('user'),
      pause: (length) => pause.pause(length),
      resume: () => pause.resume(),
      settings: () => windows.openSettings('general'),
      openLogs: () => void base.openLogs(),
      signInAgain,
      quit: () => app.quit(),
    },
    platform: process.platform,
  })
  return { windows, tray }
}

function createWindows(base: Foundation, tray: Tray) {
  const url = base.devServerUrl ?? PANEL_URL
  const popup = new PopupWindow({
    preloadPath: preloadOf('panel'),
    url,
    tray,
    screen,
    placeable: popupCanBePlaced({
      platform: process.platform,
      env: process.env,
      ozonePlatform: app.commandLine.getSwitchValue('ozone-platform'),
    }),
    ...(activateApp && { activateApp }),
  })
  const settingsWindow = new SettingsWindow({
    preloadPath: preloadOf('settings'),
    url,
    title: 'Scrum4Me Notifier',
  })
  return { popup, settingsWindow }
}

function registerAppNotifications(
  base: Foundation,
  {
    windows,
    panel,
    pause,
    settings,
    signInAgain,
  }: {
    windows: Windows
    panel: Panel
    pause: NotificationPause
    settings: () => Settings
    signInAgain: () => void
  },
): Notifications {
  return registerNotifications({
    createNotification: Notification.isSupported() ? (init) => new Notification(init) : null,
    handleActivation:
      process.platform === 'win32' ? (handler) => Notification.handleActivation(handler) : null,
    showPanel: () => windows.showPanel(),
    signInAgain,
    isPaused: () => pause.isPaused(),
    settings,
    doNotDisturb: doNotDisturbReader(),
    locale: () => panel.view.locale,
    onClick: (questionId) => windows.showPanel(questionId ? { questionId } : undefined),
    log: base.log.child('toast'),
    icon: iconPath('app-128'),
    supportsActions: base.toastButtons,
    // The reply field reaches us where the buttons do: Windows, and a signed macOS app.
    supportsReply: base.toastButtons,
    supportsKeeping: process.platform !== 'darwin',
    keepsTimedOutToasts: process.platform === 'win32',
    onShown: (ids) => base.diagnostics.shown(ids),
  })
}

function startUpdates(log: Logger): () => void {
  return startAutoUpdate({
    updater: electronUpdater.autoUpdater,
    // Where electron-builder puts the feed named by `publish`, and where electron-updater reads it.
    updateConfigFile: app.isPackaged ? join(process.resourcesPath, 'app-update.yml') : null,
    log,
  }).stop
}

function registerAppSettings(
  base: Foundation,
  windows: Windows,
  panel: Panel,
  toCore: {
    applyConnection: (change: ConnectionChange) => Promise<void>
    setRetentionDays: (days: number) => void
  },
): SettingsRegistration {
  const { log } = base
  return registerSettings({
    controller: {
      settingsPath: base.settingsPath,
      secrets: base.secrets,
      testConnection: (draft) => testConnection(draft, { applicationName: `${APP_NAME}/setup`, log }),
      applyConnection: toCore.applyConnection,
      clearSignInSession: base.signInWindow.cookies.clear,
      systemLocale: pickLocale(app.getLocale()),
      appVersion: app.getVersion(),
      log,
    },
    effects: {
      setLocale: panel.setLocale,
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
      setRetentionDays: toCore.setRetentionDays,
      changed: panel.changed,
    },
    registerShortcut: (preferred) =>
      registerOpenShortcut({
        globalShortcut,
        preferred,
        platform: process.platform,
        env: process.env,
        ozonePlatform: app.commandLine.getSwitchValue('ozone-platform'),
        open: () => windows.showPanel(),
        log,
      }),
    pushState: windows.pushSettingsState,
  })
}

interface CoreDomains {
  panel: Panel
  notifications: Notifications
  power: PowerAndNetwork
  settings: SettingsRegistration
}

/** Holds the one core; each new one is wired into every domain, and unwired before it closes. */
function openCoreHost(base: Foundation, { panel, notifications, power, settings }: CoreDomains) {
  const { log, userData, diagnostics } = base
  const host: CoreHost = new CoreHost({
    dataDir: userData,
    secrets: base.secrets,
    log,
    createCore: (feed, connection) =>
      new NotifierCore({
        feed,
        dataDir: userData,
        applicationName: APP_NAME,
        log,
        retentionDays: settings.controller.settings.retentionDays,
        ...(connection.kind === 'sse' && connection.answerPath && { answerPath: connection.answerPath }),
      }),
    attach: (core, feed) => {
      const stops = [
        panel.attach(core, feed),
        diagnostics.attach(core),
        notifications.attach(core, (questionId, answer) => panel.answer(core, questionId, answer)),
        notifications.watchSession(core, sessionViewOf(settings.controller.settings.connection)),
        power.watch(core),
      ]
      return () => {
        for (const stop of stops.reverse()) stop()
      }
    },
    changed: () => {
      panel.setProblem(host.problem)
      panel.changed()
    },
  })
  return host
}

function registerHandlers(
  base: Foundation,
  domains: Pick<CoreDomains, 'panel' | 'settings'> & {
    windows: Windows
    signIn: SignInRegistration
    pause: NotificationPause
  },
): () => void {
  const { windows, panel, settings, signIn, pause } = domains
  const { controller } = settings
  return registerInvokeHandlers(
    ipcMain,
    {
      ...panel.handlers,
      ...createSettingsHandlers({
        controller,
        diagnostics: () => base.diagnostics.snapshot(sessionViewOf(controller.settings.connection).expiresAt),
        openSettings: windows.openSettings,
        openLogs: base.openLogs,
        pause,
      }),
      ...signIn.handlers,
    } satisfies InvokeHandlers,
    { isOwnPage: (url) => isOwnPage(url, base.devServerUrl), windowOf: windows.windowOf },
    base.log.child('ipc'),
  )
}

/** "Sign in with Scrum4Me": its window's ports, a connection test of its own, and the settings it saves into. */
function registerAppSignIn(base: Foundation, controller: SettingsController): SignInRegistration {
  return registerSignIn({
    ...base.signInWindow,
    testConnection: (draft) =>
      testConnection(draft, { applicationName: `${APP_NAME}/sign-in`, log: base.log }),
    settings: controller,
    log: base.log,
  })
}

/** Applies the settings, opens the saved connection, and routes a first start to setup. */
async function openFirstWindow(
  host: CoreHost,
  settings: SettingsRegistration,
  notifications: Notifications,
  windows: Windows,
): Promise<void> {
  settings.applyAtStart()
  const { connection } = settings.controller.settings
  await host.apply({ connection, clearCache: false })
  notifications.listenForActivations()
  // A first start goes straight to setup; a connection that cannot start says why in its section.
  if (!connection) windows.openSetup()
  else if (!host.core) windows.openSettings('connection')
}
