// Enough to tell "my network", "the server" and "the app" apart, and to attach to a bug report.
import type { Diagnostics } from '@shared/diagnostics'
import { formatDuration } from '@shared/duration'
import { useCallback, useEffect, useState } from 'react'
import { feedWordsKey } from '../common/feed-words'
import { useI18n } from '../common/i18n'
import type { SettingsApi } from '../notifier-api'
import { formatBytes, formatMoment, historyWordsKey, median } from './diagnostics-format'

export function DiagnosticsView({ api }: { api: SettingsApi }) {
  const { locale, t } = useI18n()
  const [diagnostics, setDiagnostics] = useState<Diagnostics | null>(null)
  const [failed, setFailed] = useState(false)
  const [logsMissing, setLogsMissing] = useState(false)

  const refresh = useCallback(async () => {
    try {
      setDiagnostics(await api.getDiagnostics())
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }, [api])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const openLogs = async () => setLogsMissing(!(await api.openLogs()))
  const moment = (iso: string) => formatMoment(iso, locale)
  const middle = diagnostics && median(diagnostics.latencies.map((latency) => latency.ms))

  return (
    <div className="diagnostics">
      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={() => void refresh()}>
          {t('diagnostics.refresh')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => void openLogs()}>
          {t('diagnostics.openLogs')}
        </button>
      </div>
      {logsMissing && <p className="notice">{t('diagnostics.noLogs')}</p>}
      {failed && (
        <p className="notice is-error" role="alert">
          {t('diagnostics.failed')}
        </p>
      )}
      {diagnostics && (
        <>
          <dl className="figures">
            <div className="figure">
              <dt>{t('diagnostics.feedNow')}</dt>
              <dd className="figure-feed">
                {diagnostics.feedHistory[0]
                  ? t(feedWordsKey({ state: diagnostics.feedHistory[0].state, since: 0 }))
                  : t('diagnostics.none')}
              </dd>
            </div>
            <div className="figure">
              <dt>{t('diagnostics.reconnects')}</dt>
              <dd className="figure-reconnects">{diagnostics.reconnects}</dd>
            </div>
            <div className="figure">
              <dt>{t('diagnostics.lastEvent')}</dt>
              <dd className="figure-last-event">
                {diagnostics.lastEventAt ? moment(diagnostics.lastEventAt) : t('diagnostics.none')}
              </dd>
            </div>
            <div className="figure">
              <dt>{t('diagnostics.outbox')}</dt>
              <dd className="figure-outbox">{diagnostics.outboxLength}</dd>
            </div>
            <div className="figure">
              <dt>{t('diagnostics.cache')}</dt>
              <dd className="figure-cache">{formatBytes(diagnostics.cacheBytes, locale)}</dd>
            </div>
            {diagnostics.sessionExpiresAt && (
              <div className="figure">
                <dt>{t('diagnostics.sessionExpires')}</dt>
                <dd className="figure-session-expires">{moment(diagnostics.sessionExpiresAt)}</dd>
              </div>
            )}
            <div className="figure">
              <dt>{t('diagnostics.latency')}</dt>
              <dd className="figure-latency">
                {middle === null ? t('diagnostics.none') : formatDuration(middle, locale)}
              </dd>
            </div>
          </dl>

          <section className="diagnostics-part" aria-labelledby="diag-error">
            <h3 id="diag-error" className="subsection-title">
              {t('diagnostics.lastError')}
            </h3>
            {diagnostics.lastError ? (
              <p className="last-error">
                <span className="last-error-at">{moment(diagnostics.lastError.at)}</span>{' '}
                <span className="last-error-message">{diagnostics.lastError.message}</span>
              </p>
            ) : (
              <p className="empty-note">{t('diagnostics.noError')}</p>
            )}
          </section>

          <section className="diagnostics-part" aria-labelledby="diag-history">
            <h3 id="diag-history" className="subsection-title">
              {t('diagnostics.history')}
            </h3>
            {diagnostics.feedHistory.length === 0 ? (
              <p className="empty-note">{t('diagnostics.none')}</p>
            ) : (
              <table className="data-table feed-history">
                <thead>
                  <tr>
                    <th scope="col">{t('diagnostics.column.time')}</th>
                    <th scope="col">{t('diagnostics.column.state')}</th>
                    <th scope="col">{t('diagnostics.column.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {diagnostics.feedHistory.map((change) => (
                    // Times are to the millisecond: two changes with the same time, state and detail are one.
                    <tr key={`${change.at}|${change.state}|${change.detail ?? ''}`}>
                      <td className="nowrap">{moment(change.at)}</td>
                      <td>{t(historyWordsKey(change))}</td>
                      <td className="cell-detail">{change.detail ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="diagnostics-part" aria-labelledby="diag-latency">
            <h3 id="diag-latency" className="subsection-title">
              {t('diagnostics.latencies')}
            </h3>
            {diagnostics.latencies.length === 0 ? (
              <p className="empty-note">{t('diagnostics.noLatencies')}</p>
            ) : (
              <table className="data-table latencies">
                <thead>
                  <tr>
                    <th scope="col">{t('diagnostics.column.asked')}</th>
                    <th scope="col">{t('diagnostics.column.question')}</th>
                    <th scope="col" className="numeric">
                      {t('diagnostics.column.latency')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {diagnostics.latencies.map((latency) => (
                    <tr key={latency.questionId}>
                      <td className="nowrap">{moment(latency.createdAt)}</td>
                      <td className="cell-detail">{latency.questionId}</td>
                      <td className="numeric">{formatDuration(latency.ms, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <p className="field-hint">
            {diagnostics.logFile
              ? t('diagnostics.logFile', { path: diagnostics.logFile })
              : t('diagnostics.noLogFile')}{' '}
            · {t('settings.version', { version: diagnostics.appVersion })}
          </p>
        </>
      )}
    </div>
  )
}
