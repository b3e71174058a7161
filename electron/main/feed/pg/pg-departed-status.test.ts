// What a reconnect reports for questions that left while the LISTEN connection was down: the status
// in their row (answered, cancelled), not a guessed `closed`. Real PostgreSQL behind the fault proxy,
// the real FeedEngine and the store, as the app has them.
import { afterEach, expect, it } from 'vitest'
import { insertQuestion, setQuestionStatus } from '../../../../test/support/fixtures'
import { withClient } from '../../../../test/support/pg-client'
import { type ProxiedPgFeed, startPgFeedViaProxy } from '../../../../test/support/pg-feed-via-proxy'
import { setUpSeededDatabase } from '../../../../test/support/seeded-database'

const db = setUpSeededDatabase()
let proxied: ProxiedPgFeed | null = null

afterEach(async () => {
  await proxied?.feed.close()
  await proxied?.proxy.close()
})

it('reports questions answered, cancelled or deleted while disconnected with their real status', async () => {
  const { url, world, postgres } = db
  const ask = () =>
    insertQuestion(url, {
      productId: world.products.alpha,
      storyId: world.stories.st101,
      askedBy: world.users.bob,
    })
  const [answered, cancelled, deleted, stillOpen] = [await ask(), await ask(), await ask(), await ask()]
  proxied = await startPgFeedViaProxy(postgres, {
    databaseUrl: url,
    userId: world.users.ann,
    applicationName: 'pg-departed-status-test',
    policy: { baseMs: 100, capMs: 300, floorMs: 20, connectTimeoutMs: 2000 },
  })
  const { proxy, feed } = proxied
  await feed.waitForState('connected')
  await feed.waitFor('the open set', () => feed.store.listOpen().length === 4)

  const mark = feed.states.length
  await proxy.setMode('reset')
  await feed.waitForState('disconnected', 10_000, mark)
  // Committed while nobody listens: the notifications are lost, only the rows tell.
  await setQuestionStatus(url, answered, 'answered')
  await setQuestionStatus(url, cancelled, 'cancelled')
  await withClient(url, (client) => client.query('DELETE FROM claude_questions WHERE id = $1', [deleted]))
  const back = feed.states.length
  await proxy.setMode('pass')
  await feed.waitForState('connected', 10_000, back)
  await feed.waitFor('the departures', () => feed.store.listOpen().length === 1)

  const closed = (id: string) => feed.events.filter((e) => e.type === 'closed' && e.id === id)
  expect(closed(answered)).toEqual([{ type: 'closed', id: answered, status: 'answered' }])
  expect(closed(cancelled)).toEqual([{ type: 'closed', id: cancelled, status: 'cancelled' }])
  // Gone from the table: there is no row to ask, so `closed` is all anyone can say.
  expect(closed(deleted)).toEqual([{ type: 'closed', id: deleted, status: 'closed' }])
  expect(closed(stillOpen)).toEqual([])
  expect(feed.store.get(answered)?.status).toBe('answered')
})
