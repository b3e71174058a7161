// The settings window: a vertical tab list of sections. Arrow keys, Home and End move between the
// tabs (and open them), Tab goes on into the open section.
import type { MessageKey } from '@shared/i18n/messages'
import { SETTINGS_SECTIONS, type SettingsPatch, type SettingsSection } from '@shared/ipc/contract'
import type { SettingsState } from '@shared/ipc/settings-state'
import { type KeyboardEvent, useRef, useState } from 'react'
import { I18nContext } from '../common/i18n'
import { usePageI18n } from '../common/use-page-i18n'
import { DiagnosticsView } from '../diagnostics/DiagnosticsView'
import type { SettingsApi } from '../notifier-api'
import { replaceRoute } from '../router'
import { ConnectionSection } from './ConnectionSection'
import { GeneralSection } from './GeneralSection'
import { NotificationsSection, type PauseLength } from './NotificationsSection'

const SECTION_TITLES: Record<SettingsSection, MessageKey> = {
  connection: 'settings.section.connection',
  notifications: 'settings.section.notifications',
  general: 'settings.section.general',
  diagnostics: 'settings.section.diagnostics',
}

/** Where a key press moves in the tab list, or null when the key is not ours. */
function nextIndex(key: string, index: number, count: number): number | null {
  if (key === 'ArrowDown' || key === 'ArrowRight') return (index + 1) % count
  if (key === 'ArrowUp' || key === 'ArrowLeft') return (index - 1 + count) % count
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  return null
}

interface SettingsViewProps {
  api: SettingsApi
  state: SettingsState
  section: SettingsSection
  onState: (next: SettingsState | ((current: SettingsState) => SettingsState)) => void
}

export function SettingsView({ api, state, section, onState }: SettingsViewProps) {
  const i18n = usePageI18n(state.locale, 'settings.title')
  const { t } = i18n
  const tabs = useRef(new Map<SettingsSection, HTMLButtonElement>())
  const [failed, setFailed] = useState(false)

  const select = (next: SettingsSection, focus: boolean) => {
    replaceRoute({ view: 'settings', section: next })
    if (focus) tabs.current.get(next)?.focus()
  }

  const onTabKey = (event: KeyboardEvent) => {
    const index = nextIndex(event.key, SETTINGS_SECTIONS.indexOf(section), SETTINGS_SECTIONS.length)
    const next = index === null ? undefined : SETTINGS_SECTIONS[index]
    if (!next) return
    event.preventDefault()
    select(next, true)
  }

  const latestUpdate = useRef(0)
  /**
   * Every change goes to main at once and shows at once, so a second quick change builds on the
   * first; the state main answers with then replaces the guess, unless a newer change is on its way.
   */
  const update = async (patch: SettingsPatch) => {
    const sequence = ++latestUpdate.current
    onState((current) => ({ ...current, settings: { ...current.settings, ...patch } }))
    try {
      const stored = await api.updateSettings(patch)
      if (sequence === latestUpdate.current) onState(stored)
      setFailed(false)
    } catch {
      setFailed(true)
      // Main refused: show what it has.
      onState(await api.getSettings())
    }
  }

  /** The pause is no setting, but a failed call to it is told the same way. */
  const pause = async (length: PauseLength) => {
    try {
      await api.pauseNotifications(length)
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }

  return (
    <I18nContext value={i18n}>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('settings.title')}>
          <h1 className="settings-nav-title">{t('settings.title')}</h1>
          <div role="tablist" aria-orientation="vertical" aria-label={t('settings.sections')}>
            {SETTINGS_SECTIONS.map((id) => (
              <button
                key={id}
                ref={(element) => {
                  if (element) tabs.current.set(id, element)
                  else tabs.current.delete(id)
                }}
                type="button"
                role="tab"
                id={`tab-${id}`}
                className="settings-tab"
                aria-selected={id === section}
                aria-controls={`section-${id}`}
                tabIndex={id === section ? 0 : -1}
                onClick={() => select(id, false)}
                onKeyDown={onTabKey}
              >
                {t(SECTION_TITLES[id])}
              </button>
            ))}
          </div>
          <p className="settings-version">{t('settings.version', { version: state.appVersion })}</p>
        </nav>
        {/* The landmark holds the tab panel: a <main> may not take the tabpanel role itself. */}
        <main className="settings-main">
          <div
            className="settings-section"
            role="tabpanel"
            id={`section-${section}`}
            aria-labelledby={`tab-${section}`}
          >
            <h2 className="section-title">{t(SECTION_TITLES[section])}</h2>
            {failed && (
              <p className="notice is-error" role="alert">
                {t('settings.updateFailed')}
              </p>
            )}
            {section === 'connection' && <ConnectionSection api={api} state={state} onState={onState} />}
            {section === 'notifications' && (
              <NotificationsSection api={api} state={state} update={update} pause={pause} />
            )}
            {section === 'general' && <GeneralSection state={state} update={update} />}
            {section === 'diagnostics' && <DiagnosticsView api={api} />}
          </div>
        </main>
      </div>
    </I18nContext>
  )
}
