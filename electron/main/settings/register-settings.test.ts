import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SettingsState } from '@shared/ipc/settings-state'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionSecretStore } from '../credentials/secret-store'
import { silentLogger } from '../log/logger'
import { registerSettings } from './register-settings'
import { SETTINGS_FILE } from './settings-file'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 's4m-register-settings-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const effects: string[] = []
  const pushed: SettingsState[] = []
  const nativeTheme = { themeSource: 'system' as Electron.NativeTheme['themeSource'] }
  const registration = registerSettings({
    controller: {
      settingsPath: join(dir, SETTINGS_FILE),
      secrets: new SessionSecretStore(),
      testConnection: () => Promise.reject(new Error('no connection test here')),
      applyConnection: async () => {},
      systemLocale: 'en',
      appVersion: '0.0.0-test',
      log: silentLogger,
    },
    effects: {
      setLocale: (locale) => effects.push(`locale ${locale}`),
      nativeTheme,
      applyOpenAtLogin: (openAtLogin) => effects.push(`open at login ${openAtLogin}`),
      setRetentionDays: (days) => effects.push(`retention ${days}`),
      changed: () => effects.push('changed'),
    },
    registerShortcut: (preferred) => {
      effects.push(`shortcut ${preferred}`)
      return {
        status: { state: 'active', accelerator: preferred },
        unregister: () => effects.push(`unregister ${preferred}`),
      }
    },
    pushState: (state) => pushed.push(state),
  })
  return { registration, effects, pushed, nativeTheme }
}

/** The `count`th push to the settings window, which follows every saved change. */
async function push(pushed: SettingsState[], count: number): Promise<SettingsState> {
  await expect.poll(() => pushed.length).toBe(count)
  return pushed[count - 1] as SettingsState
}

describe('registerSettings', () => {
  it('applies every setting at start, but not the retention the core opened with', () => {
    const { registration, effects, nativeTheme } = setup()
    expect(effects).toEqual([])
    registration.applyAtStart()
    expect(effects).toEqual([
      'locale en',
      'open at login true',
      'shortcut CommandOrControl+Shift+Space',
      'changed',
    ])
    expect(nativeTheme.themeSource).toBe('system')
  })

  it('applies only what a saved change changed, and pushes the new state with the live shortcut', async () => {
    const { registration, effects, pushed, nativeTheme } = setup()
    registration.applyAtStart()
    effects.length = 0
    await registration.controller.update({ theme: 'dark', retentionDays: 7 })
    expect(effects).toEqual(['locale en', 'retention 7', 'changed'])
    expect(nativeTheme.themeSource).toBe('dark')
    const state = await push(pushed, 1)
    expect(state.shortcut).toEqual({ state: 'active', accelerator: 'CommandOrControl+Shift+Space' })
  })

  it('replaces the shortcut when its choice changes, and lets it go when disposed', async () => {
    const { registration, effects, pushed } = setup()
    registration.applyAtStart()
    effects.length = 0
    await registration.controller.update({ shortcut: 'Alt+Shift+Q' })
    await push(pushed, 1)
    registration.dispose()
    await registration.controller.update({ sound: false })
    expect(effects).toEqual([
      'locale en',
      'unregister CommandOrControl+Shift+Space',
      'shortcut Alt+Shift+Q',
      'changed',
      'unregister Alt+Shift+Q',
    ])
    expect(pushed).toHaveLength(1)
  })
})
