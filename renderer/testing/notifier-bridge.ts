// Test stand-in for a window's preload and main's IPC: the page gets the `window.notifier` of that
// window's preload (electron/preload/panel.ts or settings.ts), each call mapped to its channel the
// same way, and the calls run through main's own registrar (sender check + request schema) against
// real handlers: a real NotifierCore for the panel half, and main's settings handlers over a real
// SettingsController for the settings half.
import type { AnswerOutcome } from '@shared/answer'
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
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import type { Page } from 'playwright-core'
import type { NotifierCore } from '../../electron/main/core/notifier-core'
import type { DiagnosticsRecorder } from '../../electron/main/diagnostics/diagnostics-recorder'
import { type InvokeHandlers, registerInvokeHandlers } from '../../electron/main/ipc/register-handlers'
import { silentLogger } from '../../electron/main/log/logger'
import { NotificationPause } from '../../electron/main/notify/notification-pause'
import { AnswerProgressTracker } from '../../electron/main/panel/answer-progress'
import type { PanelChannel } from '../../electron/main/panel/panel-handlers'
import { buildPanelState } from '../../electron/main/panel/panel-state'
import type { SettingsController } from '../../electron/main/settings/settings-controller'
import { createSettingsHandlers } from '../../electron/main/settings/settings-handlers'

/** What the page-side stub adds to `window`. */
interface BridgeWindow {
  notifier: unknown
  __notifierInvoke(channel: InvokeChannel, request: unknown): Promise<unknown>
  __notifierPush(channel: PushChannel, payload: unknown): void
}

export interface BridgeOptions {
  /** Which window the page is: it gets that window's preload API and may make its calls only. */
  window: WindowName
  locale: Locale
  /** Null is pg mode: no web app address, so no "Open in Scrum4Me". */
  webAppUrl: string | null
}

/** Calls the page made that have no effect on the core, for assertions. */
export interface RecordedCalls {
  hide: number
  reconnectNow: number
  openInWebApp: string[]
  openSettings: SettingsSection[]
  openLogs: number
}

type Handler = (event: IpcMainInvokeEvent, request: unknown) => unknown

export class NotifierBridge {
  readonly calls: RecordedCalls = {
    hide: 0,
    reconnectNow: 0,
    openInWebApp: [],
    openSettings: [],
    openLogs: 0,
  }
  /** A real pause, as main's tray and settings window share one. */
  readonly pause = new NotificationPause()
  private readonly answers = new AnswerProgressTracker()
  /** What `ipcMain.handle` registered, by channel. */
  private readonly handlers = new Map<string, Handler>()
  private unregister: () => void = () => {}
  private readonly unsubscribes: Array<() => void> = []
  private core: NotifierCore | null = null
  private settings: SettingsController | null = null
  private recorder: DiagnosticsRecorder | null = null
  private pushes: Promise<void> = Promise.resolve()
  private statePushQueued = false
  private locale: Locale
  /** The page's webContents, as main tells its windows apart: only its identity matters. */
  private readonly contents = {} as WebContents

  private constructor(
    private readonly page: Page,
    private readonly options: BridgeOptions,
  ) {
    this.locale = options.locale
    this.unsubscribes.push(this.pause.onChange(() => this.pushState()))
    this.register()
  }

  /** Call before the page navigates: the stub is installed by an init script. */
  static async attach(page: Page, options: BridgeOptions): Promise<NotifierBridge> {
    const bridge = new NotifierBridge(page, options)
    await page.exposeFunction('__notifierInvoke', (channel: string, request: unknown) =>
      bridge.invoke(channel, request),
    )
    await page.addInitScript(installNotifierStub, options.window)
    return bridge
  }

  /** Serves the panel half from this core until the returned detach; main does this per core. */
  serveCore(core: NotifierCore): () => void {
    this.core = core
    const stops = [
      core.onQuestions(() => this.pushState()),
      core.onState(() => this.pushState()),
      core.onAnswersSettled(({ entry, result }) => {
        this.answers.finish(entry.questionId, result)
        this.pushState()
      }),
    ]
    this.pushState()
    return () => {
      for (const stop of stops) stop()
      if (this.core === core) this.core = null
      this.pushState()
    }
  }

