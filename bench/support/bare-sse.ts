// The SSE baseline: undici's fetch and eventsource-parser, nothing else. No watchdog, no schema,
// no reconnect: what the feed would be without its own machinery.
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { fetch } from 'undici'
import { deferred } from './timing'

export interface BareSseStream {
  /** Resolves when the `event: state` snapshot has arrived. */
  readonly ready: Promise<void>
  /** Resolves when the stream ends or fails on its own, with why. Stays pending if it never notices. */
  readonly ended: Promise<string>
  close(): Promise<void>
}

export async function openBareSse(
  url: string,
  token: string,
  onEvent: (event: EventSourceMessage) => void = () => {},
): Promise<BareSseStream> {
  const abort = new AbortController()
  const response = await fetch(url, {
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
    signal: abort.signal,
  })
  if (response.status !== 200 || !response.body)
    throw new Error(`the stream answered HTTP ${response.status}`)
  const ready = deferred()
  const ended = deferred<string>()
  const parser = createParser({
    onEvent: (event) => {
      if (event.event === 'state') ready.resolve()
      onEvent(event)
    },
  })
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) {
          ended.resolve('end of stream')
          return
        }
        parser.feed(decoder.decode(value, { stream: true }))
      }
    } catch (error) {
      if (!abort.signal.aborted) ended.resolve(error instanceof Error ? error.message : String(error))
    }
  })()
  return {
    ready: ready.promise,
    ended: ended.promise,
    close: async () => {
      abort.abort()
      await reader.cancel().catch(() => {})
      await pump
    },
  }
}
