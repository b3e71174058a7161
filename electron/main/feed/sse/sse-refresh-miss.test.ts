// Announced ids that never appear in the snapshot (past the cap, expired but open, forged): a refresh
// that did not bring one is not repeated for it within the window, and a storm of made-up ids costs
// at most one refresh per window, against the real SSE test server over embedded PostgreSQL.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { type FeedHarness, sleep, startFeed } from '../../../../test/support/feed-harness'
import { insertQuestion, newId, notifyRaw } from '../../../../test/support/fixtures'
import { setUpSeededDatabase } from '../../../../test/support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../../../../test/support/sse-test-server'
import { SseTransport } from './sse-transport'

const TOKEN = 'ann-token'
/** Scaled down from 30 s, so a few windows play out in seconds. */
const MISS_WINDOW_MS = 1000
const POLICY = { baseMs: 100, capMs: 1000, floorMs: 20, connectTimeoutMs: 5000, nudgeMinIntervalMs: 0 }

const db = setUpSeededDatabase()
let server: SseTestServer
let feed: FeedHarness | null = null

beforeEach(async () => {
  server = await startSseTestServer({
    databaseUrl: db.url,
    credentials: { [TOKEN]: db.world.users.ann },
    applicationName: 'sse-refresh-miss-test',
  })
  feed = startFeed(
    new SseTransport({
      serverUrl: server.origin,
      auth: { kind: 'bearer', token: TOKEN },
      refreshSpreadMs: 50,
      refreshMissWindowMs: MISS_WINDOW_MS,
    }),
    POLICY,
  )
  await feed.waitForState('connected')
})
afterEach(async () => {
  await feed?.close()
  await server.close()
})

/** A well-formed "open" frame for a question that is in no snapshot (the user may see its product). */
function openFrame(id: string): string {
  return JSON.stringify({
    op: 'I',
    entity: 'question',
    id,
    product_id: db.world.products.alpha,
    status: 'open',
  })
}

/** Announces each id every `everyMs` for `forMs`; resolves with the server's stream requests meanwhile. */
async function announceFor(forMs: number, everyMs: number, idFor: (tick: number) => string): Promise<number> {
  const before = server.connects
  const until = Date.now() + forMs
  for (let tick = 0; Date.now() < until; tick++) {
    await notifyRaw(db.url, openFrame(idFor(tick)))
    await sleep(everyMs)
  }
  return server.connects - before
}

it('refreshes for an id every stream announces once, not in a loop', async () => {
  const ghost = newId('q')
  // Every stream from now on announces the ghost right after its snapshot (a server replaying it).
  server.setFaults({
    next: [{ kind: 'extraFrames', frames: [`data: ${openFrame(ghost)}\n\n`], times: 1000 }],
  })
  const before = server.connects
  await notifyRaw(db.url, openFrame(ghost))
  await feed?.waitFor('the refresh', () => server.connects > before)
  await sleep(2000)
  // The refresh for it, and nothing after: its stream announced the ghost again and was believed not.
  expect(server.connects - before).toBe(1)
  expect(feed?.engine.state.state).toBe('connected')
})

it('refreshes at most once per window for an id announced over and over', async () => {
  const ghost = newId('q')
  const refreshes = await announceFor(3500, 100, () => ghost)
  console.info(`one ghost id announced every 100 ms for 3.5 s: ${refreshes} refreshes`)
  // At 0 s, and once again after each 1 s window: 4 at most.
  expect(refreshes).toBeGreaterThanOrEqual(1)
  expect(refreshes).toBeLessThanOrEqual(4)
})

it('answers a storm of made-up ids with at most one refresh per window, and still shows a real question', async () => {
  const refreshes = await announceFor(3500, 50, () => newId('q'))
  console.info(`a new made-up id every 50 ms for 3.5 s: ${refreshes} refreshes`)
  // Two misses in a row, then one per window: 2 + 3.5 windows, rounded up.
  expect(refreshes).toBeLessThanOrEqual(6)
  const real = await insertQuestion(db.url, {
    productId: db.world.products.alpha,
    storyId: db.world.stories.st101,
    askedBy: db.world.users.bob,
  })
  // Held off by at most one window after the last miss.
  await feed?.waitFor('the real question', () => feed?.openedCount(real) === 1, MISS_WINDOW_MS + 5000)
  expect(feed?.openedCount(real)).toBe(1)
})
