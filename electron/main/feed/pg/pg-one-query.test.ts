// pg 9 will refuse a query given to a client while another is running. The LISTEN connection's
// heartbeat and its row reads must take turns, even under a burst. The real client is observed,
// not replaced: its `query` is wrapped to count the queries in flight per client.
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFeed } from '../../../../test/support/feed-harness'
import { insertQuestion, seedWorld } from '../../../../test/support/fixtures'
import { startTestPostgres, type TestPostgres } from '../../../../test/support/postgres'
import { PgTransport } from './pg-transport'

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await startTestPostgres()
})
afterAll(async () => {
  await postgres?.destroy()
})

it('never overlaps the heartbeat with reads of a notification burst', async () => {
  const original = pg.Client.prototype.query
  const inFlight = new Map<pg.Client, number>()
  let mostAtOnce = 0
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const result = (original as (...a: unknown[]) => unknown).apply(this, args)
    if (result instanceof Promise) {
      const now = (inFlight.get(this) ?? 0) + 1
      inFlight.set(this, now)
      mostAtOnce = Math.max(mostAtOnce, now)
      void result.then(
        () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1),
        () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1),
      )
    }
    return result
  } as typeof original
  const db = await postgres.createDatabase()
  const world = await seedWorld(db)
  const feed = startFeed(
    new PgTransport({
      connectionString: db,
      userId: world.users.ann,
      applicationName: 'pg-one-query',
      heartbeatMs: 5,
    }),
  )
  try {
    await feed.waitForState('connected')
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        insertQuestion(db, {
          productId: world.products.alpha,
          askedBy: world.users.ann,
          question: `Vraag ${i}`,
        }),
      ),
    )
    await feed.waitFor('the burst', () => ids.every((id) => feed.openedCount(id) === 1), 10_000)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(mostAtOnce).toBe(1)
    expect(feed.states.filter((s) => s.state === 'disconnected')).toEqual([])
  } finally {
    pg.Client.prototype.query = original
    await feed.close()
  }
})
