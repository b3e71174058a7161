import type { SettingsPatch } from '@shared/ipc/contract'
import type { SettingsState } from '@shared/ipc/settings-state'
import { keySchemas, type Settings } from '@shared/settings'
import { Field, Toggle } from '../common/Field'
import { useI18n } from '../common/i18n'
import { type Parsed, TextSetting } from './TextSetting'

interface GeneralSectionProps {
  state: SettingsState
  update: (patch: SettingsPatch) => Promise<void>
}

const parseShortcut = (raw: string): Parsed<string> => {
  const parsed = keySchemas.shortcut.safeParse(raw.trim())
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: 'settings.shortcut.error' }
}

const parseRetention = (raw: string): Parsed<number> => {
  const parsed = keySchemas.retentionDays.safeParse(Number(raw))
  return parsed.success && raw.trim() !== ''
    ? { ok: true, value: parsed.data }
    : { ok: false, error: 'settings.retention.error' }
}

export function GeneralSection({ state, update }: GeneralSectionProps) {
  const { t } = useI18n()
  const { settings } = state
  const shortcutHint = (() => {
    const status = state.shortcut
    if (status.state === 'none') return t('settings.shortcut.none')
    const shortcut = status.accelerator
    if (status.state === 'unconfirmed') return t('settings.shortcut.unconfirmed', { shortcut })
    return t(shortcut === settings.shortcut ? 'settings.shortcut.active' : 'settings.shortcut.fallback', {
      shortcut,
    })
  })()
  return (
    <div className="settings-form">
      <Toggle
        label={t('settings.openAtLogin')}
        checked={settings.openAtLogin}
        onChange={(openAtLogin) => void update({ openAtLogin })}
      />
      <TextSetting
        label={t('settings.shortcut')}
        hint={shortcutHint}
        value={settings.shortcut}
        parse={parseShortcut}
        onCommit={(shortcut) => void update({ shortcut })}
      />
      <Field label={t('settings.language')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={settings.language}
            onChange={(event) => void update({ language: event.target.value as Settings['language'] })}
          >
            <option value="system">{t('settings.language.system')}</option>
            <option value="en">{t('settings.language.en')}</option>
            <option value="nl">{t('settings.language.nl')}</option>
          </select>
        )}
      </Field>
      <Field label={t('settings.theme')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={settings.theme}
            onChange={(event) => void update({ theme: event.target.value as Settings['theme'] })}
          >
            <option value="system">{t('settings.theme.system')}</option>
            <option value="light">{t('settings.theme.light')}</option>
            <option value="dark">{t('settings.theme.dark')}</option>
          </select>
        )}
      </Field>
      <TextSetting
        label={t('settings.retention')}
        hint={t('settings.retention.hint')}
        type="number"
        value={String(settings.retentionDays)}
        parse={parseRetention}
        onCommit={(retentionDays) => void update({ retentionDays })}
      />
    </div>
  )
}
