// Test stand-in for Electron between a window's page and main. The page runs that window's built
// preload over a contextBridge/ipcRenderer shim (preload-shim.ts); its calls go through main's own
// registrar (sender check + request schema) to main's own handlers: the panel registrar's
// (register-panel.ts, with its view, attach and change batching), and the settings' once a settings
// registration is served. What would leave the app (the tray, hiding the popup, opening a URL, a
// window or the log folder) is recorded or dropped instead.
import type { Locale } from '@shared/i18n/messages'
import type {
  InvokeChannel,
  InvokeRequest,
  PushChannel,
  PushPayloads,
  SettingsSection,
  WindowName,
} from '@shared/ipc/contract'
import type { PanelState } from '@shared/ipc/panel-state'
import type { SettingsState } from '@shared/ipc/settings-state'
import type { SignInResult } from '@shared/ipc/sign-in'
import { sessionViewOf } from '@shared/sign-in-offer'
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import type { Page } from 'playwright-core'
import type { NotifierCore } from '../../electron/main/core/notifier-core'
import type { DiagnosticsRecorder } from '../../electron/main/diagnostics/diagnostics-recorder'
import type { FeedConfig } from '../../electron/main/feed/feed-config'
import { type InvokeHandlers, registerInvokeHandlers } from '../../electron/main/ipc/register-handlers'
import { silentLogger } from '../../electron/main/log/logger'
import { NotificationPause } from '../../electron/main/notify/notification-pause'
import { panelStateOf } from '../../electron/main/panel/app-view'
import type { PanelChannel } from '../../electron/main/panel/panel-handlers'
import { type Panel, registerPanel } from '../../electron/main/panel/register-panel'
import type { SettingsController } from '../../electron/main/settings/settings-controller'
import { createSettingsHandlers } from '../../electron/main/settings/settings-handlers'
import { INVOKE_BINDING, PUSH_FUNCTION, preloadInitScript } from './preload-shim'

export interface BridgeOptions {
  /** Which window the page is: it gets that window's preload and may make its calls only. */
  window: WindowName
  /** The built preloads, `<window>.cjs` each. */
  preloadDir: string
  locale: Locale
}

/** What main's handlers did that reaches outside the app, and calls main answered. */
export interface RecordedCalls {
  hide: number
  readonly reconnectNow: number
  /** The questions the page asked main to open in the web app. */
  readonly openInWebApp: string[]
  /** URLs handed to `shell.openExternal`. */
  openedExternally: string[]
  /** Text handed to `clipboard.writeText`. */
  copied: string[]
  openSettings: SettingsSection[]
  openLogs: number
}

/**
 * Stands in for main's sign-in controller (electron/main/sign-in/), whose sign-in window only
 * Electron can open: the test decides how each sign-in ends.
 */
export interface SignInPort {
  signIn(serverUrl: string): Promise<SignInResult>
  signInAgain(): Promise<SignInResult>
}

type SignInChannel = 'session:sign-in' | 'session:sign-in-again'

type Handler = (event: IpcMainInvokeEvent, request: unknown) => unknown

export class NotifierBridge {
  /** Every call main's handlers answered without an error, in order. */
  readonly accepted: Array<{ channel: InvokeChannel; request: unknown }> = []
  readonly calls: RecordedCalls
  /** A real pause, as main's tray and settings window share one. */
  readonly pause = new NotificationPause()
  /** Main's own panel registrar; only the tray and the popup it drives are stood in for. */
  readonly panel: Panel
  /** What `ipcMain.handle` registered, by channel. */
  private readonly handlers = new Map<string, Handler>()
  private unregister: () => void = () => {}
  private stopServing: (() => void) | null = null
  private settings: SettingsController | null = null
  private recorder: DiagnosticsRecorder | null = null
  private signIn: SignInPort | null = null
  private pushes: Promise<void> = Promise.resolve()
  /** Waiting for the panel registrar's next refresh. */
  private statePushWaiters: Array<() => void> = []
  /** The page's webContents, as main tells its windows apart: only its identity matters. */
  private readonly contents = {} as WebContents

  private constructor(
    private readonly page: Page,
    private readonly options: BridgeOptions,
  ) {
    const requests = <C extends InvokeChannel>(channel: C) =>
      this.accepted.filter((call) => call.channel === channel).map((call) => call.request as InvokeRequest<C>)
    this.calls = {
      hide: 0,
      get reconnectNow() {
        return requests('feed:reconnect-now').length
      },
      get openInWebApp() {
        return requests('question:open-in-web-app').map(({ questionId }) => questionId)
      },
      openedExternally: [],
      copied: [],
      openSettings: [],
      openLogs: 0,
    }
    this.panel = registerPanel({
      pause: this.pause,
      locale: options.locale,
      // No tray in a browser test: the page shows the same view.
      renderTray: () => {},
      pushState: (state) => this.pushPanelState(state),
      shell: { openExternal: async (url) => void this.calls.openedExternally.push(url) },
      clipboard: { writeText: async (text) => void this.calls.copied.push(text) },
      hidePanel: () => {
        this.calls.hide += 1
      },
      // The panel showing a question is one of the sightings the latency figures count.
      onSeen: (questionIds) => this.recorder?.shown(questionIds),
      session: () => sessionViewOf(this.settings?.settings.connection ?? null),
      log: silentLogger,
    })
    this.register()
  }

