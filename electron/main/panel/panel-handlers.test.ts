// The panel's calls against a real core (real SQLite, a feed pointed at a closed loopback port),
// through the real registrar; only ipcMain, shell and webContents are stand-ins.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PanelState } from '@shared/ipc/panel-state'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../../../test/support/free-port'
import { makeQuestion } from '../../../test/support/questions'
import { NotifierCore } from '../core/notifier-core'
import { pushToWindow } from '../ipc/push-to-window'
import { registerInvokeHandlers } from '../ipc/register-handlers'
import { fakeIpcMain } from '../ipc/testing/fake-ipc-main'
import { createLineLogger, type Logger, silentLogger } from '../log/logger'
import { NotificationPause } from '../notify/notification-pause'
import { AnswerProgressTracker } from './answer-progress'
import { type AppView, panelStateOf } from './app-view'
import { ChangeBatcher, watchCore } from './change-batcher'
import { createPanelHandlers } from './panel-handlers'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startOfflineCore(): Promise<NotifierCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 's4m-shell-'))
  // Nothing listens on this port: the feed really ends up disconnected.
  const serverUrl = `http://127.0.0.1:${await freePort()}`
  const core = new NotifierCore({
    feed: { kind: 'sse', serverUrl, auth: { kind: 'bearer', token: 't' } },
    dataDir,
    applicationName: 'shell-test',
    log: silentLogger,
    timing: { policy: { baseMs: 5_000, capMs: 10_000, floorMs: 1_000, nudgeMinIntervalMs: 0 } },
  })
  cleanups.push(async () => {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return core
}

function setup(
  core: NotifierCore | null,
  webAppUrl: string | null = 'https://scrum4me.example.com',
  log: Logger = silentLogger,
) {
  const view: AppView = {
    core,
    answers: new AnswerProgressTracker(),
    pause: new NotificationPause(),
    locale: 'en',
    webAppUrl,
    session: () => ({ canSignIn: webAppUrl !== null, expiresAt: null }),
    problem: core ? null : 'no connection is set up',
    startedAt: 1_000,
  }
  const opened: string[] = []
  const shell = {
    openExternal: async (url: string) => {
      opened.push(url)
    },
  } satisfies Pick<Electron.Shell, 'openExternal'>
  const copied: string[] = []
  const clipboard = {
    writeText: async (text: string) => {
      copied.push(text)
    },
  } satisfies Pick<Electron.Clipboard, 'writeText'>
  const record = { hidden: 0, changed: 0 }
  const { ipcMain, call, callers } = fakeIpcMain({ window: 'panel' })
  const handlers = createPanelHandlers({
    view,
    shell,
    clipboard,
    hidePanel: () => record.hidden++,
    changed: () => record.changed++,
    log,
  })
  registerInvokeHandlers(ipcMain, handlers, callers, silentLogger)
  return { view, opened, copied, record, call }
}

describe('panel handlers', () => {
  it('gives the panel the cached questions and the real feed state', async () => {
    const core = await startOfflineCore()
    core.store.apply({ kind: 'opened', question: makeQuestion('q1') })
    const { call } = setup(core)
    const state = (await call('panel:get-state')) as PanelState
    expect(state.questions.map((entry) => entry.question.id)).toEqual(['q1'])
    expect(state.questions[0]?.webUrl).toBe('https://scrum4me.example.com/stories/s1')
    expect(state.feed.state).toBe('idle')
    expect(state.locale).toBe('en')
  })

  it('queues an answer while offline and tracks its progress for the panel', async () => {
    const core = await startOfflineCore()
    core.start()
    core.store.apply({ kind: 'opened', question: makeQuestion('q1') })
    const { call, view, record } = setup(core)
    const outcome = await call('question:answer', {
      questionId: 'q1',
      answer: { kind: 'option', option: 'Mollie' },
    })
    expect(outcome).toEqual({ kind: 'queued' })
    expect(view.answers.get('q1')?.progress).toEqual({
      state: 'queued',
      answer: { kind: 'option', option: 'Mollie' },
    })
    expect(record.changed).toBe(2)
    const state = (await call('panel:get-state')) as PanelState
    expect(state.questions[0]?.progress?.state).toBe('queued')
  })

  it('passes on the core refusal for an unknown question or a wrong option', async () => {
    const core = await startOfflineCore()
    core.store.apply({ kind: 'opened', question: makeQuestion('q1') })
    const { call, view } = setup(core)
    expect(
      await call('question:answer', { questionId: 'nope', answer: { kind: 'text', text: 'x' } }),
    ).toMatchObject({
      kind: 'refused',
      reason: 'not-open',
    })
    expect(view.answers.get('nope')).toBeUndefined()
    const wrong = await call('question:answer', {
      questionId: 'q1',
      answer: { kind: 'option', option: 'PayPal' },
    })
    expect(wrong).toMatchObject({ kind: 'refused', reason: 'invalid-option' })
    expect(view.answers.get('q1')?.progress.state).toBe('refused')
  })

  it('records questions as seen', async () => {
    const core = await startOfflineCore()
    core.store.apply({ kind: 'opened', question: makeQuestion('q1') })
    const { call } = setup(core)
    expect(await call('question:mark-seen', { questionIds: ['q1', 'unknown'] })).toBeUndefined()
    expect(core.store.get('q1')?.seenAt).not.toBeNull()
  })

  it('opens a question in the web app only on the configured server', async () => {
    const core = await startOfflineCore()
    core.store.apply({ kind: 'opened', question: makeQuestion('q1', { storyId: '../../evil.example/x' }) })
    const { call, opened } = setup(core)
    expect(await call('question:open-in-web-app', { questionId: 'q1' })).toBe(true)
    expect(opened).toEqual(['https://scrum4me.example.com/stories/..%2F..%2Fevil.example%2Fx'])
    expect(await call('question:open-in-web-app', { questionId: 'unknown' })).toBe(false)
    expect(opened).toHaveLength(1)
  })

  it('opens a link of an open question only when it is https, in pg mode too', async () => {
    const core = await startOfflineCore()
    core.store.apply({ kind: 'opened', question: makeQuestion('q1') })
    const { call, opened } = setup(core, null)
    const pr = 'https://github.com/acme/shop/pull/12'
    expect(await call('question:open-link', { questionId: 'q1', url: pr })).toBe(true)
    expect(await call('question:open-link', { questionId: 'q1', url: 'javascript:alert(1)' })).toBe(false)
    expect(await call('question:open-link', { questionId: 'q1', url: 'http://github.com/' })).toBe(false)
    expect(await call('question:open-link', { questionId: 'unknown', url: pr })).toBe(false)
    expect(opened).toEqual([pr])
  })

  it('logs a refused link on one line, shortened', async () => {
    const core = await startOfflineCore()
    core.store.apply({ kind: 'opened', question: makeQuestion('q1') })
    const lines: string[] = []
    const { call } = setup(
      core,
      null,
      createLineLogger((line) => lines.push(line)),
    )
    const forged = `javascript:x\n2026-12-01 [error] forged line${'x'.repeat(1000)}`
    expect(await call('question:open-link', { questionId: 'q1', url: forged })).toBe(false)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('javascript:x\\u000a2026-12-01')
    expect(lines[0]?.length).toBeLessThan(500)
  })

  it('puts the typed answer on the clipboard with the link, and nothing without one', async () => {
    const core = await startOfflineCore()
    core.store.apply({ kind: 'opened', question: makeQuestion('q1') })
    const { call, opened, copied } = setup(core)
    expect(await call('question:open-in-web-app', { questionId: 'q1' })).toBe(true)
    expect(copied).toEqual([])
    const draft = 'Gebruik de bestaande migratie,\nniet een nieuwe.'
    expect(await call('question:open-in-web-app', { questionId: 'q1', draft })).toBe(true)
    expect(copied).toEqual([draft])
    expect(opened).toHaveLength(2)
  })

  it('opens nothing when the web app is unknown (pg mode)', async () => {
    const core = await startOfflineCore()
    core.store.apply({ kind: 'opened', question: makeQuestion('q1') })
    const { call, opened } = setup(core, null)
    expect(await call('question:open-in-web-app', { questionId: 'q1' })).toBe(false)
    expect(opened).toEqual([])
  })

  it('hides the panel on request', async () => {
    const { call, record } = setup(await startOfflineCore())
    expect(await call('panel:hide')).toBeUndefined()
    expect(record.hidden).toBe(1)
  })

  it('reconnects at once on request instead of waiting out the backoff', async () => {
    const core = await startOfflineCore()
    const { call } = setup(core)
    core.start()
    await waitFor(() => core.feedState.state === 'disconnected')
    const attempts: string[] = []
    cleanups.push(core.onState((state) => attempts.push(state.state)))
    expect(await call('feed:reconnect-now')).toBeUndefined()
    // The backoff is 5 s or more; a new attempt well before that came from the nudge.
    await waitFor(() => attempts.includes('connecting'), 1_000)
  })

  it('says "not set up" and refuses answers without a core', async () => {
    const { call, opened } = setup(null)
    const state = (await call('panel:get-state')) as PanelState
    expect(state.feed).toEqual({
      state: 'failed',
      failure: 'not-configured',
      reason: 'no connection is set up',
      since: 1_000,
    })
    expect(state.questions).toEqual([])
    expect(
      await call('question:answer', { questionId: 'q1', answer: { kind: 'text', text: 'x' } }),
    ).toMatchObject({
      kind: 'refused',
    })
    expect(await call('question:open-in-web-app', { questionId: 'q1' })).toBe(false)
    expect(await call('question:mark-seen', { questionIds: ['q1'] })).toBeUndefined()
    expect(opened).toEqual([])
  })
})

describe('panel pushes', () => {
  it('sends one fresh state after a burst of core changes', async () => {
    const core = await startOfflineCore()
    const { view } = setup(core)
    const sent: [string, PanelState][] = []
    const contents = {
      send: (channel: string, state: PanelState) => {
        sent.push([channel, state])
      },
      isDestroyed: () => false,
    }
    const batcher = new ChangeBatcher(() => pushToWindow(contents, 'panel:state', panelStateOf(view)), 50)
    cleanups.push(() => batcher.dispose())
    cleanups.push(watchCore(core, batcher.changed))
    core.start()
    await waitFor(() => core.feedState.state === 'disconnected')
    await waitFor(() => sent.length > 0)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(sent).toHaveLength(1)
    expect(sent[0]?.[0]).toBe('panel:state')
    expect(sent[0]?.[1].feed.state).toBe('disconnected')
  })

  it('sends nothing to a destroyed panel', () => {
    const sent: unknown[] = []
    pushToWindow(
      { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => true },
      'panel:focus-question',
      {
        questionId: 'q1',
      },
    )
    expect(sent).toEqual([])
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
