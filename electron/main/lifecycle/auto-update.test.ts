import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppUpdater } from 'electron-updater'
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest'
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

const resources = mkdtempSync(join(tmpdir(), 's4m-update-'))
afterAll(() => rmSync(resources, { recursive: true, force: true }))
/** What electron-builder writes into a build whose electron-builder.yml has a `publish` entry. */
const WITH_FEED = join(resources, 'app-update.yml')
writeFileSync(WITH_FEED, 'provider: generic\nurl: https://updates.example.com/notifier/\n')
/** A build without `publish`: no app-update.yml. */
const WITHOUT_FEED = join(resources, 'missing', 'app-update.yml')

function setup(updateConfigFile: string | null, options: Partial<AutoUpdateOptions> = {}) {
  const fake = fakeUpdater()
  const { clock, timers } = fakeClock()
  const lines: string[] = []
  const log = createLineLogger((line) => lines.push(line), { minLevel: 'debug', now: () => new Date(0) })
  const updates = startAutoUpdate({ updater: fake.updater, updateConfigFile, log, clock, ...options })
  return { ...fake, timers, lines, updates }
}

describe('startAutoUpdate', () => {
  it('fits the real electron-updater (checked by tsc)', () => {
    expectTypeOf<AppUpdater>().toMatchTypeOf<UpdaterPort>()
  })

  it('does nothing when the build has no update feed, or the app is not packaged', () => {
    for (const file of [WITHOUT_FEED, null]) {
      const { calls, timers, lines, listenerCount } = setup(file)
      timers.tick(UPDATE_CHECK_INTERVAL_MS * 3)
      expect(calls).toEqual([])
      expect(listenerCount()).toBe(0)
      expect(lines.join('\n')).toContain('this build has no update feed; automatic updates off')
    }
  })

  it("checks the build's own feed at once, then every 4 hours", () => {
    const { calls, timers, lines } = setup(WITH_FEED)
    expect(calls).toEqual(['check'])
    timers.tick(UPDATE_CHECK_INTERVAL_MS - 1)
    expect(calls).toHaveLength(1)
    timers.tick(1)
    timers.tick(UPDATE_CHECK_INTERVAL_MS)
    expect(calls).toEqual(['check', 'check', 'check'])
    expect(lines.join('\n')).toContain("update: checking the build's update feed now and every 4 h")
  })

  it('logs an error event instead of throwing, and keeps checking', () => {
    const { emit, lines, calls, timers } = setup(WITH_FEED)
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
      const fake = fakeUpdater()
      const { clock, timers } = fakeClock()
      const lines: string[] = []
      const log = createLineLogger((line) => lines.push(line))
      fake.onCheck(async () => {
        throw new Error('offline')
      })
      startAutoUpdate({ updater: fake.updater, updateConfigFile: WITH_FEED, log, clock })
      fake.onCheck(async () => ({ downloadPromise: Promise.reject(new Error('download cut off')) }))
      timers.tick(UPDATE_CHECK_INTERVAL_MS)
      fake.onCheck(() => {
        throw new Error('thrown synchronously')
      })
      expect(() => timers.tick(UPDATE_CHECK_INTERVAL_MS)).not.toThrow()
      // Unhandled rejections are reported after a macrotask.
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(fake.calls.filter((call) => call === 'check')).toHaveLength(3)
      expect(lines.join('\n')).toContain('update: check failed (Error: thrown synchronously)')
    } finally {
      process.off('unhandledRejection', record)
    }
    expect(unhandled).toEqual([])
  })

  it('reports a downloaded update', () => {
    const ready: string[] = []
    const { emit, lines } = setup(WITH_FEED, { onUpdateReady: (version) => ready.push(version) })
    emit('update-available', { version: '0.2.0' })
    emit('update-downloaded', { version: '0.2.0' })
    expect(ready).toEqual(['0.2.0'])
    expect(lines.join('\n')).toContain('update: version 0.2.0 downloaded; installs when the app quits')
  })

  it('checks no more after stop, and leaves no listeners behind', () => {
    const { calls, timers, updates, listenerCount } = setup(WITH_FEED)
    expect(listenerCount()).toBe(4)
    updates.stop()
    timers.tick(UPDATE_CHECK_INTERVAL_MS * 3)
    expect(calls).toEqual(['check'])
    expect(listenerCount()).toBe(0)
  })
})
