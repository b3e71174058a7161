/**
 * Untrusted text (written by an AI agent) on one line for places that are not HTML: terminals and
 * OS notifications. Whitespace runs become one space; control and format characters — terminal
 * escape sequences, bidi overrides, zero-width characters — are dropped.
 */
export function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\p{Cc}\p{Cf}]/gu, '')
}
