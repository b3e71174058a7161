// A connection test or save, in plain words; the technical detail is folded away.
import type { MessageKey } from '@shared/i18n/messages'
import type { ConnectionFailure, ConnectionTestResult } from '@shared/setup'
import { useI18n } from '../common/i18n'

export type ConnectionStatus =
  | { phase: 'idle' }
  | { phase: 'testing' }
  | { phase: 'saving' }
  | { phase: 'tested'; result: ConnectionTestResult }
  /** The save's own test failed: nothing was saved, the user may insist. */
  | { phase: 'save-refused'; failure: ConnectionFailure; detail: string }
  | { phase: 'saved' }
  /** The call itself failed (main refused the request); no test ran. */
  | { phase: 'error'; detail: string }

function failureKey(failure: ConnectionFailure): MessageKey {
  return `setup.failure.${failure}`
}

function successKey(count: number): MessageKey {
  if (count === 0) return 'setup.test.ok.none'
  return count === 1 ? 'setup.test.ok.one' : 'setup.test.ok.many'
}

export function ConnectionResult({
  status,
  onSaveAnyway,
}: {
  status: ConnectionStatus
  onSaveAnyway: () => void
}) {
  const { t } = useI18n()
  switch (status.phase) {
    case 'idle':
      return null
    case 'testing':
    case 'saving':
      return (
        <p className="connection-result is-busy">
          {t(status.phase === 'testing' ? 'setup.test.running' : 'setup.save.running')}
        </p>
      )
    case 'saved':
      return <p className="connection-result is-ok">{t('setup.save.done')}</p>
    case 'error':
      return <Failure title={t('setup.failure.call')} detail={status.detail} />
    case 'tested':
      return status.result.ok ? (
        <p className="connection-result is-ok">
          {t(successKey(status.result.openQuestions), { count: status.result.openQuestions })}
        </p>
      ) : (
        <Failure title={t(failureKey(status.result.failure))} detail={status.result.detail} />
      )
    case 'save-refused':
      return (
        <Failure title={t(failureKey(status.failure))} detail={status.detail}>
          <p className="connection-insist">{t('setup.save.refused')}</p>
          <button type="button" className="button button-quiet" onClick={onSaveAnyway}>
            {t('setup.save.anyway')}
          </button>
        </Failure>
      )
  }
}

function Failure({ title, detail, children }: { title: string; detail: string; children?: React.ReactNode }) {
  const { t } = useI18n()
  return (
    <div className="connection-result is-failed">
      <p className="connection-failure">{title}</p>
      {detail && (
        <details className="connection-detail">
          <summary>{t('setup.details')}</summary>
          <p className="connection-detail-text">{detail}</p>
        </details>
      )}
      {children}
    </div>
  )
}
