// Question text as agents write it (Markdown) turned into plain text for places that show no
// markup: OS notifications and the terminal. A line-by-line pass, not a parser: it stays small for
// the headless CLI, runs in linear time on hostile input, and keeps every word and all code.

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/
const CLOSING_HASHES = /[ \t]+#+[ \t]*$/
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/
const BULLET = /^([ \t]*)[-*+][ \t]+/
const TASK = /^\[([ xX])\][ \t]+/

/**
 * Markdown's markers removed (emphasis, headings, quotes, bullets, code fences and backticks),
 * the words kept, code kept verbatim, and a link as "label (url)" so its address stays visible.
 */
export function markdownToPlainText(markdown: string): string {
  const out: string[] = []
  let fence: string | null = null
  for (const line of markdown.split(/\r\n?|\n/)) {
    const opening = FENCE.exec(line)?.[1]
    if (fence !== null) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && isBareFence(line))
        fence = null
      else out.push(line)
      continue
    }
    if (opening) {
      fence = opening
      continue
    }
    if (THEMATIC_BREAK.test(line)) continue
    out.push(plainLine(line))
  }
  return out.join('\n')
}

function isBareFence(line: string): boolean {
  return /^ {0,3}(`{3,}|~{3,})[ \t]*$/.test(line)
}

/** One line outside fenced code: its block markers, then its inline markers. */
function plainLine(line: string): string {
  let rest = line.replace(/^(?:[ \t]{0,3}>[ \t]?)+/, '')
  if (HEADING.test(rest)) return plainInline(rest.replace(HEADING, '').replace(CLOSING_HASHES, ''))
  const bullet = BULLET.exec(rest)
  let lead = ''
  if (bullet) {
    lead = `${bullet[1]}• `
    rest = rest.slice(bullet[0].length)
    const task = TASK.exec(rest)
    if (task) {
      lead += task[1] === ' ' ? '☐ ' : '☑ '
      rest = rest.slice(task[0].length)
    }
  }
  return lead + plainInline(rest)
}

/** Code spans are kept as they are; the text between them loses its markers. */
function plainInline(text: string): string {
  let out = ''
  let at = 0
  while (at < text.length) {
    const open = text.indexOf('`', at)
    if (open === -1) break
    const run = backtickRun(text, open)
    const close = findClosingRun(text, open + run, run)
    if (close === -1) {
      // An unmatched run is literal text, like in Markdown.
      out += plainMarkers(text.slice(at, open + run))
      at = open + run
      continue
    }
    out += plainMarkers(text.slice(at, open)) + trimCodeSpan(text.slice(open + run, close))
    at = close + run
  }
  return out + plainMarkers(text.slice(at))
}

function backtickRun(text: string, from: number): number {
  let end = from
  while (text[end] === '`') end += 1
  return end - from
}

/** Where a run of exactly `length` backticks starts, at or after `from`; -1 when there is none. */
function findClosingRun(text: string, from: number, length: number): number {
  let at = text.indexOf('`', from)
  while (at !== -1) {
    const run = backtickRun(text, at)
    if (run === length) return at
    at = text.indexOf('`', at + run)
  }
  return -1
}

function trimCodeSpan(code: string): string {
  return code.length > 2 && code.startsWith(' ') && code.endsWith(' ') ? code.slice(1, -1) : code
}

/** An escaped marker is literal: the text around it loses its markers, the escape its backslash. */
function plainMarkers(text: string): string {
  return text
    .split(/(\\[!-/:-@[-`{-~])/)
    .map((part, index) => (index % 2 === 1 ? part.slice(1) : plainUnescaped(part)))
    .join('')
}

/** Images, links, autolinks and emphasis; each pattern stops at its closing marker, so stays linear. */
function plainUnescaped(text: string): string {
  return text
    .replace(/!\[([^\]\n]*)\]\(([^()\s]*)(?:[ \t]+"[^"\n]*")?\)/g, (_all, alt: string) => alt)
    .replace(/\[([^\]\n]*)\]\(([^()\s]+)(?:[ \t]+"[^"\n]*")?\)/g, (_all, label: string, url: string) =>
      label === '' || label === url ? url : `${label} (${url})`,
    )
    .replace(/<((?:https?|mailto):[^<>\s]*)>/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*_\n]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([^~\n]*?\S)~~/g, '$1')
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=[^\s_])([^_\n]*?[^\s_])_(?!\w)/g, '$1$2')
}
