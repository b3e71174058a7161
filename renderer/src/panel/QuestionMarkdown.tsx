// An agent's question as Markdown (GFM), rendered by react-markdown into React elements. Raw HTML
// is never parsed: without rehype-raw react-markdown turns it into text, so it shows as written.
// Images are their alt text, so nothing is fetched; links go through QuestionLink. Text nested too
// deep to render safely is shown as plain text.

import type { Translate } from '@shared/i18n/translate'
import { memo, useId } from 'react'
import Markdown, {
  type Components,
  defaultUrlTransform,
  type Options,
  type UrlTransform,
} from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { useI18n } from '../common/i18n'
import { deepestNesting, MAX_MARKDOWN_NESTING } from './markdown-nesting'
import { QuestionLink } from './QuestionLink'

const REMARK_PLUGINS = [remarkGfm]

/**
 * A link's address reaches QuestionLink as written, so even a `javascript:` one is shown for what
 * it is (as text, never as an href); every other address gets react-markdown's safe default.
 */
const keepLinkAddresses: UrlTransform = (url, key) => (key === 'href' ? url : defaultUrlTransform(url))

function MarkdownImage({ alt }: { alt?: string }) {
  const { t } = useI18n()
  return (
    <span className="markdown-image">
      {alt ? t('panel.markdown.image', { alt }) : t('panel.markdown.imageNoAlt')}
    </span>
  )
}

/** The footnotes' label, for screen readers; its fixed id would repeat in every card with notes. */
function FootnoteLabel({ children }: { children?: React.ReactNode }) {
  return <span className="visually-hidden">{children}</span>
}

/** Headings stay text: the panel's own headings are the page's outline. */
function MarkdownHeading({ children }: { children?: React.ReactNode }) {
  return <p className="markdown-heading">{children}</p>
}

function componentsFor(questionId: string): Components {
  return {
    a: ({ href, children }) => (
      <QuestionLink questionId={questionId} url={href ?? ''}>
        {children}
      </QuestionLink>
    ),
    img: ({ alt }) => <MarkdownImage alt={alt} />,
    // A task list's box is shown, not offered: the answer is given below, not by ticking.
    input: ({ checked }) => <span className="markdown-task">{checked ? '☑ ' : '☐ '}</span>,
    // A long code line scrolls sideways; the region takes focus so the keyboard can scroll it.
    pre: ({ children }) => (
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      <pre className="markdown-code" tabIndex={0}>
        {children}
      </pre>
    ),
    table: ({ children }) => (
      <div className="markdown-table">
        <table>{children}</table>
      </div>
    ),
    span: FootnoteLabel,
    h1: MarkdownHeading,
    h2: MarkdownHeading,
    h3: MarkdownHeading,
    h4: MarkdownHeading,
    h5: MarkdownHeading,
    h6: MarkdownHeading,
  }
}

/**
 * Footnotes: ids prefixed per card (two cards may both have a `[^1]`), and the section's
 * screen-reader label in the panel's language, hidden from sight as GitHub hides it.
 */
function footnoteOptions(idPrefix: string, t: Translate): Options['remarkRehypeOptions'] {
  return {
    clobberPrefix: idPrefix,
    footnoteLabel: t('panel.markdown.footnotes'),
    // The only span in the tree (raw HTML is never parsed); FootnoteLabel drops its fixed id.
    footnoteLabelTagName: 'span',
  }
}

/** Re-parsed only when the text changes, not on every tick of the panel's clock. */
export const QuestionMarkdown = memo(function QuestionMarkdown({
  questionId,
  text,
}: {
  questionId: string
  text: string
}) {
  const idPrefix = `${useId()}-`
  const { t } = useI18n()
  if (deepestNesting(text) > MAX_MARKDOWN_NESTING) return <p className="markdown-plain">{text}</p>
  return (
    <Markdown
      remarkPlugins={REMARK_PLUGINS}
      remarkRehypeOptions={footnoteOptions(idPrefix, t)}
      urlTransform={keepLinkAddresses}
      components={componentsFor(questionId)}
    >
      {text}
    </Markdown>
  )
})
