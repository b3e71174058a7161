import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest'
import { insertQuestion, notifyRaw, seedWorld, type World } from './fixtures'
import { withClient } from './pg-client'
import { startTestPostgres, type TestPostgres } from './postgres'
import { recordSse } from './sse-recorder'
import {
  FAULTS_PATH,
  type SseTestServer,
  STATS_PATH,
  STREAM_PATH,
  startSseTestServer,
} from './sse-test-server'

let cluster: TestPostgres

beforeAll(async () => {
  cluster = await startTestPostgres()
})

afterAll(async () => {
  await cluster?.destroy()
})

interface Setup {
  url: string
  world: World
  server: SseTestServer
  applicationName: string
  /** The stream URL. */
  stream: string
}

const ANN = { cookie: 's4m_session=ann-session' }
const BOB = { authorization: 'Bearer bob-token' }

async function setup(lifetimeMs = 3_000): Promise<Setup> {
  const url = await cluster.createDatabase()
  const world = await seedWorld(url)
  const applicationName = `sse-test-${randomUUID().slice(0, 8)}`
  const server = await startSseTestServer({
    databaseUrl: url,
    credentials: { 'ann-session': world.users.ann, 'bob-token': world.users.bob },
    heartbeatMs: 200,
    lifetimeMs,
    applicationName,
  })
  onTestFinished(() => server.close())
  return { url, world, server, applicationName, stream: `${server.origin}${STREAM_PATH}` }
}

async function openStream(url: string, headers: Record<string, string>) {
  const recording = await recordSse(url, headers)
  onTestFinished(() => recording.close())
  return recording
}

function stateIds(data: string): string[] {
  return (JSON.parse(data) as { questions: Array<{ id: string }> }).questions.map((question) => question.id)
}

