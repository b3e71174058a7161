// How a sign-in stands, in one line; a failure keeps its one-line detail folded beneath.
import type { SignInResult } from '@shared/ipc/sign-in'
import { useI18n } from './i18n'
import { type SignInStatus, signInWordsKey } from './use-sign-in'

// The connection result's looks (settings.css): a cancel is no failure, a busy window is still waiting.
const TONE: Record<SignInResult['outcome'], string> = {
  'signed-in': 'is-ok',
  cancelled: '',
  'timed-out': 'is-failed',
  busy: 'is-busy',
  failed: 'is-failed',
}

export function SignInStatusLine({ status }: { status: SignInStatus }) {
  const { t } = useI18n()
  const key = signInWordsKey(status)
  if (!key) return null
  const tone = status.phase === 'ended' ? TONE[status.result.outcome] : 'is-busy'
  const detail = status.phase === 'ended' && status.result.outcome === 'failed' ? status.result.detail : ''
  return (
    <div className={`connection-result sign-in-status ${tone}`}>
      <p className={tone === 'is-failed' ? 'connection-failure' : undefined}>{t(key)}</p>
      {detail && (
        <details className="connection-detail">
          <summary>{t('setup.details')}</summary>
          <p className="connection-detail-text">{detail}</p>
        </details>
      )}
    </div>
  )
}
