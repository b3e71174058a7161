// P4/P5 of docs/reliability.md: a dead path to PostgreSQL (Wi-Fi gone, NAT dropped), modelled by the
// fault proxy holding both sockets open and passing nothing. Only our heartbeat can tell; TCP cannot.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { type FaultProxy, startFaultProxy } from '../../../../test/support/fault-proxy'
import { clientSocketsTo, type FeedHarness, startFeed } from '../../../../test/support/feed-harness'
import { insertQuestion, seedWorld } from '../../../../test/support/fixtures'
import { startTestPostgres, type TestPostgres } from '../../../../test/support/postgres'
import { PgTransport } from './pg-transport'

const HEARTBEAT_MS = 300
const HEARTBEAT_TIMEOUT_MS = 700
const APP = 'pg-blackhole-test'
/**
 * The heartbeat must notice the dead path, so here the time limit is the behaviour. It is kept far from
 * both sides: far under the production heartbeat (25 s + 10 s) and the minutes TCP takes to give up,
 * far over one heartbeat period plus its timeout plus the late timers of a loaded machine.
 */
const NOTICED_DEAD_PATH_WITHIN_MS = 10_000

let postgres: TestPostgres
let proxy: FaultProxy | null = null
let feed: FeedHarness | null = null

beforeAll(async () => {
  postgres = await startTestPostgres()
})
afterAll(async () => {
  await postgres?.destroy()
})
afterEach(async () => {
  await feed?.close()
  await proxy?.close()
})

it('detects a black-holed path by the heartbeat, reconnects when it clears, and catches up', async () => {
  const db = await postgres.createDatabase()
  const world = await seedWorld(db)
  proxy = await startFaultProxy({ port: postgres.port })
  const viaProxy = new URL(db)
  viaProxy.port = String(proxy.port)
  feed = startFeed(
    new PgTransport({
      connectionString: viaProxy.href,
      userId: world.users.ann,
      applicationName: APP,
      heartbeatMs: HEARTBEAT_MS,
      heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
      connectTimeoutMs: 1000,
    }),
    { baseMs: 100, capMs: 500, floorMs: 20, connectTimeoutMs: 1000 },
  )
  await feed.waitForState('connected')
  const mark = feed.states.length
  const holedAt = Date.now()
  await proxy.setMode('blackhole')
  const down = await feed.waitForState('disconnected', 30_000, mark)
  // By the heartbeat: one period plus its timeout here (≤ 25 s + 10 s in production; docs/reliability.md).
  expect(Date.now() - holedAt).toBeLessThan(NOTICED_DEAD_PATH_WITHIN_MS)
  expect(down.reason).toBeTruthy()
  // While the path is dead the client keeps at most one socket (the held attempt).
  expect(await clientSocketsTo(proxy.port)).toBeLessThanOrEqual(1)

  const asked = await insertQuestion(db, {
    productId: world.products.alpha,
    storyId: world.stories.st101,
    askedBy: world.users.ann,
  })
  await proxy.setMode('pass')
  await feed.waitFor('catch-up after the black hole', () => feed?.openedCount(asked) === 1, 8000)
  await feed.close()
  feed = null
  // Our black-holed backend is not left behind once the proxy lets go of it.
  await proxy.close()
  proxy = null
  const deadline = Date.now() + 5000
  while ((await postgres.listenerCount(APP)) > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100))
  expect(await postgres.listenerCount(APP)).toBe(0)
})
