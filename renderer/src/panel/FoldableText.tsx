import { useState } from 'react'
import { useI18n } from '../common/i18n'
import { QuestionMarkdown } from './QuestionMarkdown'

/** Longer than this (or than FOLD_LINES lines) starts folded. */
const FOLD_CHARS = 320
const FOLD_LINES = 6

/** Untrusted question text, rendered as safe Markdown (QuestionMarkdown.tsx), folded when long. */
export function FoldableText({ id, questionId, text }: { id: string; questionId: string; text: string }) {
  const { t } = useI18n()
  const [expanded, setExpanded] = useState(false)
  const long = text.length > FOLD_CHARS || text.split('\n').length > FOLD_LINES
  return (
    <>
      <div id={id} className={`question-text${long && !expanded ? ' is-folded' : ''}`} dir="auto">
        <QuestionMarkdown questionId={questionId} text={text} />
      </div>
      {long && (
        <button
          type="button"
          className="link-button fold-toggle"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('panel.question.showLess') : t('panel.question.showMore')}
        </button>
      )}
    </>
  )
}
