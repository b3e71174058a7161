// The settings window's "Pause notifications" through the real registrar into a real
// NotificationPause (and a real SettingsController over a temporary file); only ipcMain is a stand-in.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionSecretStore } from '../credentials/secret-store'
import { RejectedIpcCall, registerInvokeHandlers } from '../ipc/register-handlers'
import { fakeIpcMain } from '../ipc/testing/fake-ipc-main'
import { silentLogger } from '../log/logger'
import { NotificationPause } from '../notify/notification-pause'
import { SettingsController } from './settings-controller'
import { createSettingsHandlers } from './settings-handlers'

const HOUR_MS = 3_600_000
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 's4m-settings-handlers-'))
  const pause = new NotificationPause()
  cleanups.push(() => {
    pause.dispose()
    rmSync(dir, { recursive: true, force: true })
  })
  const controller = new SettingsController({
    settingsPath: join(dir, 'settings.json'),
    secrets: new SessionSecretStore(),
    testConnection: async () => {
      throw new Error('not used')
    },
    applyConnection: async () => {},
    shortcutStatus: () => ({ state: 'none' }),
    systemLocale: 'en',
    appVersion: '0.0.0',
    log: silentLogger,
  })
  const { ipcMain, call, callers } = fakeIpcMain({ window: 'settings' })
  const handlers = createSettingsHandlers({
    controller,
    diagnostics: () => {
      throw new Error('not used')
    },
    openSettings: () => {},
    openLogs: async () => false,
    pause,
  })
  registerInvokeHandlers(ipcMain, handlers, callers, silentLogger)
  const changes: (number | null)[] = []
  pause.onChange((until) => changes.push(until))
  return { pause, call, changes, controller }
}

describe('settings handlers: notifications:pause', () => {
  it('pauses for an hour, until tomorrow morning, and resumes', async () => {
    const { pause, call, changes } = setup()
    const before = Date.now()
    expect(await call('notifications:pause', { length: 'hour' })).toBeUndefined()
    expect(pause.isPaused()).toBe(true)
    expect(pause.until).toBeGreaterThanOrEqual(before + HOUR_MS)
    expect(pause.until).toBeLessThanOrEqual(Date.now() + HOUR_MS)

    await call('notifications:pause', { length: 'tomorrow' })
    const until = new Date(pause.until ?? 0)
    expect([until.getHours(), until.getMinutes()]).toEqual([8, 0])
    expect(until.getTime()).toBeGreaterThan(Date.now())

    await call('notifications:pause', { length: 'resume' })
    expect(pause.isPaused()).toBe(false)
    expect(pause.until).toBeNull()
    expect(changes).toHaveLength(3)
    expect(changes[2]).toBeNull()
  })

  it.each([
    [{ length: 'week' }],
    [{ length: 60 }],
    [{ length: 'hour', extra: true }],
    [{}],
    ['hour'],
    [undefined],
  ])('refuses a malformed request %j, and the pause stays as it was', (request) => {
    const { pause, call, changes } = setup()
    expect(() => call('notifications:pause', request)).toThrow(RejectedIpcCall)
    expect(pause.until).toBeNull()
    expect(changes).toEqual([])
  })

  it('refuses the call from a foreign frame', () => {
    const { pause, call } = setup()
    expect(() => call('notifications:pause', { length: 'hour' }, { url: 'https://evil.example/' })).toThrow(
      RejectedIpcCall,
    )
    expect(pause.until).toBeNull()
  })
})

describe('settings handlers: connection:save', () => {
  const connection = {
    kind: 'sse',
    serverUrl: 'https://scrum4me.example.com/',
    authKind: 'cookie',
    sessionExpiresAt: '2030-01-01T00:00:00.000Z',
  } as const

  it("forgets the signed-in session's expiry when a cookie is pasted instead", async () => {
    const { call, controller } = setup()
    await call('connection:save', { connection, secret: 'sid=pasted', insist: true })
    const { sessionExpiresAt: _expiry, ...pasted } = connection
    expect(controller.settings.connection).toStrictEqual(pasted)
  })

  it('keeps the expiry when the stored cookie stays (an empty secret)', async () => {
    const { call, controller } = setup()
    await call('connection:save', { connection, secret: '', insist: true })
    expect(controller.settings.connection).toEqual(connection)
  })
})
