// P4/P5 of docs/reliability.md: a dead path to PostgreSQL (Wi-Fi gone, NAT dropped), modelled by the
// fault proxy holding both sockets open and passing nothing. Only our heartbeat can tell; TCP cannot.
import { afterEach, expect, it } from 'vitest'
import { clientSocketsTo } from '../../../../test/support/feed-harness'
import { insertQuestion } from '../../../../test/support/fixtures'
import { type ProxiedPgFeed, startPgFeedViaProxy } from '../../../../test/support/pg-feed-via-proxy'
import { setUpSeededDatabase } from '../../../../test/support/seeded-database'

const APP = 'pg-blackhole-test'
/**
 * The heartbeat must notice the dead path, so here the time limit is the behaviour. It is kept far from
 * both sides: far under the production heartbeat (25 s + 10 s) and the minutes TCP takes to give up,
 * far over one heartbeat period plus its timeout plus the late timers of a loaded machine.
 */
const NOTICED_DEAD_PATH_WITHIN_MS = 10_000

const db = setUpSeededDatabase()
let proxied: ProxiedPgFeed | null = null

afterEach(async () => {
  await proxied?.feed.close()
  await proxied?.proxy.close()
})

it('detects a black-holed path by the heartbeat, reconnects when it clears, and catches up', async () => {
  const { url, world, postgres } = db
  proxied = await startPgFeedViaProxy(postgres, {
    databaseUrl: url,
    userId: world.users.ann,
    applicationName: APP,
    policy: { baseMs: 100, capMs: 500, floorMs: 20, connectTimeoutMs: 1000 },
  })
  const { proxy, feed } = proxied
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

  const asked = await insertQuestion(url, {
    productId: world.products.alpha,
    storyId: world.stories.st101,
    askedBy: world.users.ann,
  })
  await proxy.setMode('pass')
  await feed.waitFor('catch-up after the black hole', () => feed.openedCount(asked) === 1, 8000)
  await feed.close()
  // Our black-holed backend is not left behind once the proxy lets go of it.
  await proxy.close()
  proxied = null
  const deadline = Date.now() + 5000
  while ((await postgres.listenerCount(APP)) > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100))
  expect(await postgres.listenerCount(APP)).toBe(0)
})