  /** Call before the page navigates: the preload is installed by an init script. */
  static async attach(page: Page, options: BridgeOptions): Promise<NotifierBridge> {
    const bridge = new NotifierBridge(page, options)
    await page.exposeFunction(INVOKE_BINDING, (channel: string, request: unknown) =>
      bridge.invoke(channel, request),
    )
    await page.addInitScript({ content: await preloadInitScript(options.preloadDir, options.window) })
    return bridge
  }

  /** Serves the panel from this core until the returned detach, through main's own attach. */
  serveCore(core: NotifierCore, feed: FeedConfig): () => void {
    const detach = this.panel.attach(core, feed)
    let attached = true
    const stop = () => {
      if (!attached) return
      attached = false
      if (this.stopServing === stop) this.stopServing = null
      detach()
    }
    this.stopServing = stop
    return stop
  }

  /** Serves the settings half from main's own handlers over this controller (and recorder). */
  serveSettings(controller: SettingsController, recorder: DiagnosticsRecorder | null): void {
    this.settings = controller
    this.recorder = recorder
    this.register()
  }

  /** Serves both sign-in calls from this port, as main serves them from its sign-in controller. */
  serveSignIn(port: SignInPort): void {
    this.signIn = port
    this.register()
  }

  /** The settings window's push, for register-settings.ts to call after every saved change. */
  readonly pushSettingsState = (state: SettingsState): void => this.enqueuePush('settings:state', state)

  /** Why there is no core, as main passes its CoreHost's problem on to the panel. */
  setProblem(problem: string | null): void {
    this.panel.setProblem(problem)
    this.panel.changed()
  }

  state(): PanelState {
    return panelStateOf(this.panel.view)
  }

  /** A language chosen in settings, applied as settings-effects.ts does; resolves once the page has it. */
  async setLocale(locale: Locale): Promise<void> {
    const refreshed = new Promise<void>((resolve) => this.statePushWaiters.push(resolve))
    this.panel.setLocale(locale)
    this.panel.changed()
    await refreshed
    return this.settled()
  }

  /** What main does when a toast is clicked. */
  focusQuestion(questionId: string): Promise<void> {
    this.enqueuePush('panel:focus-question', { questionId })
    return this.settled()
  }

  /** Resolves once every push so far has reached the page. */
  settled(): Promise<void> {
    return this.pushes
  }

  /** Before the core closes: a closed core has no state to push. */
  detach(): void {
    this.stopServing?.()
    this.panel.dispose()
    this.unregister()
    this.pause.dispose()
  }

  /** Main's handlers for every channel it has the parts for; the settings' need a controller. */
  private invokeHandlers(): Pick<InvokeHandlers, PanelChannel | SignInChannel> | InvokeHandlers {
    const port = () => {
      if (!this.signIn) throw new Error('this test has no sign-in port')
      return this.signIn
    }
    const panel = {
      ...this.panel.handlers,
      'session:sign-in': ({ serverUrl }: { serverUrl: string }) => port().signIn(serverUrl),
      'session:sign-in-again': () => port().signInAgain(),
    }
    const controller = this.settings
    if (!controller) return panel
    const recorder = this.recorder
    return {
      ...panel,
      ...createSettingsHandlers({
        controller,
        diagnostics: () => {
          if (!recorder) throw new Error('this test has no diagnostics recorder')
          return recorder.snapshot(sessionViewOf(controller.settings.connection).expiresAt)
        },
        openSettings: (section) => void this.calls.openSettings.push(section),
        // No log file in a browser test: the view says there is none yet.
        openLogs: async () => {
          this.calls.openLogs += 1
          return false
        },
        pause: this.pause,
      }),
    }
  }

  /** (Re)binds the channels through main's registrar, as the app does at startup. */
  private register(): void {
    this.unregister()
    const fakeIpcMain: Pick<IpcMain, 'handle' | 'removeHandler'> = {
      handle: (channel, handler) => void this.handlers.set(channel, handler),
      removeHandler: (channel) => void this.handlers.delete(channel),
    }
    this.unregister = registerInvokeHandlers(
      fakeIpcMain,
      this.invokeHandlers(),
      {
        // The page is served from loopback in these tests; main checks for its app:// origin.
        isOwnPage: (url) => url.startsWith('http://127.0.0.1:'),
        windowOf: (sender) => (sender === this.contents ? this.options.window : null),
      },
      silentLogger,
    )
  }

  private async invoke(channel: string, request: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`the page called a channel main does not handle: ${channel}`)
    const event = {
      sender: this.contents,
      senderFrame: { url: this.page.url(), parent: null },
    } as IpcMainInvokeEvent
    const result = await handler(event, request)
    this.accepted.push({ channel: channel as InvokeChannel, request })
    return result
  }

  /** The panel registrar's refresh (it has already gathered a burst of changes into one). */
  private pushPanelState(state: PanelState): void {
    this.enqueuePush('panel:state', state)
    for (const resolve of this.statePushWaiters.splice(0)) resolve()
  }

  /** Pushes go out one at a time, in order, like IPC messages. */
  private enqueuePush<C extends PushChannel>(channel: C, value: PushPayloads[C]): void {
    this.pushes = this.pushes.then(async () => {
      await this.page
        .evaluate(
          ([push, channel, value]) =>
            (window as unknown as Record<string, (channel: string, value: unknown) => void>)[push]?.(
              channel,
              value,
            ),
          [PUSH_FUNCTION, channel, value] as const,
        )
        // Before the page has loaded and after it closed there is no one to tell.
        .catch(() => {})
    })
  }
}
