import type { AppUpdater } from 'electron-updater'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { createLineLogger } from '../log/logger'
import {
  type AutoUpdateOptions,
  startAutoUpdate,
  UPDATE_CHECK_INTERVAL_MS,
  type UpdaterPort,
} from './auto-update'

type CheckResult = Awaited<ReturnType<UpdaterPort['checkForUpdates']>>
type Listener = (...args: never[]) => void

/** electron-updater's autoUpdater as far as we use it: records calls, emits events on demand. */
function fakeUpdater() {
  const listeners = new Map<string, Set<Listener>>()
  const calls: string[] = []
  let nextCheck: () => Promise<CheckResult> = async () => null
  const updater = {
    setFeedURL: (options: { provider: 'generic'; url: string }) => {
      calls.push(`feed ${options.provider} ${options.url}`)
    },
    checkForUpdates: () => {
      calls.push('check')
      return nextCheck()
    },
    on: (event: string, listener: Listener) => {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(listener))
    },
    off: (event: string, listener: Listener) => {
      listeners.get(event)?.delete(listener)
    },
    logger: null as UpdaterPort['logger'],
  } satisfies UpdaterPort
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args)
  }
  const listenerCount = () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0)
  return {
    updater,
    calls,
    emit,
    listenerCount,
    onCheck: (check: () => Promise<CheckResult>) => (nextCheck = check),
  }
}

function setup(updateUrl: string | null, options: Partial<AutoUpdateOptions> = {}) {
  const fake = fakeUpdater()
  const { clock, timers } = fakeClock()
  const lines: string[] = []
  const log = createLineLogger((line) => lines.push(line), { minLevel: 'debug', now: () => new Date(0) })
  const updates = startAutoUpdate({ updater: fake.updater, updateUrl, log, clock, ...options })
  return { ...fake, timers, lines, updates }
}

const URL_A = 'https://updates.example.com/notifier/'
const URL_B = 'https://mirror.example.com/notifier/'

describe('startAutoUpdate', () => {
  it('fits the real electron-updater (checked by tsc)', () => {
    expectTypeOf<AppUpdater>().toMatchTypeOf<UpdaterPort>()
  })

  it('does nothing without an update URL', () => {
    const { calls, timers, lines } = setup(null)
    timers.tick(UPDATE_CHECK_INTERVAL_MS * 3)
    expect(calls).toEqual([])
    expect(lines.join('\n')).toContain('automatic updates off')
  })

  it('sets the generic feed and checks at once, then every 4 hours', () => {
    const { calls, timers } = setup(URL_A)
    expect(calls).toEqual([`feed generic ${URL_A}`, 'check'])
    timers.tick(UPDATE_CHECK_INTERVAL_MS - 1)
    expect(calls).toHaveLength(2)
    timers.tick(1)
    timers.tick(UPDATE_CHECK_INTERVAL_MS)
    expect(calls).toEqual([`feed generic ${URL_A}`, 'check', 'check', 'check'])
  })

  it('logs an error event instead of throwing, and keeps checking', () => {
    const { emit, lines, calls, timers } = setup(URL_A)
    expect(() => emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'))).not.toThrow()
    expect(lines.join('\n')).toContain(
      'warn update: check failed (net::ERR_INTERNET_DISCONNECTED); next try in 4 h',
    )
    timers.tick(UPDATE_CHECK_INTERVAL_MS)
    expect(calls.filter((call) => call === 'check')).toHaveLength(2)
  })

  it('leaves no unhandled rejection when a check or its download fails', async () => {
    const unhandled: unknown[] = []
    const record = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', record)
    try {
      const fake = setup(null)
      fake.onCheck(async () => {
        throw new Error('offline')
      })
      fake.updates.apply(URL_A)
      fake.onCheck(async () => ({ downloadPromise: Promise.reject(new Error('download cut off')) }))
      fake.timers.tick(UPDATE_CHECK_INTERVAL_MS)
      fake.onCheck(() => {
        throw new Error('thrown synchronously')
      })
      expect(() => fake.timers.tick(UPDATE_CHECK_INTERVAL_MS)).not.toThrow()
      // Unhandled rejections are reported after a macrotask.
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(fake.calls.filter((call) => call === 'check')).toHaveLength(3)
      expect(fake.lines.join('\n')).toContain('update: check failed (Error: thrown synchronously)')
    } finally {
      process.off('unhandledRejection', record)
    }
    expect(unhandled).toEqual([])
  })

  it('reports a downloaded update', () => {
    const ready: string[] = []
    const { emit, lines } = setup(URL_A, { onUpdateReady: (version) => ready.push(version) })
    emit('update-available', { version: '0.2.0' })
    emit('update-downloaded', { version: '0.2.0' })
    expect(ready).toEqual(['0.2.0'])
    expect(lines.join('\n')).toContain('update: version 0.2.0 downloaded; installs when the app quits')
  })

  it('replaces the schedule when the URL changes, and stops for null', () => {
    const { calls, timers, updates } = setup(URL_A)
    timers.tick(UPDATE_CHECK_INTERVAL_MS / 2)
    updates.apply(URL_B)
    expect(calls).toEqual([`feed generic ${URL_A}`, 'check', `feed generic ${URL_B}`, 'check'])
    // Only the new schedule: half an interval later the old one would have fired.
    timers.tick(UPDATE_CHECK_INTERVAL_MS / 2)
    expect(calls).toHaveLength(4)
    timers.tick(UPDATE_CHECK_INTERVAL_MS / 2)
    expect(calls).toHaveLength(5)
    updates.apply(URL_B)
    expect(calls).toHaveLength(5)
    updates.apply(null)
    timers.tick(UPDATE_CHECK_INTERVAL_MS * 3)
    expect(calls).toHaveLength(5)
  })

  it('checks no more after stop, and leaves no listeners behind', () => {
    const { calls, timers, updates, listenerCount } = setup(URL_A)
    expect(listenerCount()).toBe(4)
    updates.stop()
    timers.tick(UPDATE_CHECK_INTERVAL_MS * 3)
    updates.apply(URL_B)
    expect(calls).toEqual([`feed generic ${URL_A}`, 'check'])
    expect(listenerCount()).toBe(0)
  })
})
