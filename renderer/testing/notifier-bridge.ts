// Test stand-in for Electron between a window's page and main. The page runs that window's built
// preload over a contextBridge/ipcRenderer shim (preload-shim.ts); its calls go through main's own
// registrar (sender check + request schema) to main's own handlers: the panel's over an AppView kept
// as main keeps it, and the settings' over a real SettingsController once one is served. What would
// leave the app (hiding the popup, opening a URL, a window or the log folder) is recorded instead.
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
import { type AppView, panelStateOf } from '../../electron/main/panel/app-view'
import { watchCore } from '../../electron/main/panel/change-batcher'
import {
  createPanelHandlers,
  followSettledAnswers,
  type PanelChannel,
} from '../../electron/main/panel/panel-handlers'
import type { SettingsController } from '../../electron/main/settings/settings-controller'
import { createSettingsHandlers } from '../../electron/main/settings/settings-handlers'
import { INVOKE_BINDING, PUSH_FUNCTION, preloadInitScript } from './preload-shim'

export interface BridgeOptions {
  /** Which window the page is: it gets that window's preload and may make its calls only. */
  window: WindowName
  /** The built preloads, `<window>.cjs` each. */
  preloadDir: string
  locale: Locale
  /** Null is pg mode: no web app address, so no "Open in Scrum4Me". */
  webAppUrl: string | null
}

/** What main's handlers did that reaches outside the app, and calls main answered. */
export interface RecordedCalls {
  hide: number
  readonly reconnectNow: number
  /** The questions the page asked main to open in the web app. */
  readonly openInWebApp: string[]
  /** URLs handed to `shell.openExternal`. */
  openedExternally: string[]
  openSettings: SettingsSection[]
  openLogs: number
}

type Handler = (event: IpcMainInvokeEvent, request: unknown) => unknown

export class NotifierBridge {
  /** Every call main's handlers answered without an error, in order. */
  readonly accepted: Array<{ channel: InvokeChannel; request: unknown }> = []
  readonly calls: RecordedCalls
  /** A real pause, as main's tray and settings window share one. */
  readonly pause = new NotificationPause()
  private readonly view: AppView
  /** What `ipcMain.handle` registered, by channel. */
  private readonly handlers = new Map<string, Handler>()
  private unregister: () => void = () => {}
  private readonly unsubscribes: Array<() => void> = []
  private settings: SettingsController | null = null
  private recorder: DiagnosticsRecorder | null = null
  private pushes: Promise<void> = Promise.resolve()
  private statePushQueued = false
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
      openSettings: [],
      openLogs: 0,
    }
    this.view = {
      core: null,
      answers: new AnswerProgressTracker(),
      pause: this.pause,
      locale: options.locale,
      webAppUrl: null,
      problem: null,
      startedAt: Date.now(),
    }
    this.unsubscribes.push(this.pause.onChange(() => this.pushState()))
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

  /** Serves the panel from this core until the returned detach, as main attaches each core. */
  serveCore(core: NotifierCore): () => void {
    this.view.core = core
    this.view.answers = new AnswerProgressTracker()
    this.view.webAppUrl = this.options.webAppUrl
    const changed = () => this.pushState()
    const stops = [followSettledAnswers(core, this.view.answers), watchCore(core, changed)]
    changed()
    return () => {
      for (const stop of stops) stop()
      if (this.view.core === core) {
        this.view.core = null
        this.view.webAppUrl = null
      }
      changed()
    }
  }

  /** Serves the settings half from main's own handlers over this controller (and recorder). */
  serveSettings(controller: SettingsController, recorder: DiagnosticsRecorder | null): void {
    this.settings = controller
    this.recorder = recorder
    this.view.locale = controller.locale
    this.register()
    this.unsubscribes.push(
      controller.onChange(() => {
        // As main does: every window hears the new settings, and the panel follows the language.
        this.view.locale = controller.locale
        this.enqueuePush('settings:state', () => controller.state())
        this.pushState()
      }),
    )
  }

  /** Why there is no core, as main's CoreHost reports it. */
  setProblem(problem: string | null): void {
    this.view.problem = problem
    this.pushState()
  }

  state(): PanelState {
    return panelStateOf(this.view)
  }

  setLocale(locale: Locale): Promise<void> {
    this.view.locale = locale
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
    this.view.core = null
  }

  /** Main's handlers for every channel it has the parts for; the settings' need a controller. */
  private invokeHandlers(): Pick<InvokeHandlers, PanelChannel> | InvokeHandlers {
    const panel = createPanelHandlers({
      view: this.view,
      shell: { openExternal: async (url) => void this.calls.openedExternally.push(url) },
      hidePanel: () => {
        this.calls.hide += 1
      },
      changed: () => this.pushState(),
      // The panel showing a question is one of the sightings the latency figures count.
      onSeen: (questionIds) => this.recorder?.shown(questionIds),
      log: silentLogger,
    })
    const controller = this.settings
    if (!controller) return panel
    const recorder = this.recorder
    return {
      ...panel,
      ...createSettingsHandlers({
        controller,
        diagnostics: () => {
          if (!recorder) throw new Error('this test has no diagnostics recorder')
          return recorder.snapshot()
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
