// What the CLI writes to the terminal. Server text (ids, names, codes, messages) is in much of it:
// every line for people goes through singleLine and every JSON line escapes control and format
// characters, so none can move the cursor, rewrite a line, write the clipboard (OSC 52) or reorder text.
import { escapeControls, singleLine } from '@shared/single-line'

export interface Output {
  /** One JSON object per line on stdout. */
  json(value: unknown): void
  /** A line for people on stdout, indented by `indent` spaces (the line's own white space is collapsed). */
  text(line: string, indent?: number): void
  /** A message on stderr, prefixed with the program's name. */
  complain(message: string): void
}

function jsonLine(value: unknown): string {
  return escapeControls(JSON.stringify(value))
}

export const terminal: Output = {
  json: (value) => process.stdout.write(`${jsonLine(value)}\n`),
  text: (line, indent = 0) => process.stdout.write(`${' '.repeat(indent)}${singleLine(line)}\n`),
  complain: (message) => process.stderr.write(`scrum4me-notifier: ${singleLine(message)}\n`),
}
