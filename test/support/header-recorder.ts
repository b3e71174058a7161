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
