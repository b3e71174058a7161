import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest'
import { insertQuestion, notifyRaw, seedWorld, setQuestionStatus } from './fixtures'
import { closeClientSafely, withClient } from './pg-client'
import { startTestPostgres, type TestPostgres } from './postgres'

let cluster: TestPostgres

beforeAll(async () => {
  cluster = await startTestPostgres({ maxConnections: 20 })
})

afterAll(async () => {
  await cluster?.destroy()
})

async function listen(
  url: string,
  applicationName: string,
): Promise<{ client: pg.Client; payloads: string[] }> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName })
  client.on('error', () => {})
  const payloads: string[] = []
  client.on('notification', (message) => payloads.push(message.payload ?? ''))
  await client.connect()
  await client.query('LISTEN scrum4me_changes')
  onTestFinished(() => closeClientSafely(client))
  return { client, payloads }
}

describe('startTestPostgres', () => {
  it('runs a private cluster with its own settings and hands out fresh databases', async () => {
    const [first, second] = await Promise.all([cluster.createDatabase(), cluster.createDatabase()])
    expect(first).not.toBe(second)
    expect(await cluster.postmasterPid()).toBeGreaterThan(0)
    const world = await seedWorld(first)
    const { rows } = await withClient(first, (client) =>
      client.query<{ max: string; users: number }>(
        `SELECT current_setting('max_connections') AS max, (SELECT count(*)::int FROM users) AS users`,
      ),
    )
    expect(rows[0]).toEqual({ max: '20', users: Object.keys(world.users).length })
  })

  it('notifies every question insert and update with ids and status, never the text', async () => {
    const url = await cluster.createDatabase()
    const world = await seedWorld(url)
    const { payloads } = await listen(url, 'pg-test-notify')

    const id = await insertQuestion(url, {
      productId: world.products.alpha,
      storyId: world.stories.st101,
      askedBy: world.users.ann,
      question: 'Geheime vraagtekst',
    })
    await setQuestionStatus(url, id, 'answered')
    await notifyRaw(url, '{not json')

    await vi.waitFor(() => expect(payloads).toHaveLength(3))
    const expected = {
      entity: 'question',
      id,
      product_id: world.products.alpha,
      story_id: world.stories.st101,
      task_id: null,
      idea_id: null,
    }
    expect(JSON.parse(payloads[0] ?? '')).toEqual({ op: 'I', ...expected, status: 'open' })
    expect(JSON.parse(payloads[1] ?? '')).toEqual({ op: 'U', ...expected, status: 'answered' })
    expect(payloads[2]).toBe('{not json')
    expect(payloads.join('')).not.toContain('Geheime')
  })

  it('counts and terminates backends by application_name', async () => {
    const url = await cluster.createDatabase()
    await listen(url, 'pg-test-count')
    await listen(url, 'pg-test-count')

    expect(await cluster.listenerCount('pg-test-count')).toBe(2)
    expect(await cluster.backendPids('pg-test-count')).toHaveLength(2)
    expect(await cluster.terminate('pg-test-count')).toBe(2)
    await vi.waitFor(async () => expect(await cluster.listenerCount('pg-test-count')).toBe(0))
  })

  it('keeps its port and data across a restart, with a new postmaster', async () => {
    const url = await cluster.createDatabase()
    const world = await seedWorld(url)
    const pidBefore = await cluster.postmasterPid()

    await cluster.restart()

    expect(await cluster.postmasterPid()).not.toBe(pidBefore)
    const { rows } = await withClient(url, (client) =>
      client.query<{ id: string }>('SELECT id FROM products WHERE archived'),
    )
    expect(rows).toEqual([{ id: world.products.archived }])
  })
})
