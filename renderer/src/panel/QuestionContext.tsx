import { useI18n } from '../common/i18n'
import { QuestionLink } from './QuestionLink'
import { contextView } from './question-context'

/** The context a question carries instead of options (a merge conflict's), as text and links. */
export function QuestionContext({
  questionId,
  context,
}: {
  questionId: string
  context: Record<string, unknown>
}) {
  const { t } = useI18n()
  const view = contextView(context)
  return (
    <dl className="question-context" aria-label={t('panel.context.label')}>
      {view.pullRequestUrl !== null && (
        <div>
          <dt>{t('panel.context.pullRequest')}</dt>
          <dd>
            <QuestionLink questionId={questionId} url={view.pullRequestUrl} />
          </dd>
        </div>
      )}
      {view.conflictFiles.length > 0 && (
        <div>
          <dt>{t('panel.context.conflictFiles')}</dt>
          <dd>
            <ul className="conflict-files">
              {view.conflictFiles.map((file, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed and may repeat a name
                <li key={index} dir="auto">
                  <code>{file}</code>
                </li>
              ))}
            </ul>
            {view.moreConflictFiles > 0 && (
              <p>{t('panel.context.more', { count: view.moreConflictFiles })}</p>
            )}
          </dd>
        </div>
      )}
      {view.sprintRunId !== null && (
        <div>
          <dt>{t('panel.context.sprintRun')}</dt>
          <dd>
            <code>{view.sprintRunId}</code>
          </dd>
        </div>
      )}
      {view.other.map(({ key, value }, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: cut keys may read the same; the list is fixed
        <div key={index} className="context-other">
          <dt dir="auto">{key}</dt>
          <dd dir="auto">{value}</dd>
        </div>
      ))}
      {view.moreOther > 0 && (
        <div className="context-other">
          <dt>…</dt>
          <dd>{t('panel.context.more', { count: view.moreOther })}</dd>
        </div>
      )}
    </dl>
  )
}
