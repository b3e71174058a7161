// S17/S18 of docs/reliability.md: the SSE feed never trusts a certificate it cannot verify and never
// follows a redirect that could carry the credentials elsewhere. Real HTTPS on loopback, with a throwaway
// certificate.
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { type FeedHarness, sleep, startFeed } from '../../../../test/support/feed-harness'
import { selfSignedCertificate } from '../../../../test/support/self-signed-certificate'
import { SseTransport } from './sse-transport'

const servers: Array<http.Server> = []
let feed: FeedHarness | null = null
afterEach(async () => {
  await feed?.close()
  feed = null
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve))
})

async function listen(server: http.Server): Promise<number> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

describe('SSE feed security', () => {
  it('stops with failed(tls) on a self-signed certificate for another name, sending no request (S17)', async () => {
    let requests = 0
    const server = https.createServer(selfSignedCertificate('wrong.example'), (_req, res) => {
      requests++
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
    })
    const port = await listen(server)
    feed = startFeed(
      new SseTransport({ serverUrl: `https://127.0.0.1:${port}`, auth: { kind: 'bearer', token: 't' } }),
    )
    const failed = await feed.waitForState('failed')
    expect(failed.failure).toBe('tls')
    await sleep(500)
    expect(requests).toBe(0)
    expect(feed.states.filter((s) => s.state === 'connecting')).toHaveLength(1)
  })

  it('refuses a redirect to another origin and never sends the credentials there (S18)', async () => {
    const elsewhere: string[] = []
    const other = http.createServer((req, res) => {
      elsewhere.push(req.headers.authorization ?? '(none)')
      res.end()
    })
    const otherPort = await listen(other)
    const redirecting = http.createServer((_req, res) => {
      res.writeHead(307, { Location: `http://127.0.0.1:${otherPort}/steal` })
      res.end()
    })
    const port = await listen(redirecting)
    feed = startFeed(
      new SseTransport({ serverUrl: `http://127.0.0.1:${port}`, auth: { kind: 'bearer', token: 'secret' } }),
    )
    const failed = await feed.waitForState('failed')
    expect(failed.failure).toBe('config')
    expect(failed.reason).toMatch(/redirect/)
    await sleep(300)
    expect(elsewhere).toEqual([])
  })
})
