import { useI18n } from './i18n'

export function EmptyState() {
  const { t } = useI18n()
  return (
    <section className="empty-state">
      <div className="empty-mark" aria-hidden="true" />
      <h2 className="empty-title">{t('panel.empty.title')}</h2>
      <p className="empty-body">{t('panel.empty.body')}</p>
    </section>
  )
}
