// "Test connection" against real servers on loopback: the Scrum4Me SSE test server, a real
// PostgreSQL 15 (and a hot standby of one), a TLS server nobody trusts, a port that never answers.
// After every test nothing it opened may be left: no stream, no session, no socket.
import https from 'node:https'
import net, { type AddressInfo } from 'node:net'
import type { ConnectionSettings } from '@shared/settings'
import type { ConnectionTestResult } from '@shared/setup'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { clientSocketsTo } from '../../../test/support/feed-harness'
import { insertQuestion, seedWorld, type World } from '../../../test/support/fixtures'
import { freePort } from '../../../test/support/free-port'
import { withClient } from '../../../test/support/pg-client'
import { startStandbyPostgres } from '../../../test/support/pg-standby'
import { startTestPostgres, type TestPostgres } from '../../../test/support/postgres'
import { selfSignedCertificate } from '../../../test/support/self-signed-certificate'
import { type SseTestServer, startSseTestServer } from '../../../test/support/sse-test-server'
import { createLineLogger } from '../log/logger'
import { testConnection } from './connection-test'

const APP = 's4m-setup-test'
const SSE_APP = 's4m-setup-test-sse-server'
const TOKEN = 'tok-Vx7q2PzR9kLm'
const COOKIE = 'cookie-Hn4tWq8sJd2y'
const NOTIFIER_PASSWORD = 'pw-Qz8rT5yUw1vX'
const NO_GRANTS_PASSWORD = 'pw-Lk3mN7bV0cXa'

let postgres: TestPostgres
let sse: SseTestServer
let db: string
let dbName: string
let world: World
/** A user whose only product is archived. */
const ZED = 'usr_zed_only_archived'
/** Servers a single test starts; closed and checked for leftovers after it. */
const extraCleanups: Array<() => Promise<void>> = []

beforeAll(async () => {
  postgres = await startTestPostgres()
  db = await postgres.createDatabase()
  dbName = new URL(db).pathname.slice(1)
  world = await seedWorld(db)
  const { users, products, stories } = world
  // Two open questions ann may see, one she may not (Beta), one no longer open.
  await insertQuestion(db, { productId: products.alpha, storyId: stories.st101, askedBy: users.ann })
  await insertQuestion(db, { productId: products.alpha, askedBy: users.ann })
  await insertQuestion(db, { productId: products.beta, storyId: stories.st201, askedBy: users.bob })
  await insertQuestion(db, { productId: products.alpha, askedBy: users.ann, status: 'answered' })
  await withClient(db, async (client) => {
    await client.query(`INSERT INTO users (id, is_demo) VALUES ($1, false)`, [ZED])
    await client.query(
      `INSERT INTO products (id, name, user_id, archived) VALUES ('prd_zed', 'Weg', $1, true)`,
      [ZED],
    )
    // The notifier's own role, as a DBA would set it up; and one that may log in but read nothing.
    await client.query(`CREATE ROLE s4m_notifier LOGIN PASSWORD '${NOTIFIER_PASSWORD}'`)
    await client.query('GRANT SELECT ON ALL TABLES IN SCHEMA public TO s4m_notifier')
    await client.query(`CREATE ROLE s4m_no_grants LOGIN PASSWORD '${NO_GRANTS_PASSWORD}'`)
  })
  sse = await startSseTestServer({
    databaseUrl: db,
    credentials: { [TOKEN]: users.ann, [COOKIE]: users.ann },
    applicationName: SSE_APP,
  })
})

afterEach(async () => {
  sse.clearFaults()
  for (const cleanup of extraCleanups.splice(0)) await cleanup()
  // The core rule: the test leaves no session, stream or socket behind.
  await eventually('no database session of the test', async () => (await postgres.listenerCount(APP)) === 0)
  await eventually('no open SSE stream', () => sse.openStreams() === 0)
  await eventually(
    'no LISTEN session of the SSE server',
    async () => (await postgres.listenerCount(SSE_APP)) === 0,
  )
  await eventually('no socket to the SSE server', async () => (await clientSocketsTo(sse.port)) === 0)
})

