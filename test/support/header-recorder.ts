// A server on loopback that records every request it receives, headers included, and answers each
// with 404: the "other origin" that a secret must never reach.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

export interface HeaderRecorder {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  readonly requests: readonly RecordedRequest[]
  close(): Promise<void>
}

export async function startHeaderRecorder(): Promise<HeaderRecorder> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not here')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * For a test file: a fresh "server" and "elsewhere" recorder around every test, closed after it.
 * Read them inside a test (they are replaced before each one).
 */
export function recordersPerTest(hooks: {
  beforeEach: (fn: () => Promise<void>) => void
  afterEach: (fn: () => Promise<void>) => void
}): { server: () => HeaderRecorder; elsewhere: () => HeaderRecorder } {
  let server: HeaderRecorder | null = null
  let elsewhere: HeaderRecorder | null = null
  hooks.beforeEach(async () => {
    server = await startHeaderRecorder()
    elsewhere = await startHeaderRecorder()
  })
  hooks.afterEach(async () => {
    await server?.close()
    await elsewhere?.close()
  })
  const live = (recorder: HeaderRecorder | null) => {
    if (!recorder) throw new Error('recorders are only there inside a test')
    return recorder
  }
  return { server: () => live(server), elsewhere: () => live(elsewhere) }
}
