import { SETTING_DEFAULTS, type Settings } from '@shared/settings'
import { describe, expect, it } from 'vitest'
import { applySettingsEffects, type SettingsEffectPorts } from './settings-effects'

function ports() {
  const calls: string[] = []
  const nativeTheme = { themeSource: 'system' } satisfies Pick<Electron.NativeTheme, 'themeSource'>
  const stand: SettingsEffectPorts = {
    setLocale: (locale) => calls.push(`locale:${locale}`),
    nativeTheme,
    applyOpenAtLogin: (on) => calls.push(`login:${on}`),
    registerShortcut: (accelerator) => calls.push(`shortcut:${accelerator}`),
    setRetentionDays: (days) => calls.push(`retention:${days}`),
    changed: () => calls.push('changed'),
  }
  return { stand, calls, nativeTheme }
}

describe('applySettingsEffects', () => {
  it('applies everything at start, except what the core was built with', () => {
    const { stand, calls, nativeTheme } = ports()
    const settings: Settings = { ...SETTING_DEFAULTS, theme: 'dark' }
    applySettingsEffects(stand, { settings, previous: null, locale: 'nl' })
    expect(calls).toEqual(['locale:nl', 'login:true', `shortcut:${SETTING_DEFAULTS.shortcut}`, 'changed'])
    expect(nativeTheme.themeSource).toBe('dark')
  })

  it('touches only what changed', () => {
    const { stand, calls, nativeTheme } = ports()
    const previous = SETTING_DEFAULTS
    applySettingsEffects(stand, {
      settings: { ...previous, quietHours: { ...previous.quietHours, enabled: true } },
      previous,
      locale: 'en',
    })
    expect(calls).toEqual(['locale:en', 'changed'])
    expect(nativeTheme.themeSource).toBe('system')

    calls.length = 0
    applySettingsEffects(stand, {
      settings: {
        ...previous,
        shortcut: 'Alt+F9',
        openAtLogin: false,
        retentionDays: 7,
        theme: 'light',
      },
      previous,
      locale: 'en',
    })
    expect(calls).toEqual(['locale:en', 'login:false', 'shortcut:Alt+F9', 'retention:7', 'changed'])
    expect(nativeTheme.themeSource).toBe('light')
  })
})
