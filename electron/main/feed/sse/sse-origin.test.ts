// The stream request goes to the server's own origin or nowhere, whatever the stream path says.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordersPerTest } from '../../../../test/support/header-recorder'
import { createLineLogger } from '../../log/logger'
import { SseTransport } from './sse-transport'

const TOKEN = 'tok-stream-origin-7731'
const recorders = recordersPerTest({ beforeEach, afterEach })

const attempt = {
  signal: new AbortController().signal,
  deliver: () => {},
  setRetryBase: () => {},
  replaceSoon: () => {},
  log: createLineLogger(() => {}),
}

describe('SseTransport', () => {
  it('never sends the credentials to another origin named by the stream path', async () => {
    const other = recorders.elsewhere().origin.replace('http://', '')
    for (const streamPath of [`//${other}/stream`, `/\\${other}/stream`, `/\t/${other}/stream`]) {
      const connect = async () =>
        new SseTransport({
          serverUrl: recorders.server().origin,
          auth: { kind: 'bearer', token: TOKEN },
          streamPath,
        }).connect(attempt)
      await expect(connect(), streamPath).rejects.toThrow(/leaves the server/)
    }
    expect(recorders.elsewhere().requests).toEqual([])
    expect(recorders.server().requests).toEqual([])
  })
})