  /** Serves the settings half from main's own handlers over this controller (and recorder). */
  serveSettings(controller: SettingsController, recorder: DiagnosticsRecorder | null): void {
    this.settings = controller
    this.recorder = recorder
    this.register()
    this.unsubscribes.push(
      controller.onChange(() => {
        // As main does: every window hears the new settings, and the panel follows the language.
        this.enqueuePush('settings:state', () => controller.state())
        this.pushState()
      }),
    )
  }

  state(): PanelState {
    const core = this.core
    return buildPanelState({
      openQuestions: core?.listOpen() ?? [],
      answers: this.answers,
      // Without a core there is nothing to connect with yet: the panel offers the setup.
      feed: core?.feedState ?? { state: 'failed', failure: 'not-configured', since: Date.now() },
      lastSyncedAt: core?.store.lastConfirmedAt() ?? null,
      pausedUntil: this.pause.until === null ? null : new Date(this.pause.until).toISOString(),
      locale: this.settings?.locale ?? this.locale,
      webAppUrl: this.options.webAppUrl,
    })
  }

  setLocale(locale: Locale): Promise<void> {
    this.locale = locale
    this.pushState()
    return this.settled()
  }

  /** What main does when a toast is clicked. */
  focusQuestion(questionId: string): Promise<void> {
    this.enqueuePush('panel:focus-question', () => ({ questionId }))
    return this.settled()
  }

  /** Resolves once every push so far has reached the page. */
  settled(): Promise<void> {
    return this.pushes
  }

  /** Before the core closes: a closed core has no state to push. */
  detach(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe()
    this.unregister()
    this.pause.dispose()
    this.core = null
  }

  private requireCore(): NotifierCore {
    if (!this.core) throw new Error('no connection is set up')
    return this.core
  }

  private readonly panelHandlers: Pick<InvokeHandlers, PanelChannel> = {
    'panel:get-state': () => this.state(),
    'question:answer': async ({ questionId, answer }) => {
      const core = this.requireCore()
      const record = core.store.get(questionId)
      if (record) this.answers.begin(record.question, answer)
      this.pushState()
      const outcome: AnswerOutcome = await core.answer(questionId, answer)
      this.answers.finish(questionId, outcome)
      this.pushState()
      return outcome
    },
    'question:mark-seen': ({ questionIds }) => {
      this.core?.store.markSeen(questionIds)
      // The panel showing a question is one of the sightings the latency figures count.
      this.recorder?.shown(questionIds)
      return undefined
    },
    'question:open-in-web-app': ({ questionId }) => {
      this.calls.openInWebApp.push(questionId)
      return true
    },
    'feed:reconnect-now': () => {
      this.calls.reconnectNow += 1
      this.core?.nudge('user')
      return undefined
    },
    'panel:hide': () => {
      this.calls.hide += 1
      return undefined
    },
  }

  /** Opening windows and the log folder has no place in a browser test: recorded instead. */
  private readonly windowHandlers: Pick<InvokeHandlers, 'window:open-settings' | 'app:open-logs'> = {
    'window:open-settings': ({ section }) => {
      this.calls.openSettings.push(section)
      return undefined
    },
    'app:open-logs': () => {
      this.calls.openLogs += 1
      return false
    },
  }

  /** (Re)binds the channels through main's registrar, as the app does at startup. */
  private register(): void {
    this.unregister()
    const fakeIpcMain: Pick<IpcMain, 'handle' | 'removeHandler'> = {
      handle: (channel, handler) => void this.handlers.set(channel, handler),
      removeHandler: (channel) => void this.handlers.delete(channel),
    }
    const settings = this.settings
    const recorder = this.recorder
    const settingsHandlers = settings
      ? createSettingsHandlers({
          controller: settings,
          diagnostics: () => {
            if (!recorder) throw new Error('this test has no diagnostics recorder')
            return recorder.snapshot()
          },
          openSettings: (section) => void this.windowHandlers['window:open-settings']({ section }),
          openLogs: async () => this.windowHandlers['app:open-logs'](undefined),
          pause: this.pause,
        })
      : this.windowHandlers
    this.unregister = registerInvokeHandlers(
      fakeIpcMain,
      { ...this.panelHandlers, ...settingsHandlers },
      {
        // The page is served from loopback in these tests; main checks for its app:// origin.
        isOwnPage: (url) => url.startsWith('http://127.0.0.1:'),
        windowOf: (sender) => (sender === this.contents ? this.options.window : null),
      },
      silentLogger,
    )
  }