describe('SSE test server', () => {
  it('answers 401 without a known session or token, and logs every request', async () => {
    const { server, stream } = await setup()

    const attempts: Array<Record<string, string>> = [
      {},
      { cookie: 's4m_session=unknown' },
      { authorization: 'Bearer unknown' },
    ]
    for (const headers of attempts) {
      const response = await fetch(stream, { headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ error: 'Niet ingelogd' })
    }
    expect(server.connects).toBe(3)
    expect(server.requestLog.map((entry) => entry.headers.authorization)).toEqual([
      undefined,
      undefined,
      'Bearer unknown',
    ])
  })

  it('sends the snapshot after LISTEN, with the access rules of docs/protocol.md', async () => {
    const { url, world, stream, applicationName } = await setup()
    const { users, products, stories, ideas } = world
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000)
    const alpha = await insertQuestion(url, {
      productId: products.alpha,
      storyId: stories.st101,
      askedBy: users.ann,
      createdAt: minutesAgo(3),
    })
    const beta = await insertQuestion(url, {
      productId: products.beta,
      storyId: stories.st201,
      askedBy: users.bob,
    })
    const bobsIdea = await insertQuestion(url, {
      productId: products.alpha,
      ideaId: ideas.bobsIdea,
      askedBy: users.bob,
      options: null,
      createdAt: minutesAgo(2),
    })
    await insertQuestion(url, { productId: products.archived, storyId: stories.st301, askedBy: users.ann })
    await insertQuestion(url, { productId: products.alpha, askedBy: users.ann, status: 'answered' })
    await insertQuestion(url, { productId: products.alpha, askedBy: users.ann, expiresAt: minutesAgo(1) })

    const ann = await openStream(stream, ANN)
    const annState = await ann.waitForEvent((event) => event.event === 'state')
    // The stream's own connection is idle after LISTEN: the snapshot was read after it (through the pool).
    const { rows } = await withClient(url, (client) =>
      client.query('SELECT query FROM pg_stat_activity WHERE application_name = $1', [applicationName]),
    )
    expect(rows).toEqual([{ query: 'LISTEN scrum4me_changes' }])
    expect(ann.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const [annQuestion] = (JSON.parse(annState.data) as { questions: unknown[] }).questions
    expect(annQuestion).toEqual({
      id: alpha,
      product_id: products.alpha,
      story_id: stories.st101,
      task_id: null,
      story_code: 'ST-101',
      story_title: 'Inloggen met e-mail',
      assignee_id: users.bob,
      question: expect.any(String),
      options: ['Ja', 'Nee'],
      created_at: expect.stringMatching(/Z$/),
      expires_at: expect.stringMatching(/Z$/),
      idea_id: null,
      idea_code: null,
      idea_title: null,
      product_name: 'Alpha',
    })
    expect(stateIds(annState.data)).toEqual([alpha])

    const bob = await openStream(stream, BOB)
    expect(stateIds((await bob.waitForEvent((event) => event.event === 'state')).data)).toEqual([
      beta,
      bobsIdea,
      alpha,
    ])
  })

  it("forwards question notifications for the user's products only", async () => {
    const { url, world, stream } = await setup()
    const { users, products, stories } = world
    const ann = await openStream(stream, ANN)
    await ann.waitForEvent((event) => event.event === 'state')

    await insertQuestion(url, { productId: products.beta, storyId: stories.st201, askedBy: users.bob })
    await notifyRaw(url, '{not json')
    await notifyRaw(url, JSON.stringify({ type: 'claude_job_enqueued', product_id: products.alpha }))
    const id = await insertQuestion(url, {
      productId: products.alpha,
      storyId: stories.st102,
      askedBy: users.ann,
    })

    // Notifications arrive in commit order, so anything forwarded wrongly would have come first.
    const first = await ann.waitForEvent((event) => event.event === undefined)
    expect(JSON.parse(first.data)).toEqual({
      op: 'I',
      entity: 'question',
      id,
      product_id: products.alpha,
      story_id: stories.st102,
      task_id: null,
      idea_id: null,
      status: 'open',
    })
  })

  it('closes the stream cleanly after its lifetime, with heartbeats until then', async () => {
    const { stream, server, applicationName } = await setup(1_000)
    const started = Date.now()
    const ann = await openStream(stream, ANN)

    expect(await ann.ended).toBe('eof')
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(ann.comments.filter((comment) => comment.trim() === 'heartbeat').length).toBeGreaterThanOrEqual(3)
    await vi.waitFor(async () => {
      expect(server.openStreams()).toBe(0)
      expect(await cluster.listenerCount(applicationName)).toBe(0)
    })
  })

  it('releases the stream and its pg connection when the client goes away', async () => {
    const { stream, server, applicationName } = await setup()
    const ann = await openStream(stream, ANN)
    await ann.waitForEvent((event) => event.event === 'state')
    expect(server.openStreams()).toBe(1)
    expect(await cluster.listenerCount(applicationName)).toBe(1)

    ann.close()

    await vi.waitFor(async () => {
      expect(server.openStreams()).toBe(0)
      expect(await cluster.listenerCount(applicationName)).toBe(0)
    })
  })

  it('takes faults over its admin API: a status for the next N requests, then a cut mid-event', async () => {
    const { server, stream } = await setup()
    const admin = await fetch(`${server.origin}${FAULTS_PATH}`, {
      method: 'POST',
      body: JSON.stringify({
        next: [{ kind: 'status', status: 503, retryAfter: '2', times: 2 }, { kind: 'partialEvent' }],
      }),
    })
    expect(admin.status).toBe(204)

    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(stream, { headers: ANN })
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('2')
      await response.body?.cancel()
    }
    const cut = await openStream(stream, ANN)
    expect(await cut.ended).toBe('error')
    expect(cut.text).toMatch(/data: \{"id":17,$/)
    expect(cut.events.map((event) => event.event)).toEqual(['state'])

    const healthy = await openStream(stream, ANN)
    await healthy.waitForEvent((event) => event.event === 'state')
    const stats = await (await fetch(`${server.origin}${STATS_PATH}`)).json()
    expect(stats).toMatchObject({ connects: 4, openStreams: 1 })
  })
})
