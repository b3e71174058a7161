// The panel registrar with a real core (never started: no feed runs) and a real pause.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PanelState } from '@shared/ipc/panel-state'
import { afterEach, describe, expect, it } from 'vitest'
import { makeQuestion } from '../../../test/support/questions'
import { NotifierCore } from '../core/notifier-core'
import type { FeedConfig } from '../feed/feed-config'
import { silentLogger } from '../log/logger'
import { NotificationPause } from '../notify/notification-pause'
import type { TrayInputs } from '../tray/tray-presenter'
import { registerPanel } from './register-panel'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const FEED: FeedConfig = {
  kind: 'sse',
  serverUrl: 'http://127.0.0.1:1',
  auth: { kind: 'bearer', token: 't' },
}

function idleCore(): NotifierCore {
  const dataDir = mkdtempSync(join(tmpdir(), 's4m-panel-'))
  const core = new NotifierCore({
    feed: FEED,
    dataDir,
    applicationName: 'register-panel-test',
    log: silentLogger,
  })
  cleanups.push(async () => {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return core
}

function setup() {
  const pause = new NotificationPause()
  const trays: TrayInputs[] = []
  const states: PanelState[] = []
  const panel = registerPanel({
    pause,
    locale: 'en',
    renderTray: (inputs) => trays.push(inputs),
    pushState: (state) => states.push(state),
    shell: { openExternal: async () => {} },
    clipboard: { writeText: async () => {} },
    hidePanel: () => {},
    session: () => ({ canSignIn: true, expiresAt: null }),
    log: silentLogger,
  })
  cleanups.push(() => {
    panel.dispose()
    pause.dispose()
  })
  /** The refresh that follows a change: the tray and the windows get the same moment. */
  const refreshed = async (count: number) => {
    await expect.poll(() => states.length).toBe(count)
    expect(trays).toHaveLength(count)
    return states[count - 1] as PanelState
  }
  return { panel, pause, trays, refreshed }
}

describe('registerPanel', () => {
  it('shows why there is no core until one is attached', async () => {
    const { panel, refreshed } = setup()
    panel.setProblem('the server refused the token')
    panel.changed()
    expect((await refreshed(1)).feed).toMatchObject({
      state: 'failed',
      reason: 'the server refused the token',
    })
  })

  it('shows an attached core and its web app, and forgets both on detach', () => {
    const { panel } = setup()
    const core = idleCore()
    const detach = panel.attach(core, FEED)
    expect(panel.view.core).toBe(core)
    expect(panel.view.webAppUrl).toBe('http://127.0.0.1:1')
    detach()
    expect(panel.view.core).toBeNull()
    expect(panel.view.webAppUrl).toBeNull()
  })

  it('gives each attached core its own answer progress', () => {
    const { panel } = setup()
    panel.attach(idleCore(), FEED)()
    const first = panel.view.answers
    panel.attach(idleCore(), FEED)
    expect(panel.view.answers).not.toBe(first)
  })

  it('refreshes once for a pause and a language change together', async () => {
    const { panel, pause, refreshed } = setup()
    panel.setLocale('nl')
    pause.pause('hour')
    panel.changed()
    const state = await refreshed(1)
    expect(state.locale).toBe('nl')
    expect(state.pausedUntil).not.toBeNull()
  })

  it('refreshes when the pause alone changes', async () => {
    const { pause, refreshed } = setup()
    pause.pause('hour')
    expect((await refreshed(1)).pausedUntil).not.toBeNull()
    pause.resume()
    expect((await refreshed(2)).pausedUntil).toBeNull()
  })

  it('tells the tray when the longest-waiting open question was asked', async () => {
    const { panel, trays, refreshed } = setup()
    const core = idleCore()
    panel.attach(core, FEED)
    const older = '2026-11-29T09:15:00.000Z'
    core.store.apply({
      kind: 'opened',
      question: makeQuestion('q1', { createdAt: '2026-11-29T10:00:00.000Z' }),
    })
    core.store.apply({ kind: 'opened', question: makeQuestion('q2', { createdAt: older }) })
    panel.changed()
    await refreshed(1)
    expect(trays[0]).toMatchObject({ openCount: 2, oldestAskedAt: Date.parse(older) })
  })
})