  private invoke(channel: string, request: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`the page called a channel main does not handle: ${channel}`)
    const event = {
      sender: this.contents,
      senderFrame: { url: this.page.url(), parent: null },
    } as IpcMainInvokeEvent
    return Promise.resolve(handler(event, request))
  }

  /** Several changes in a row become one push of the then-current state. */
  private pushState(): void {
    if (this.statePushQueued) return
    this.statePushQueued = true
    this.enqueuePush('panel:state', () => {
      this.statePushQueued = false
      return this.state()
    })
  }

  /** Pushes go out one at a time, in order, like IPC messages. */
  private enqueuePush<C extends PushChannel>(
    channel: C,
    payload: () => PushPayloads[C] | Promise<PushPayloads[C]>,
  ): void {
    this.pushes = this.pushes.then(async () => {
      const value = await payload()
      await this.page
        .evaluate(([channel, value]) => (window as unknown as BridgeWindow).__notifierPush(channel, value), [
          channel,
          value,
        ] as const)
        // Before the page has loaded and after it closed there is no one to tell.
        .catch(() => {})
    })
  }
}

/**
 * Runs in the page before its scripts: the window's preload API, method for method, with
 * `ipcRenderer.invoke` replaced by the exposed `__notifierInvoke`. Serialised into the page, so
 * it cannot share code with the preloads; a preload change the stub misses fails the type check.
 */
function installNotifierStub(windowName: WindowName): void {
  type Apis = {
    panel: import('../src/notifier-api').PanelApi
    settings: import('../src/notifier-api').SettingsApi
  }
  const page = window as unknown as BridgeWindow
  const listeners: Record<PushChannel, Set<(payload: never) => void>> = {
    'panel:state': new Set(),
    'panel:focus-question': new Set(),
    'settings:state': new Set(),
  }
  const invoke = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) =>
    page.__notifierInvoke(channel, request) as never
  const subscribe =
    <C extends PushChannel>(channel: C) =>
    (listener: (payload: PushPayloads[C]) => void) => {
      listeners[channel].add(listener)
      return () => {
        listeners[channel].delete(listener)
      }
    }
  const panel: Apis['panel'] = {
    window: 'panel',
    getState: () => invoke('panel:get-state', undefined),
    answer: (questionId, answer) => invoke('question:answer', { questionId, answer }),
    markSeen: (questionIds) => invoke('question:mark-seen', { questionIds }),
    openInWebApp: (questionId) => invoke('question:open-in-web-app', { questionId }),
    reconnectNow: () => invoke('feed:reconnect-now', undefined),
    hide: () => invoke('panel:hide', undefined),
    openSettings: (section) => invoke('window:open-settings', { section }),
    onState: subscribe('panel:state'),
    onFocusQuestion: subscribe('panel:focus-question'),
  }
  const settings: Apis['settings'] = {
    window: 'settings',
    getSettings: () => invoke('settings:get', undefined),
    updateSettings: (patch) => invoke('settings:update', patch),
    testConnection: (draft) => invoke('connection:test', draft),
    saveConnection: (draft, insist) => invoke('connection:save', { ...draft, insist }),
    signOut: () => invoke('session:sign-out', undefined),
    getDiagnostics: () => invoke('diagnostics:get', undefined),
    openSettings: (section) => invoke('window:open-settings', { section }),
    openLogs: () => invoke('app:open-logs', undefined),
    pauseNotifications: (length) => invoke('notifications:pause', { length }),
    onSettings: subscribe('settings:state'),
    getState: () => invoke('panel:get-state', undefined),
    onState: subscribe('panel:state'),
  }
  page.notifier = windowName === 'panel' ? panel : settings
  page.__notifierPush = (channel, payload) => {
    for (const listener of listeners[channel]) listener(payload as never)
  }
}
