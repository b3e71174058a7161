// Markdown nests lists and quotes without limit, and the parser and React recurse per level: a
// line of thousands of `- ` markers overflows the stack. Such text is shown as plain text.

/** Deeper than any question a person writes; far below where rendering gets slow. */
export const MAX_MARKDOWN_NESTING = 32

/** An upper estimate of how deep the text's lists and quotes nest, in one linear pass. */
export function deepestNesting(text: string): number {
  let deepest = 0
  for (const line of text.split('\n')) deepest = Math.max(deepest, lineNesting(line))
  return deepest
}

/** Container markers at the line's start, plus its indentation (a nested list indents 2 or more). */
function lineNesting(line: string): number {
  let markers = 0
  let indent = 0
  let at = 0
  while (at < line.length) {
    const char = line.charAt(at)
    if (char === ' ') indent += 1
    else if (char === '\t') indent += 4
    else if (char === '>' || (isBullet(char) && isGap(line.charAt(at + 1)))) markers += 1
    else {
      const end = orderedMarkerEnd(line, at)
      if (end === -1) break
      markers += 1
      at = end
    }
    at += 1
  }
  return markers + Math.floor(indent / 2)
}

function isBullet(char: string): boolean {
  return char === '-' || char === '*' || char === '+'
}

function isGap(char: string): boolean {
  return char === '' || char === ' ' || char === '\t'
}

/** The index of the `.` or `)` of an ordered-list marker ("12. ") starting at `at`, or -1. */
function orderedMarkerEnd(line: string, at: number): number {
  let end = at
  while (end - at < 9 && line.charAt(end) >= '0' && line.charAt(end) <= '9') end += 1
  if (end === at) return -1
  const mark = line.charAt(end)
  return (mark === '.' || mark === ')') && isGap(line.charAt(end + 1)) ? end : -1
}
