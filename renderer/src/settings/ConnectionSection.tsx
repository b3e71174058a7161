import type { SettingsState } from '@shared/ipc/settings-state'
import { useState } from 'react'
import { useI18n } from '../common/i18n'
import type { SettingsApi } from '../notifier-api'
import { ConnectionForm } from '../setup/ConnectionForm'

interface ConnectionSectionProps {
  api: SettingsApi
  state: SettingsState
  onState: (state: SettingsState) => void
}

export function ConnectionSection({ api, state, onState }: ConnectionSectionProps) {
  return (
    <>
      <ConnectionForm api={api} state={state} onSaved={onState} />
      {state.settings.connection && <SignOut api={api} onState={onState} />}
    </>
  )
}

/** Two steps: signing out forgets the secret and the cached questions, which cannot be undone. */
function SignOut({ api, onState }: { api: SettingsApi; onState: (state: SettingsState) => void }) {
  const { t } = useI18n()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const signOut = async () => {
    setBusy(true)
    try {
      onState(await api.signOut())
      setConfirming(false)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="sign-out" aria-labelledby="sign-out-title">
      <h3 id="sign-out-title" className="subsection-title">
        {t('settings.signOut.title')}
      </h3>
      {confirming ? (
        <div className="confirm">
          <p>{t('settings.signOut.confirm')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() => void signOut()}
            >
              {t('settings.signOut.yes')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              disabled={busy}
              onClick={() => setConfirming(false)}
            >
              {t('settings.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <p className="field-hint">{t('settings.signOut.hint')}</p>
          <div className="form-actions">
            <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
              {t('settings.signOut')}
            </button>
          </div>
        </>
      )}
    </section>
  )
}
