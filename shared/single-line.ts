// Untrusted text (written by an AI agent or a server) for places that are not HTML: terminals, OS
// notifications, log lines and JSON lines. Control characters (C0, DEL, C1: terminal escape
// sequences, OSC 52 clipboard writes, erase-line) and format characters (bidi overrides,
// zero-width characters) are exactly \p{Cc} and \p{Cf}.
const UNSAFE = /[\p{Cc}\p{Cf}]/gu

/** For people: whitespace runs become one space, and control and format characters are dropped. */
export function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(UNSAFE, '')
}

/**
 * For records (log lines, JSON): every control and format character becomes a visible `\uXXXX`,
 * so the record stays on one line and shows what was sent. On JSON text the result is still valid
 * JSON with the same value: those characters can only occur inside its strings.
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, utf16Escape)
}

/** Astral format characters (U+E0001 tags) are two UTF-16 units, so two escapes, as JSON has it. */
function utf16Escape(char: string): string {
  let escaped = ''
  for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`
  return escaped
}
