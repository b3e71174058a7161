import { useI18n } from '../common/i18n'

/** Nothing to answer; before the first setup, the way to get there. */
export function EmptyState({ onSetUp }: { onSetUp: (() => void) | null }) {
  const { t } = useI18n()
  if (onSetUp)
    return (
      <section className="empty-state is-not-set-up">
        <h2 className="empty-title">{t('panel.setup.title')}</h2>
        <p className="empty-body">{t('panel.setup.body')}</p>
        <button type="button" className="button button-primary empty-action" onClick={onSetUp}>
          {t('panel.setup.action')}
        </button>
      </section>
    )
  return (
    <section className="empty-state">
      <div className="empty-mark" aria-hidden="true" />
      <h2 className="empty-title">{t('panel.empty.title')}</h2>
      <p className="empty-body">{t('panel.empty.body')}</p>
    </section>
  )
}
