// Every connection the notifier opens verifies the certificate itself: NODE_TLS_REJECT_UNAUTHORIZED=0
// in the environment (a debugging leftover, a hostile launcher) must not turn that off. Real TLS on
// loopback with throwaway certificates: the feed's LISTEN, the setup's access check and both answer senders.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type FeedHarness, startFeed } from '../../../test/support/feed-harness'
import { type PgTlsStandIn, startPgTlsStandIn } from '../../../test/support/pg-tls-stand-in'
import { selfSignedCertificate } from '../../../test/support/self-signed-certificate'
import { HttpAnswerSender } from '../answers/http-answer-sender'
import { PgAnswerSender } from '../answers/pg-answer-sender'
import { checkPgAccess } from '../setup/pg-access-check'
import { pgClientConfig } from './pg/pg-client-config'
import { PgTransport } from './pg/pg-transport'
import { SseTransport } from './sse/sse-transport'

const UNTRUSTED = selfSignedCertificate('wrong.example')
const ANSWER = { idempotencyKey: 'k1', questionId: 'q1', answer: 'Ja' }

let savedEnv: string | undefined
beforeAll(() => {
  savedEnv = process.env.NODE_TLS_REJECT_UNAUTHORIZED
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
})
afterAll(() => {
  if (savedEnv === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = savedEnv
})

let standIn: PgTlsStandIn | null = null
let feed: FeedHarness | null = null
const httpsServers: https.Server[] = []
afterEach(async () => {
  await feed?.close()
  feed = null
  await standIn?.close()
  standIn = null
  for (const server of httpsServers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function untrustedDatabase(): Promise<string> {
  standIn = await startPgTlsStandIn(UNTRUSTED)
  return `postgres://u:pw@127.0.0.1:${standIn.port}/s4m?sslmode=verify-full`
}

/** The stand-in was asked for TLS, and the client walked away from its certificate. */
function expectRefusedHandshake(): void {
  expect(standIn?.sslRequests).toBeGreaterThan(0)
  expect(standIn?.handshakes).toBe(0)
}

describe('with NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment, PostgreSQL', () => {
  it('the LISTEN feed refuses an untrusted certificate: failed(tls)', async () => {
    const url = await untrustedDatabase()
    feed = startFeed(new PgTransport({ connectionString: url, userId: 'u1' }))
    const failed = await feed.waitForState('failed')
    expect(failed.failure).toBe('tls')
    expectRefusedHandshake()
  })

  it('the access check of Test connection refuses it', async () => {
    const url = await untrustedDatabase()
    const check = checkPgAccess(url, 'u1', {
      applicationName: 'tls-test',
      signal: new AbortController().signal,
      timeoutMs: 5000,
    })
    await expect(check).rejects.toMatchObject({
      end: { code: { type: 'tls', system: 'DEPTH_ZERO_SELF_SIGNED_CERT' } },
    })
    expectRefusedHandshake()
  })

  it('the answer sender refuses it and keeps the answer for later', async () => {
    const url = await untrustedDatabase()
    const sender = new PgAnswerSender({ connectionString: url, userId: 'u1', applicationName: 'tls-test' })
    await expect(sender.send(ANSWER)).rejects.toThrow(/could not reach the database.*self-signed/i)
    expectRefusedHandshake()
  })

  it('trusts the certificate that sslrootcert names', async () => {
    const trusted = selfSignedCertificate('localhost')
    const dir = mkdtempSync(join(tmpdir(), 's4m-ca-'))
    try {
      const caFile = join(dir, 'ca.pem')
      writeFileSync(caFile, trusted.cert)
      standIn = await startPgTlsStandIn(trusted)
      const url = `postgres://u:pw@localhost:${standIn.port}/s4m?sslmode=verify-full&sslrootcert=${encodeURIComponent(caFile)}`
      const sender = new PgAnswerSender({ connectionString: url, userId: 'u1', applicationName: 'tls-test' })
      // The stand-in ends the session after the handshake; that the handshake happened is the point.
      await expect(sender.send(ANSWER)).rejects.toThrow(/could not reach the database/)
      expect(standIn.handshakes).toBe(1)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the one PostgreSQL client config', () => {
  it('pins verified TLS for a remote host, whatever the connection string asked for', () => {
    for (const raw of [
      'postgres://u:pw@db.example.com/s4m',
      'postgres://u:pw@db.example.com/s4m?sslmode=require',
      'postgres://u:pw@db.example.com/s4m?ssl=true&uselibpqcompat=true&sslmode=prefer',
    ]) {
      const config = pgClientConfig(raw, { applicationName: 'cli/answer' }, {})
      expect(config.ssl).toEqual({ rejectUnauthorized: true })
      const url = new URL(config.connectionString ?? '')
      expect([...url.searchParams.keys()]).toEqual(['application_name'])
      expect(url.host).toBe('db.example.com')
    }
  })

  it('keeps plaintext only for this machine, as the connection string or PGSSLMODE says', () => {
    expect(pgClientConfig('postgres://u@127.0.0.1/s4m', { applicationName: 'a' }, {}).ssl).toBe(false)
    expect(
      pgClientConfig('postgres://u@localhost/s4m', { applicationName: 'a' }, { PGSSLMODE: 'verify-full' })
        .ssl,
    ).toEqual({ rejectUnauthorized: true })
    expect(() =>
      pgClientConfig('postgres://u@db.example.com/s4m?sslmode=disable', { applicationName: 'a' }, {}),
    ).toThrow(/without TLS/)
  })
})

describe('with NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment, HTTPS', () => {
  async function untrustedServer(): Promise<{ origin: string; requests: () => number }> {
    let requests = 0
    const server = https.createServer(UNTRUSTED, (_req, res) => {
      requests++
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
    })
    httpsServers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return {
      origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests: () => requests,
    }
  }

  it('the SSE feed refuses an untrusted certificate, sending no request', async () => {
    const server = await untrustedServer()
    feed = startFeed(new SseTransport({ serverUrl: server.origin, auth: { kind: 'bearer', token: 'tok1' } }))
    const failed = await feed.waitForState('failed')
    expect(failed.failure).toBe('tls')
    expect(server.requests()).toBe(0)
  })

  it('the HTTP answer sender refuses it, sending no request', async () => {
    const server = await untrustedServer()
    const sender = new HttpAnswerSender({ serverUrl: server.origin, auth: { kind: 'bearer', token: 'tok1' } })
    await expect(sender.send(ANSWER)).rejects.toThrow(/could not reach the server/)
    expect(server.requests()).toBe(0)
  })
})