afterAll(async () => {
  await sse?.close()
  await postgres?.destroy()
})

async function eventually(
  what: string,
  probe: () => boolean | Promise<boolean>,
  timeoutMs = 3000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Runs the test and checks that the secret is in neither the result nor the log. */
async function run(
  connection: ConnectionSettings,
  secret: string | null,
  timeoutMs?: number,
): Promise<ConnectionTestResult> {
  const logs: string[] = []
  const log = createLineLogger((line) => logs.push(line), { minLevel: 'debug' })
  const result = await testConnection({ connection, secret }, { applicationName: APP, log, timeoutMs })
  if (secret) {
    expect(JSON.stringify(result)).not.toContain(secret)
    expect(logs.join('\n')).not.toContain(secret)
  }
  // Every test logs what it did and how it ended.
  expect(logs.some((line) => line.includes('connection test:'))).toBe(true)
  return result
}

function detailOf(result: ConnectionTestResult): string {
  if (result.ok) throw new Error('expected the test to fail')
  return result.detail
}

function bearer(serverUrl: string, extra: Partial<Extract<ConnectionSettings, { kind: 'sse' }>> = {}) {
  return { kind: 'sse', serverUrl, authKind: 'bearer', ...extra } as const
}

function database(
  userId: string,
  options: { host?: string; port?: number; user?: string; query?: string } = {},
) {
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? postgres.port
  const user = options.user ?? 's4m_notifier'
  const query = options.query ? `?${options.query}` : ''
  return {
    kind: 'pg',
    connectionString: `postgresql://${user}@${host}:${port}/${dbName}${query}`,
    userId,
  } as const
}

/** A port that accepts connections, reads what it gets and never says a word. */
async function silentPort(): Promise<number> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.resume()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  extraCleanups.push(async () => {
    await eventually('the test closed its socket to the silent port', () => sockets.size === 0)
    await new Promise((resolve) => server.close(resolve))
  })
  return (server.address() as AddressInfo).port
}

