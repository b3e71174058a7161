import { type FocusEvent, useState } from 'react'
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
  const folded = long && !expanded
  // Tab reaches links the fold hides; focus on one the user cannot see unfolds the text.
  const unfoldForHidden = (event: FocusEvent<HTMLDivElement>) => {
    if (folded && endsBelowFold(event.currentTarget, event.target)) setExpanded(true)
  }
  return (
    <>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: it takes no input; focus of its links bubbles here */}
      <div
        id={id}
        className={`question-text${folded ? ' is-folded' : ''}`}
        dir="auto"
        onFocus={unfoldForHidden}
      >
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

/** Whether `element` ends below the visible box of `fold`, however far the fold was scrolled. */
function endsBelowFold(fold: HTMLElement, element: Element): boolean {
  const bottomInContent =
    element.getBoundingClientRect().bottom - fold.getBoundingClientRect().top + fold.scrollTop
  return bottomInContent > fold.clientHeight
}
