// First launch: from nothing to the first live question, without reading any docs.
import type { SettingsState } from '@shared/ipc/settings-state'
import { useState } from 'react'
import { I18nContext } from '../common/i18n'
import { usePageI18n } from '../common/use-page-i18n'
import type { SettingsApi } from '../notifier-api'
import { ConnectionForm } from './ConnectionForm'

export function SetupView({
  api,
  state,
  onState,
}: {
  api: SettingsApi
  state: SettingsState
  onState: (state: SettingsState) => void
}) {
  const i18n = usePageI18n(state.locale, 'setup.title')
  const { t } = i18n
  const [done, setDone] = useState(false)
  return (
    <I18nContext value={i18n}>
      <main className="setup-page">
        <header className="page-header">
          <h1 className="page-title">{t('setup.title')}</h1>
          <p className="page-intro">{t('setup.intro')}</p>
        </header>
        <ConnectionForm
          api={api}
          state={state}
          onSaved={(next) => {
            onState(next)
            setDone(true)
          }}
        />
        {done && (
          <section className="setup-done" aria-labelledby="setup-done-title">
            <h2 id="setup-done-title" className="section-title">
              {t('setup.done.title')}
            </h2>
            <p>{t('setup.done.body')}</p>
            <div className="form-actions">
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void api.openSettings('notifications')}
              >
                {t('setup.done.settings')}
              </button>
            </div>
          </section>
        )}
      </main>
    </I18nContext>
  )
}
