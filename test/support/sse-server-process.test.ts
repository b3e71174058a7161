import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest'
import { seedWorld } from './fixtures'
import { startTestPostgres, type TestPostgres } from './postgres'
import { recordSse } from './sse-recorder'
import { spawnSseTestServer } from './sse-server-process'
import { STREAM_PATH } from './sse-test-server'

let cluster: TestPostgres

beforeAll(async () => {
  cluster = await startTestPostgres()
})

afterAll(async () => {
  await cluster?.destroy()
})

describe('spawnSseTestServer', () => {
  it('runs the server in a child that can be frozen, crashed and restarted on its port', async () => {
    const url = await cluster.createDatabase()
    const world = await seedWorld(url)
    const applicationName = 'sse-child-test'
    const server = await spawnSseTestServer({
      databaseUrl: url,
      credentials: { 'ann-session': world.users.ann },
      heartbeatMs: 200,
      applicationName,
    })
    onTestFinished(() => server.stop())
    const stream = `${server.origin}${STREAM_PATH}`
    const headers = { cookie: 's4m_session=ann-session' }

    await server.setFaults({ next: [{ kind: 'status', status: 429, retryAfter: '1' }] })
    expect((await fetch(stream, { headers })).status).toBe(429)

    const live = await recordSse(stream, headers)
    onTestFinished(() => live.close())
    await live.waitForEvent((event) => event.event === 'state')
    expect(await server.stats()).toMatchObject({ connects: 2, openStreams: 1 })

    server.freeze()
    const heartbeats = live.comments.length
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(live.comments.length).toBe(heartbeats)
    server.thaw()
    await vi.waitFor(() => expect(live.comments.length).toBeGreaterThan(heartbeats))

    const firstPid = server.pid
    await server.kill('SIGKILL')
    expect(await live.ended).toBe('error')
    // The kernel closes the dead server's sockets, so PostgreSQL drops its LISTEN backend too.
    await vi.waitFor(async () => expect(await cluster.listenerCount(applicationName)).toBe(0))

    await server.restart()
    expect(server.pid).not.toBe(firstPid)
    const again = await recordSse(stream, headers)
    onTestFinished(() => again.close())
    await again.waitForEvent((event) => event.event === 'state')
    expect(await server.stats()).toMatchObject({ connects: 1, openStreams: 1 })
  })
})
