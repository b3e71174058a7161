import { useI18n } from '../common/i18n'
import type { Topic } from './group-questions'

export function TopicHeading({ topic }: { topic: Topic }) {
  const { t } = useI18n()
  if (topic.kind === 'product') return <h3 className="topic-heading">{t('panel.group.general')}</h3>
  return (
    <h3 className="topic-heading">
      {topic.kind === 'idea' && <span className="topic-kind">{t('panel.group.idea')}</span>}
      {topic.code && <span className="topic-code">{topic.code}</span>}
      {topic.title && (
        <span className="topic-title" dir="auto">
          {topic.title}
        </span>
      )}
    </h3>
  )
}
