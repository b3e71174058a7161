// Test stand-in for the preload and main's panel handlers: the page gets a `window.notifier` with the
// preload's shape, and each call runs against a real NotifierCore, the way main will wire it.
import type { AnswerOutcome } from '@shared/answer'
import type { Locale } from '@shared/i18n/messages'
import { invokeRequestSchemas, type PushChannel, type PushPayloads } from '@shared/ipc/contract'
import type { PanelState } from '@shared/ipc/panel-state'
import type { Page } from 'playwright-core'
import type { NotifierCore } from '../../electron/main/core/notifier-core'
import { AnswerProgressTracker } from '../../electron/main/panel/answer-progress'
import { buildPanelState } from '../../electron/main/panel/panel-state'
import type { NotifierApi } from '../src/notifier-api'

/** The request/response half of the API; the `on…` half is fed by pushes. */
type Invokable = Exclude<keyof NotifierApi, 'onState' | 'onFocusQuestion'>
type Handlers = {
  [K in Invokable]: (...args: Parameters<NotifierApi[K]>) => ReturnType<NotifierApi[K]>
}

/** What the page-side stub adds to `window`. */
interface BridgeWindow {
  notifier: NotifierApi
  __notifierCall(method: Invokable, args: unknown[]): Promise<unknown>
  __notifierPush(channel: PushChannel, payload: unknown): void
}

export interface BridgeOptions {
  locale: Locale
  /** Null is pg mode: no web app address, so no "Open in Scrum4Me". */
  webAppUrl: string | null
}

/** Calls the panel made that have no effect on the core, for assertions. */
export interface RecordedCalls {
  hide: number
  reconnectNow: number
  openInWebApp: string[]
}

export class NotifierBridge {
  readonly calls: RecordedCalls = { hide: 0, reconnectNow: 0, openInWebApp: [] }
  private readonly answers = new AnswerProgressTracker()
  private readonly unsubscribes: Array<() => void> = []
  private pushes: Promise<void> = Promise.resolve()
  private statePushQueued = false
  private locale: Locale

  private constructor(
    private readonly page: Page,
    private readonly core: NotifierCore,
    private readonly options: BridgeOptions,
  ) {
    this.locale = options.locale
  }

  /** Call before the page navigates: the stub is installed by an init script. */
  static async attach(page: Page, core: NotifierCore, options: BridgeOptions): Promise<NotifierBridge> {
    const bridge = new NotifierBridge(page, core, options)
    await page.exposeFunction('__notifierCall', (method: string, args: unknown[]) =>
      bridge.call(method, args),
    )
    await page.addInitScript(installNotifierStub)
    bridge.unsubscribes.push(
      core.onQuestions(() => bridge.pushState()),
      core.onState(() => bridge.pushState()),
      core.onAnswersSettled(({ entry, result }) => {
        bridge.answers.finish(entry.questionId, result)
        bridge.pushState()
      }),
    )
    return bridge
  }

  state(): PanelState {
    return buildPanelState({
      openQuestions: this.core.listOpen(),
      answers: this.answers,
      feed: this.core.feedState,
      lastSyncedAt: this.core.store.lastConfirmedAt(),
      pausedUntil: null,
      locale: this.locale,
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
  }

  private readonly handlers: Handlers = {
    getState: async () => this.state(),
    answer: async (questionId, answer) => {
      const request = invokeRequestSchemas['question:answer'].parse({ questionId, answer })
      const record = this.core.store.get(request.questionId)
      if (record) this.answers.begin(record.question, request.answer)
      this.pushState()
      const outcome: AnswerOutcome = await this.core.answer(request.questionId, request.answer)
      this.answers.finish(request.questionId, outcome)
      this.pushState()
      return outcome
    },
    markSeen: async (questionIds) => {
      const request = invokeRequestSchemas['question:mark-seen'].parse({ questionIds })
      this.core.store.markSeen(request.questionIds)
      return undefined
    },
    openInWebApp: async (questionId) => {
      const request = invokeRequestSchemas['question:open-in-web-app'].parse({ questionId })
      this.calls.openInWebApp.push(request.questionId)
      return true
    },
    reconnectNow: async () => {
      this.calls.reconnectNow += 1
      this.core.nudge('user')
      return undefined
    },
    hide: async () => {
      this.calls.hide += 1
      return undefined
    },
  }

  private call(method: string, args: unknown[]): Promise<unknown> {
    if (!Object.hasOwn(this.handlers, method))
      throw new Error(`the panel called an unknown method: ${method}`)
    const handler = this.handlers[method as Invokable] as (...args: unknown[]) => Promise<unknown>
    return handler(...args)
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
  private enqueuePush<C extends PushChannel>(channel: C, payload: () => PushPayloads[C]): void {
    this.pushes = this.pushes.then(() =>
      this.page
        .evaluate(
          ([channel, payload]) => (window as unknown as BridgeWindow).__notifierPush(channel, payload),
          [channel, payload()] as const,
        )
        // Before the page has loaded and after it closed there is no one to tell.
        .catch(() => {}),
    )
  }
}

/** Runs in the page before its scripts: the preload's API, backed by the exposed `__notifierCall`. */
function installNotifierStub(): void {
  const page = window as unknown as BridgeWindow
  const listeners: Record<PushChannel, Set<(payload: never) => void>> = {
    'panel:state': new Set(),
    'panel:focus-question': new Set(),
  }
  const call = <T>(method: Invokable, ...args: unknown[]) => page.__notifierCall(method, args) as Promise<T>
  const subscribe =
    <C extends PushChannel>(channel: C) =>
    (listener: (payload: PushPayloads[C]) => void) => {
      listeners[channel].add(listener)
      return () => {
        listeners[channel].delete(listener)
      }
    }
  page.notifier = {
    getState: () => call('getState'),
    answer: (questionId, answer) => call('answer', questionId, answer),
    markSeen: (questionIds) => call('markSeen', questionIds),
    openInWebApp: (questionId) => call('openInWebApp', questionId),
    reconnectNow: () => call('reconnectNow'),
    hide: () => call('hide'),
    onState: subscribe('panel:state'),
    onFocusQuestion: subscribe('panel:focus-question'),
  }
  page.__notifierPush = (channel, payload) => {
    for (const listener of listeners[channel]) listener(payload as never)
  }
}
