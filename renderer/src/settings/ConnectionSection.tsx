import type { SettingsState } from '@shared/ipc/settings-state'
import { signInOffer } from '@shared/sign-in-offer'
import { useState } from 'react'
import { useI18n } from '../common/i18n'
import { SignInAgain } from '../common/SignInAgain'
import { useNow } from '../common/use-now'
import { usePanelState } from '../common/use-panel-state'
import type { SettingsApi } from '../notifier-api'
import { ConnectionForm } from '../setup/ConnectionForm'

interface ConnectionSectionProps {
  api: SettingsApi
  state: SettingsState
  onState: (state: SettingsState) => void
}

const CLOCK_TICK_MS = 60_000

export function ConnectionSection({ api, state, onState }: ConnectionSectionProps) {
  const { t } = useI18n()
  const panel = usePanelState(api)
  const now = useNow(CLOCK_TICK_MS)
  // The panel state has the feed (signed out?) and the saved sign-in's end.
  const offer = panel && signInOffer(panel.feed, panel.session, now)
  return (
    <>
      {offer && (
        <section className="notice is-warning sign-in-offer" aria-label={t('signIn.again')}>
          <SignInAgain offer={offer} signInAgain={api.signInAgain} now={now} />
        </section>
      )}
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