async function untrustedTlsPort(): Promise<{ port: number; requests: () => number }> {
  let requests = 0
  const server = https.createServer(selfSignedCertificate('scrum4me.example'), (_req, res) => {
    requests++
    res.writeHead(200, { 'Content-Type': 'text/event-stream' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  extraCleanups.push(async () => {
    const open = () => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)))
    await eventually('the test closed its TLS socket', async () => (await open()) === 0)
    await new Promise((resolve) => server.close(resolve))
  })
  return { port: (server.address() as AddressInfo).port, requests: () => requests }
}

describe('SSE mode', () => {
  it('succeeds with the number of open questions the user may see (bearer token)', async () => {
    const before = sse.connects
    expect(await run(bearer(sse.origin), TOKEN)).toEqual({ ok: true, openQuestions: 2 })
    expect(sse.connects).toBe(before + 1)
  })

  it('succeeds with a named session cookie', async () => {
    const connection = {
      kind: 'sse',
      serverUrl: sse.origin,
      authKind: 'cookie',
      cookieName: 's4m_session',
    } as const
    expect(await run(connection, COOKIE)).toEqual({ ok: true, openQuestions: 2 })
    expect(sse.requestLog.at(-1)?.headers.cookie).toBe(`s4m_session=${COOKIE}`)
  })

  it('says unauthorized on 401 (unknown token) and on 403', async () => {
    const refused = await run(bearer(sse.origin), 'tok-not-known-here')
    expect(refused).toMatchObject({ ok: false, failure: 'unauthorized' })
    expect(detailOf(refused)).toMatch(/401/)
    sse.setFaults({ next: [{ kind: 'status', status: 403 }] })
    expect(await run(bearer(sse.origin), TOKEN)).toMatchObject({ ok: false, failure: 'unauthorized' })
  })

  it('says not-found on 404 and on a page that is not an event stream', async () => {
    const wrongPath = await run(bearer(sse.origin, { streamPath: '/api/realtime/nope' }), TOKEN)
    expect(wrongPath).toMatchObject({ ok: false, failure: 'not-found' })
    expect(detailOf(wrongPath)).toMatch(/404/)
    sse.setFaults({ next: [{ kind: 'html' }] })
    const portal = await run(bearer(sse.origin), TOKEN)
    expect(portal).toMatchObject({ ok: false, failure: 'not-found' })
    expect(detailOf(portal)).toMatch(/text\/html/)
  })

  it('says disabled on 204', async () => {
    sse.setFaults({ next: [{ kind: 'status', status: 204 }] })
    expect(await run(bearer(sse.origin), TOKEN)).toMatchObject({ ok: false, failure: 'disabled' })
  })

  it('says server-error on 503 and on `event: error`', async () => {
    sse.setFaults({ next: [{ kind: 'status', status: 503, retryAfter: '5' }] })
    const busy = await run(bearer(sse.origin), TOKEN)
    expect(busy).toMatchObject({ ok: false, failure: 'server-error' })
    expect(detailOf(busy)).toMatch(/503/)
    sse.setFaults({ next: [{ kind: 'errorEvent' }] })
    const broken = await run(bearer(sse.origin), TOKEN)
    expect(broken).toMatchObject({ ok: false, failure: 'server-error' })
    expect(detailOf(broken)).toMatch(/pg connect failed/)
    // A server that quotes the token back: `run` checks that it reaches neither detail nor log.
    sse.setFaults({ next: [{ kind: 'errorEvent', message: `token ${TOKEN} is not allowed here` }] })
    const echoed = await run(bearer(sse.origin), TOKEN)
    expect(echoed).toMatchObject({ ok: false, failure: 'server-error' })
    expect(detailOf(echoed)).toMatch(/token \*\*\* is not allowed/)
  })

  it('says tls on a self-signed certificate, before any request is sent', async () => {
    const tls = await untrustedTlsPort()
    const result = await run(bearer(`https://127.0.0.1:${tls.port}`), TOKEN)
    expect(result).toMatchObject({ ok: false, failure: 'tls' })
    expect(tls.requests()).toBe(0)
  })

  it('says dns when the host name resolves nowhere', async () => {
    const result = await run(bearer('https://scrum4me.invalid'), TOKEN)
    expect(result).toMatchObject({ ok: false, failure: 'dns' })
    expect(detailOf(result)).toMatch(/ENOTFOUND|EAI_AGAIN/)
  })

  it('says unreachable when nothing listens on the port', async () => {
    const result = await run(bearer(`http://127.0.0.1:${await freePort()}`), TOKEN)
    expect(result).toMatchObject({ ok: false, failure: 'unreachable' })
    expect(detailOf(result)).toMatch(/ECONNREFUSED/)
  })

  it('says timeout when the server never answers, within the time limit', async () => {
    const port = await silentPort()
    const started = Date.now()
    const result = await run(bearer(`http://127.0.0.1:${port}`), TOKEN, 500)
    expect(result).toMatchObject({ ok: false, failure: 'timeout' })
    expect(Date.now() - started).toBeLessThan(2500)
  })

  it('says invalid for plain http to a remote host and for a missing token, without connecting', async () => {
    const before = sse.connects
    expect(await run(bearer('http://scrum4me.example.com'), TOKEN)).toMatchObject({
      ok: false,
      failure: 'invalid',
    })
    expect(await run(bearer(sse.origin), null)).toMatchObject({ ok: false, failure: 'invalid' })
    expect(await run(bearer(sse.origin), '')).toMatchObject({ ok: false, failure: 'invalid' })
    expect(sse.connects).toBe(before)
  })
})

describe('PostgreSQL mode', () => {
  it('succeeds with the number of open questions the user may see', async () => {
    expect(await run(database(world.users.ann), NOTIFIER_PASSWORD)).toEqual({ ok: true, openQuestions: 2 })
    // cas sees Beta's question only.
    expect(await run(database(world.users.cas), NOTIFIER_PASSWORD)).toEqual({ ok: true, openQuestions: 1 })
  })

  it('says no-products for a user whose only product is archived', async () => {
    const result = await run(database(ZED), NOTIFIER_PASSWORD)
    expect(result).toMatchObject({ ok: false, failure: 'no-products' })
    expect(JSON.stringify(result)).not.toContain(ZED)
  })

  it('says unknown-user when the users table has no such id', async () => {
    const result = await run(database('usr_nobody'), NOTIFIER_PASSWORD)
    expect(result).toMatchObject({ ok: false, failure: 'unknown-user' })
    // What was typed is not repeated: it may be a secret pasted into the wrong field.
    expect(JSON.stringify(result)).not.toContain('usr_nobody')
  })

  it('says db-auth on a wrong password (28P01) and on a role that may not read the tables (42501)', async () => {
    const wrong = 'pw-Wr0ngWr0ng'
    const refused = await run(database(world.users.ann), wrong)
    expect(refused).toMatchObject({ ok: false, failure: 'db-auth' })
    expect(detailOf(refused)).toMatch(/password authentication failed/)
    const blind = await run(database(world.users.ann, { user: 's4m_no_grants' }), NO_GRANTS_PASSWORD)
    expect(blind).toMatchObject({ ok: false, failure: 'db-auth' })
    expect(detailOf(blind)).toMatch(/permission denied/)
  })

  it('says tls when verify-full meets a server without TLS', async () => {
    const result = await run(database(world.users.ann, { query: 'sslmode=verify-full' }), NOTIFIER_PASSWORD)
    expect(result).toMatchObject({ ok: false, failure: 'tls' })
  })

  it('says dns when the host name resolves nowhere', async () => {
    const result = await run(database(world.users.ann, { host: 'db.scrum4me.invalid' }), NOTIFIER_PASSWORD)
    expect(result).toMatchObject({ ok: false, failure: 'dns' })
  })

  it('says unreachable when nothing listens on the port', async () => {
    const result = await run(database(world.users.ann, { port: await freePort() }), NOTIFIER_PASSWORD)
    expect(result).toMatchObject({ ok: false, failure: 'unreachable' })
    expect(detailOf(result)).toMatch(/ECONNREFUSED/)
  })

  it('says timeout when the server never answers, within the time limit', async () => {
    const port = await silentPort()
    const started = Date.now()
    const result = await run(database(world.users.ann, { port }), NOTIFIER_PASSWORD, 500)
    expect(result).toMatchObject({ ok: false, failure: 'timeout' })
    expect(Date.now() - started).toBeLessThan(2500)
  })

  it('says listen-denied on a hot standby, which refuses LISTEN during recovery', async () => {
    let ann = ''
    const standby = await startStandbyPostgres(async (url) => {
      ann = (await seedWorld(url)).users.ann
    })
    try {
      const result = await run(
        {
          kind: 'pg',
          connectionString: `postgresql://postgres@127.0.0.1:${standby.port}/postgres`,
          userId: ann,
        },
        null,
      )
      expect(result).toMatchObject({ ok: false, failure: 'listen-denied' })
      expect(detailOf(result)).toMatch(/LISTEN during recovery/)
      await eventually(
        'no session of the test on the standby',
        async () => (await standby.sessionCount(APP)) === 0,
      )
    } finally {
      await standby.destroy()
    }
  })

  it('says invalid for an empty user id and for a connection string that turns TLS checks off', async () => {
    expect(await run(database(''), NOTIFIER_PASSWORD)).toMatchObject({ ok: false, failure: 'invalid' })
    const noVerify = await run(database(world.users.ann, { query: 'sslmode=no-verify' }), NOTIFIER_PASSWORD)
    expect(noVerify).toMatchObject({ ok: false, failure: 'invalid' })
    expect(detailOf(noVerify)).toMatch(/no-verify/)
  })
})
