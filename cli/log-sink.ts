// Log lines go to stderr, which on a terminal is the screen the answer prompt is on: a line
// written while the user types would land in the middle of their answer. While a prompt is open,
// each log line goes above it and the prompt is drawn again below, with what was typed so far.
import { clearLine, cursorTo } from 'node:readline'

/** The parts of a readline interface that draw its prompt again. */
export interface OpenPrompt {
  /** With `true`, readline redraws the prompt, the typed text and the cursor; a dumb terminal gets the prompt only. */
  prompt(preserveCursor?: boolean): void
  readonly line: string
}

export class LogSink {
  private open: { prompt: OpenPrompt; screen: NodeJS.WritableStream } | null = null

  constructor(
    private readonly stderr: NodeJS.WritableStream = process.stderr,
    /** TERM=dumb (an editor's shell): no cursor movement, so readline only appends. */
    private readonly dumb = process.env.TERM === 'dumb',
  ) {}

  readonly write = (line: string): void => {
    if (!this.open) {
      this.stderr.write(`${line}\n`)
      return
    }
    const { prompt, screen } = this.open
    if (this.dumb) {
      this.stderr.write(`\n${line}\n`)
      prompt.prompt(true)
      screen.write(prompt.line)
      return
    }
    clearLine(screen, 0)
    cursorTo(screen, 0)
    this.stderr.write(`${line}\n`)
    prompt.prompt(true)
  }

  /** Log lines go above `prompt` (drawn on `screen`) until the returned function is called. */
  above(prompt: OpenPrompt, screen: NodeJS.WritableStream): () => void {
    const open = { prompt, screen }
    this.open = open
    return () => {
      if (this.open === open) this.open = null
    }
  }
}
