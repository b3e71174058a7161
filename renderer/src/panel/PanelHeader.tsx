import { useI18n } from '../common/i18n'

export function PanelHeader({ waiting, onSettings }: { waiting: number; onSettings: () => void }) {
  const { t } = useI18n()
  return (
    <header className="panel-header">
      <h1 className="panel-title">{t('panel.title')}</h1>
      {waiting > 0 && <span className="panel-count">{t('panel.count', { count: waiting })}</span>}
      <button
        type="button"
        className="icon-button panel-settings"
        aria-label={t('panel.settings')}
        title={t('panel.settings')}
        onClick={onSettings}
      >
        {/* Drawn inline: the CSP allows no icon font and this needs no request. */}
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3.3h-4l-.4 2.6a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.2 1.6 2 3.5 2.5-1c.5.4 1.1.7 1.7 1l.4 2.6h4l.4-2.6c.6-.3 1.2-.6 1.7-1l2.5 1 2-3.5L19.4 13ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z"
            transform="translate(-1 0)"
          />
        </svg>
      </button>
    </header>
  )
}
