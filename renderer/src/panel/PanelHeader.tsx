import { useI18n } from './i18n'

export function PanelHeader({ waiting }: { waiting: number }) {
  const { t } = useI18n()
  return (
    <header className="panel-header">
      <h1 className="panel-title">{t('panel.title')}</h1>
      {waiting > 0 && <span className="panel-count">{t('panel.count', { count: waiting })}</span>}
    </header>
  )
}
