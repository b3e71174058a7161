import { isOpenableLink } from '@shared/openable-link'
import type { ReactNode } from 'react'
import { useOpenLink } from './open-link'

/**
 * A link from untrusted text, always with its full address in view. Only an https link is
 * clickable, and a click goes to main (the page itself never navigates); anything else is text.
 */
export function QuestionLink({
  questionId,
  url,
  children,
}: {
  questionId: string
  url: string
  children?: ReactNode
}) {
  const openLink = useOpenLink()
  const label = children ?? url
  // A footnote's link within the card: its `#…` address means nothing to the reader.
  if (url.startsWith('#')) return <span className="question-link is-inert">{label}</span>
  // An autolink's label is its address: showing it twice says nothing more.
  const showAddress = url !== '' && !(typeof label === 'string' && label === url)
  const address = showAddress && <span className="link-address"> ({url})</span>
  if (!isOpenableLink(url))
    return (
      <span className="question-link is-inert">
        {label}
        {address}
      </span>
    )
  return (
    <a
      className="question-link"
      href={url}
      onClick={(event) => {
        event.preventDefault()
        openLink(questionId, url)
      }}
    >
      {label}
      {address}
    </a>
  )
}
