// Opens one SSE response with fetch and records what arrives, parsed by eventsource-parser: a test probe
// for servers, not a client (it never reconnects).
import { createParser, type EventSourceMessage } from 'eventsource-parser'

export type StreamEnd = 'eof' | 'error' | 'aborted'

export interface SseRecording {
  readonly status: number
  readonly headers: Headers
  readonly events: readonly EventSourceMessage[]
  readonly comments: readonly string[]
  readonly retries: readonly number[]
  /** The raw body text, for responses that are not event streams. */
  readonly text: string
  /** Settles when the body ends: a clean end, a cut connection, or close(). */
  readonly ended: Promise<StreamEnd>
  /** Resolves with the first recorded event (earlier ones included) matching `predicate`. */
  waitForEvent(
    predicate: (event: EventSourceMessage) => boolean,
    timeoutMs?: number,
  ): Promise<EventSourceMessage>
  close(): void
}

export async function recordSse(url: string, headers: Record<string, string> = {}): Promise<SseRecording> {
  const abort = new AbortController()
  const response = await fetch(url, { headers, signal: abort.signal })
  const events: EventSourceMessage[] = []
  const comments: string[] = []
  const retries: number[] = []
  const waiters = new Set<() => void>()
  let text = ''
  const parser = createParser({
    onEvent: (event) => {
      events.push(event)
      for (const waiter of waiters) waiter()
    },
    onComment: (comment) => comments.push(comment),
    onRetry: (retry) => retries.push(retry),
  })

  const ended = (async (): Promise<StreamEnd> => {
    if (!response.body) return 'eof'
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        text += read.value
        parser.feed(read.value)
      }
      return 'eof'
    } catch {
      return abort.signal.aborted ? 'aborted' : 'error'
    }
  })()

  return {
    status: response.status,
    headers: response.headers,
    events,
    comments,
    retries,
    get text() {
      return text
    },
    ended,
    waitForEvent(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate)
          if (!found) return
          finish()
          resolve(found)
        }
        const timer = setTimeout(() => {
          finish()
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`))
        }, timeoutMs)
        const finish = () => {
          clearTimeout(timer)
          waiters.delete(check)
        }
        waiters.add(check)
        check()
      })
    },
    close: () => abort.abort(),
  }
}
