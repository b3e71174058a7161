// The PostgreSQL feed against a real PostgreSQL 15, driven by the real FeedEngine on the wall
// clock: access rules, live changes, hostile payloads and the P faults of docs/reliability.md.

import { randomUUID } from 'node:crypto'
import { readdir, readFile, readlink } from 'node:fs/promises'
import type { FeedState } from '@shared/feed-state'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  insertQuestion,
  notifyRaw,
  seedWorld,
  setQuestionStatus,
  type World,
} from '../../../../test/support/fixtures'
import { withClient } from '../../../../test/support/pg-client'
import { startTestPostgres, type TestPostgres } from '../../../../test/support/postgres'
import { createLineLogger } from '../../log/logger'
import { FeedEngine } from '../feed-engine'
import type { ReconnectPolicy } from '../reconnect-policy'
import type { FeedUpdate } from '../transport'
import { closePgClient } from './close-pg-client'
import { OPEN_QUESTIONS_SQL, QUESTIONS_BY_ID_SQL } from './open-questions-sql'
import { PgTransport, type PgTransportOptions } from './pg-transport'

/** Scaled down from the defaults (docs/reliability.md, Policy) so every fault plays out in about a second. */
const FAST_POLICY: Partial<ReconnectPolicy> = {
  baseMs: 100,
  capMs: 400,
  floorMs: 50,
  connectTimeoutMs: 5000,
  nudgeMinIntervalMs: 0,
}
const FAST_HEARTBEAT = { heartbeatMs: 300, heartbeatTimeoutMs: 700 }

interface Feed {
  engine: FeedEngine
  app: string
  states: FeedState[]
  updates: FeedUpdate[]
  logs: string[]
}

let server: TestPostgres
const running: FeedEngine[] = []

beforeAll(async () => {
  server = await startTestPostgres()
})

afterEach(async () => {
  await Promise.all(running.splice(0).map((engine) => engine.close()))
})

afterAll(async () => {
  await server?.destroy()
})

function startFeed(
  url: string,
  userId: string,
  options: { transport?: Partial<PgTransportOptions>; policy?: Partial<ReconnectPolicy> } = {},
): Feed {
  const app = `s4m-test-${randomUUID().slice(0, 8)}`
  const logs: string[] = []
  const transport = new PgTransport({
    connectionString: url,
    userId,
    applicationName: app,
    ...FAST_HEARTBEAT,
    ...options.transport,
  })
  const engine = new FeedEngine({
    transport,
    policy: { ...FAST_POLICY, ...options.policy },
    log: createLineLogger((line) => logs.push(line), { minLevel: 'debug' }),
  })
  const feed: Feed = { engine, app, states: [], updates: [], logs }
  engine.onState((state) => feed.states.push(state))
  engine.onUpdate((update) => feed.updates.push(update))
  running.push(engine)
  engine.start()
  return feed
}

const count = (feed: Feed, state: FeedState['state']) => feed.states.filter((s) => s.state === state).length

async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(10)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function connected(feed: Feed, times = 1): Promise<boolean> {
  return waitFor(`connection #${times}`, () => count(feed, 'connected') >= times)
}

const lastSnapshot = (feed: Feed) =>
  feed.updates.findLast((u): u is Extract<FeedUpdate, { kind: 'snapshot' }> => u.kind === 'snapshot')
const snapshotIds = (feed: Feed) => new Set(lastSnapshot(feed)?.questions.map((q) => q.id))
const openedCount = (feed: Feed, id: string) =>
  feed.updates.filter((u) => u.kind === 'opened' && u.question.id === id).length
const leftStatus = (feed: Feed, id: string) =>
  feed.updates.find((u): u is Extract<FeedUpdate, { kind: 'left' }> => u.kind === 'left' && u.id === id)
    ?.status

/** TCP sockets of this process connected to `port` (its fds matched against /proc/net/tcp). */
async function ownSocketsTo(port: number): Promise<number> {
  const inodes = new Set<string>()
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '')
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1]
    if (inode) inodes.add(inode)
  }
  let sockets = 0
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '')
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      const remotePort = Number.parseInt(fields[2]?.split(':')[1] ?? '', 16)
      if (remotePort === port && inodes.has(fields[9] ?? '')) sockets++
    }
  }
  return sockets
}

/** SIGSTOPs a process for the duration of `work`; it always gets its SIGCONT. */
async function frozen<T>(pid: number, work: () => Promise<T>): Promise<T> {
  process.kill(pid, 'SIGSTOP')
  try {
    return await work()
  } finally {
    process.kill(pid, 'SIGCONT')
  }
}

async function newWorld(): Promise<{ url: string; world: World }> {
  const url = await server.createDatabase()
  return { url, world: await seedWorld(url) }
}

describe('the open set', () => {
  it('is read after LISTEN with the access rules: owner, member, archived, idea privacy, expiry', async () => {
    const { url, world } = await newWorld()
    const { users, products, stories, ideas } = world
    const hourAgo = new Date(Date.now() - 3_600_000)
    const alpha = await insertQuestion(url, {
      productId: products.alpha,
      storyId: stories.st101,
      askedBy: users.ann,
      createdAt: hourAgo,
    })
    const merge = await insertQuestion(url, {
      productId: products.alpha,
      askedBy: users.ann,
      options: { pr_url: 'https://example.invalid/pr/1', conflict_files: ['a.ts'] },
    })
    const beta = await insertQuestion(url, {
      productId: products.beta,
      storyId: stories.st201,
      askedBy: users.bob,
    })
    const idea = await insertQuestion(url, {
      productId: products.alpha,
      ideaId: ideas.bobsIdea,
      askedBy: users.bob,
    })
    await insertQuestion(url, { productId: products.archived, storyId: stories.st301, askedBy: users.ann })
    await insertQuestion(url, { productId: products.alpha, askedBy: users.ann, expiresAt: hourAgo })
    await insertQuestion(url, { productId: products.alpha, askedBy: users.ann, status: 'answered' })

    const ann = startFeed(url, users.ann)
    const bob = startFeed(url, users.bob)
    const cas = startFeed(url, users.cas)
    await Promise.all([connected(ann), connected(bob), connected(cas)])

    // Newest first, like the SSE `state` frame.
    expect(lastSnapshot(ann)?.questions.map((q) => q.id)).toEqual([merge, alpha])
    expect(snapshotIds(bob)).toEqual(new Set([alpha, merge, beta, idea]))
    expect(snapshotIds(cas)).toEqual(new Set([beta]))

    const seen = lastSnapshot(bob)?.questions ?? []
    expect(seen.find((q) => q.id === alpha)).toMatchObject({
      productName: 'Alpha',
      storyCode: 'ST-101',
      storyTitle: 'Inloggen met e-mail',
      assigneeId: users.bob,
      options: ['Ja', 'Nee'],
      context: null,
    })
    expect(seen.find((q) => q.id === idea)).toMatchObject({ ideaCode: 'ID-7', ideaTitle: 'Donkere modus' })
    expect(seen.find((q) => q.id === merge)).toMatchObject({
      options: null,
      context: { conflict_files: ['a.ts'] },
    })
  })
})

describe('over-long fields', () => {
  it('are cut in the SQL, so a 5 MB row never crosses the wire, and the feed still delivers it', async () => {
    const { url, world } = await newWorld()
    const huge = 'x'.repeat(5_000_000)
    await withClient(url, async (client) => {
      await client.query('UPDATE products SET name = $2 WHERE id = $1', [world.products.alpha, huge])
      await client.query('UPDATE stories SET code = $2, title = $2 WHERE id = $1', [
        world.stories.st101,
        huge,
      ])
      await client.query('UPDATE ideas SET code = $2, title = $2 WHERE id = $1', [world.ideas.bobsIdea, huge])
    })
    const fields = { productId: world.products.alpha, askedBy: world.users.bob }
    const story = await insertQuestion(url, {
      ...fields,
      storyId: world.stories.st101,
      question: huge,
      options: ['Ja', huge],
    })
    const idea = await insertQuestion(url, { ...fields, ideaId: world.ideas.bobsIdea, options: [{ huge }] })
    const context = await insertQuestion(url, {
      ...fields,
      options: { pr_url: 'https://x/1', files: [huge] },
    })
    const ids = [story, idea, context]

    // What the server sends for each row, measured at the client.
    const rows = await withClient(url, async (client) => [
      ...(await client.query(OPEN_QUESTIONS_SQL, [world.users.bob])).rows,
      ...(await client.query(QUESTIONS_BY_ID_SQL, [world.users.bob, ids])).rows,
    ])
    expect(rows).toHaveLength(6)
    for (const row of rows) expect(JSON.stringify(row).length).toBeLessThan(25_000)

    const feed = startFeed(url, world.users.bob)
    await connected(feed)
    const shown = new Map(lastSnapshot(feed)?.questions.map((q) => [q.id, q]))
    expect(shown.get(story)).toMatchObject({
      productName: 'x'.repeat(200),
      storyCode: 'x'.repeat(64),
      storyTitle: 'x'.repeat(500),
      text: 'x'.repeat(4000),
      // One past the limit: a cut option is answered in Scrum4Me (answers/answer-rules.ts).
      options: ['Ja', 'x'.repeat(501)],
    })
    expect(shown.get(idea)).toMatchObject({ ideaCode: 'x'.repeat(64), options: null, context: null })
    expect(shown.get(context)).toMatchObject({ options: null, context: null })
    expect(feed.logs.filter((line) => line.includes('cut over-long fields'))).toHaveLength(3)

    // A live change reads the row by id, through the same cut.
    const live = await insertQuestion(url, { ...fields, storyId: world.stories.st101, question: huge })
    await waitFor('the live question', () => openedCount(feed, live) === 1)
    const opened = feed.updates.find((u) => u.kind === 'opened' && u.question.id === live)
    expect(opened?.kind === 'opened' && opened.question.text).toBe('x'.repeat(4000))
  })
})

describe('live changes', () => {
  it('delivers a new question as opened within 1 s and status changes as left', async () => {
    const { url, world } = await newWorld()
    const { users, products, stories } = world
    const feed = startFeed(url, users.ann)
    await connected(feed)

    const asked = Date.now()
    const id = await insertQuestion(url, {
      productId: products.alpha,
      storyId: stories.st102,
      askedBy: users.bob,
    })
    await waitFor('opened', () => openedCount(feed, id) === 1)
    expect(Date.now() - asked).toBeLessThan(1000)

    const other = await insertQuestion(url, { productId: products.alpha, askedBy: users.bob })
    await waitFor('second opened', () => openedCount(feed, other) === 1)
    await setQuestionStatus(url, id, 'answered')
    await setQuestionStatus(url, other, 'cancelled')
    await waitFor('answered', () => leftStatus(feed, id) === 'answered')
    await waitFor('cancelled', () => leftStatus(feed, other) === 'cancelled')

    // Open in the row but past expires_at: expired by the server's clock.
    const stale = await insertQuestion(url, {
      productId: products.alpha,
      askedBy: users.bob,
      expiresAt: new Date(Date.now() - 1000),
    })
    await waitFor('expired', () => leftStatus(feed, stale) === 'expired')

    // Not ann's to see: no update at all.
    const hidden = await insertQuestion(url, { productId: products.beta, askedBy: users.bob })
    const marker = await insertQuestion(url, { productId: products.alpha, askedBy: users.bob })
    await waitFor('marker', () => openedCount(feed, marker) === 1)
    expect(
      feed.updates.some((u) => (u.kind === 'opened' ? u.question.id : u.kind === 'left' && u.id) === hidden),
    ).toBe(false)
    expect(count(feed, 'connecting')).toBe(1)
    // P9 (docs/reliability.md): reads run outside any transaction, so the notification queue is never held.
    const { rows } = await withClient(url, (client) =>
      client.query('SELECT state FROM pg_stat_activity WHERE application_name = $1', [feed.app]),
    )
    expect(rows).toEqual([{ state: 'idle' }])
  })

  it('reads a burst of 30 questions in one transaction and misses none', async () => {
    const { url, world } = await newWorld()
    const feed = startFeed(url, world.users.ann)
    await connected(feed)
    const ids = Array.from({ length: 30 }, (_, i) => `burst_${i}_${randomUUID()}`)
    await withClient(url, async (admin) => {
      await admin.query('BEGIN')
      for (const id of ids) {
        await admin.query(
          `INSERT INTO claude_questions (id, product_id, asked_by, question, expires_at)
           VALUES ($1, $2, $3, 'burst?', now() + interval '1 day')`,
          [id, world.products.alpha, world.users.bob],
        )
      }
      await admin.query('COMMIT')
    })
    await waitFor('the whole burst', () => ids.every((id) => openedCount(feed, id) === 1))
  })

  it('survives malformed, foreign and near-limit payloads without a reconnect', async () => {
    const { url, world } = await newWorld()
    const feed = startFeed(url, world.users.ann)
    await connected(feed)
    const snapshotsBefore = feed.updates.filter((u) => u.kind === 'snapshot').length

    await notifyRaw(url, '{"type":"claude_job_enqueued"}')
    await notifyRaw(url, '{"entity":"story","op":"U","id":"s1","product_id":"p1"}')
    await notifyRaw(url, '{not json')
    await notifyRaw(url, JSON.stringify({ entity: 'question', op: 'I' }))
    await notifyRaw(url, 'x'.repeat(7990))
    // PostgreSQL itself refuses 8000 bytes and more, at the sender.
    await expect(notifyRaw(url, 'y'.repeat(9000))).rejects.toThrow(/payload string too long/)

    const id = await insertQuestion(url, { productId: world.products.alpha, askedBy: world.users.bob })
    await waitFor('a valid change after the junk', () => openedCount(feed, id) === 1)
    const snapshots = feed.updates.filter((u) => u.kind === 'snapshot').length
    expect(snapshots).toBeGreaterThan(snapshotsBefore)
    expect(feed.logs.filter((line) => line.includes('invalid change notification'))).toHaveLength(3)
    expect(feed.logs.some((line) => line.includes('x'.repeat(100)))).toBe(false)
    expect(count(feed, 'connecting')).toBe(1)
    expect(feed.engine.state.state).toBe('connected')
  })
})

describe('forged notifications', () => {
  const forgedClose = (id: string, productId: string) =>
    JSON.stringify({ op: 'U', entity: 'question', id, product_id: productId, status: 'answered' })
  const snapshots = (feed: Feed) => feed.updates.filter((u) => u.kind === 'snapshot').length

  it('close nothing: the row is read, and an open row stays open', async () => {
    const { url, world } = await newWorld()
    const fields = { productId: world.products.alpha, askedBy: world.users.bob }
    const open = await insertQuestion(url, fields)
    const feed = startFeed(url, world.users.ann)
    await connected(feed)
    expect(snapshotIds(feed).has(open)).toBe(true)

    // Any role that may NOTIFY can send this; the row says the question is still open.
    await withClient(url, (client) =>
      client.query('SELECT pg_notify($1, $2)', ['scrum4me_changes', forgedClose(open, world.products.alpha)]),
    )
    // Notifications arrive in commit order: once the marker is in, the forgery was handled.
    const marker = await insertQuestion(url, fields)
    await waitFor('the marker', () => openedCount(feed, marker) === 1)
    expect(leftStatus(feed, open)).toBeUndefined()

    // A real close still arrives, read from the row.
    await setQuestionStatus(url, open, 'cancelled')
    await waitFor('the real close', () => leftStatus(feed, open) === 'cancelled')
  })

  it('re-read the open set at most once per interval when they are invalid, and lose no change', async () => {
    const { url, world } = await newWorld()
    const feed = startFeed(url, world.users.ann, { transport: { invalidSnapshotIntervalMs: 1500 } })
    await connected(feed)
    const before = snapshots(feed)
    for (let i = 0; i < 8; i++) {
      await notifyRaw(url, `{"entity":"question","forged":${i}}`)
      // Spaced out, so each one could have had a re-read of its own.
      await sleep(40)
    }
    const marker = await insertQuestion(url, { productId: world.products.alpha, askedBy: world.users.bob })
    await waitFor('the marker', () => openedCount(feed, marker) === 1)
    expect(snapshots(feed) - before).toBe(1)
    // The re-read the others asked for comes at the end of the interval, once.
    await waitFor('the deferred re-read', () => snapshots(feed) - before === 2, 5000)
    expect(feed.logs.filter((line) => line.includes('invalid change notification'))).toHaveLength(8)
  })

  it('read a burst of well-formed ones with made-up ids by id, in chunks, never as a full re-read', async () => {
    const { url, world } = await newWorld()
    const feed = startFeed(url, world.users.ann)
    await connected(feed)
    const before = snapshots(feed)
    // One transaction, so all 350 are queued before the feed reads any of them.
    await withClient(url, (client) =>
      client.query(
        `SELECT pg_notify('scrum4me_changes', json_build_object(
           'op', 'U', 'entity', 'question', 'id', 'forged-' || i, 'product_id', $1::text)::text)
           FROM generate_series(1, 350) AS i`,
        [world.products.alpha],
      ),
    )
    const marker = await insertQuestion(url, { productId: world.products.alpha, askedBy: world.users.bob })
    await waitFor('the marker', () => openedCount(feed, marker) === 1)
    expect(snapshots(feed) - before).toBe(0)
  })
})

describe('faults', () => {
  it('reconnects exactly once after pg_terminate_backend and catches up on the gap', async () => {
    const { url, world } = await newWorld()
    // A reconnect delay of at least 300 ms leaves room to insert while disconnected.
    const feed = startFeed(url, world.users.ann, { policy: { baseMs: 400, floorMs: 300 } })
    await connected(feed)

    const killedAt = Date.now()
    expect(await server.terminate(feed.app)).toBe(1)
    await waitFor('disconnected', () => count(feed, 'disconnected') === 1)
    const gap = await insertQuestion(url, { productId: world.products.alpha, askedBy: world.users.bob })
    expect(feed.engine.state.state).not.toBe('connected')
    await connected(feed, 2)
    const reconnectMs = Date.now() - killedAt
    expect(snapshotIds(feed).has(gap)).toBe(true)

    await sleep(1000)
    const live = await insertQuestion(url, { productId: world.products.alpha, askedBy: world.users.bob })
    await waitFor('the notification after the reconnect', () => openedCount(feed, live) === 1)
    await sleep(200)
    expect(openedCount(feed, live)).toBe(1)
    expect(count(feed, 'connecting')).toBe(2)
    expect(count(feed, 'connected')).toBe(2)
    expect(await server.listenerCount(feed.app)).toBe(1)
    console.info(`P1: reconnected ${reconnectMs} ms after pg_terminate_backend`)
  })

  it('recovers after a PostgreSQL restart with one session', async () => {
    const { url, world } = await newWorld()
    const feed = startFeed(url, world.users.ann)
    await connected(feed)

    await server.stop()
    await waitFor('disconnected', () => feed.engine.state.state !== 'connected')
    const upAt = Date.now()
    await server.start()
    await connected(feed, 2)
    const recoverMs = Date.now() - upAt
    expect(recoverMs).toBeLessThan((FAST_POLICY.capMs as number) + 1000)

    const id = await insertQuestion(url, { productId: world.products.alpha, askedBy: world.users.bob })
    await waitFor('opened after the restart', () => openedCount(feed, id) === 1)
    expect(await server.listenerCount(feed.app)).toBe(1)
    console.info(`P2: connected again ${recoverMs} ms after the server was back`)
  })

  it('stops at failed(auth) after one attempt when the password is wrong', async () => {
    const { url, world } = await newWorld()
    const wrong = url.replace(':postgres@', ':not-the-password@')
    const feed = startFeed(wrong, world.users.ann)
    await waitFor('failed', () => feed.engine.state.state === 'failed')
    expect(feed.engine.state.failure).toBe('auth')
    expect(feed.engine.state.reason).not.toContain('not-the-password')
    await sleep(500)
    expect(count(feed, 'connecting')).toBe(1)
    expect(await server.listenerCount(feed.app)).toBe(0)
  })

  it('refuses a server without TLS when sslmode=verify-full: failed(tls), no downgrade', async () => {
    const { url, world } = await newWorld()
    const feed = startFeed(`${url}?sslmode=verify-full`, world.users.ann)
    await waitFor('failed', () => feed.engine.state.state === 'failed')
    expect(feed.engine.state.failure).toBe('tls')
    expect(count(feed, 'connecting')).toBe(1)
    expect(await server.listenerCount(feed.app)).toBe(0)
  })

  it('detects a frozen backend by the heartbeat timeout and reconnects to a new one', async () => {
    const { url, world } = await newWorld()
    const feed = startFeed(url, world.users.ann)
    await connected(feed)
    const [pid] = await server.backendPids(feed.app)
    if (pid === undefined) throw new Error('no backend for the feed')

    const detectMs = await frozen(pid, async () => {
      const stoppedAt = Date.now()
      await waitFor('the heartbeat to notice', () => feed.engine.state.state !== 'connected', 5000)
      const detected = Date.now() - stoppedAt
      await connected(feed, 2)
      return detected
    })
    expect(detectMs).toBeLessThan(FAST_HEARTBEAT.heartbeatMs + FAST_HEARTBEAT.heartbeatTimeoutMs + 500)
    expect(feed.states.find((s) => s.state === 'disconnected')?.reason).toMatch(/heartbeat/)
    // After SIGCONT the old backend sees its closed socket and exits.
    await waitFor('the old backend to exit', async () =>
      (await server.backendPids(feed.app)).every((p) => p !== pid),
    )
    expect(await server.listenerCount(feed.app)).toBe(1)
    console.info(`P6: frozen backend detected after ${detectMs} ms`)
  })

  it('abandons attempts against a frozen postmaster within the connect timeout, sockets included', async () => {
    const { url, world } = await newWorld()
    const postmaster = await server.postmasterPid()
    const feed = await frozen(postmaster, async () => {
      // The engine gives up first; pg's own startup timeout is longer, so the abort path is what is tested.
      const feed = startFeed(url, world.users.ann, {
        policy: { connectTimeoutMs: 500 },
        transport: { connectTimeoutMs: 10_000 },
      })
      const frozenAt = Date.now()
      await waitFor('two abandoned attempts', () => count(feed, 'disconnected') >= 2, 10_000)
      // Each attempt ends at its 500 ms timeout: no polite close is waited for without a session.
      expect(Date.now() - frozenAt).toBeLessThan(2 * (500 + 300) + (FAST_POLICY.capMs as number))
      expect(await ownSocketsTo(server.port)).toBeLessThanOrEqual(1)
      return feed
    })
    expect(feed.states.find((s) => s.state === 'disconnected')?.reason).toMatch(/no connection within 500 ms/)
    await connected(feed)
    expect(await ownSocketsTo(server.port)).toBe(1)
    // The abandoned handshakes waited in the listen backlog; their backends find a closed socket and exit.
    await waitFor('one session on the server', async () => (await server.listenerCount(feed.app)) === 1, 5000)
    const attemptMs = feed.states
      .filter((s) => s.state === 'disconnected')
      .map(
        (s) =>
          s.since - (feed.states.findLast((c) => c.state === 'connecting' && c.since <= s.since)?.since ?? 0),
      )
    console.info(`P7: attempts against a frozen postmaster ended after ${attemptMs.join(', ')} ms`)
  })

  it('keeps a session with idle_session_timeout alive by the heartbeat', async () => {
    const { url, world } = await newWorld()
    const sessionOptions = { idle_session_timeout: 1000 }
    const beating = startFeed(url, world.users.ann, { transport: { sessionOptions } })
    const silent = startFeed(url, world.users.ann, { transport: { sessionOptions, heartbeatMs: 60_000 } })
    await Promise.all([connected(beating), connected(silent)])
    // Without a heartbeat the server ends the idle session (57P05); that also proves the options reach it.
    await connected(silent, 2)
    expect(silent.states.find((s) => s.state === 'disconnected')?.reason).toMatch(
      /idle-session timeout|57P05/,
    )
    await sleep(1500)
    expect(count(beating, 'connecting')).toBe(1)
  })
})

describe('no connection left behind', () => {
  it('leaves no session and no socket after close()', async () => {
    const { url, world } = await newWorld()
    const feed = startFeed(url, world.users.ann)
    await connected(feed)
    expect(await server.listenerCount(feed.app)).toBe(1)
    expect(await ownSocketsTo(server.port)).toBe(1)

    const closing = Date.now()
    await feed.engine.close()
    const closeMs = Date.now() - closing
    expect(closeMs).toBeLessThan(2100)
    expect(await ownSocketsTo(server.port)).toBe(0)
    await waitFor(
      'the server to drop the session',
      async () => (await server.listenerCount(feed.app)) === 0,
      3000,
    )
    console.info(`close: ${closeMs} ms, session gone ${Date.now() - closing} ms after close()`)
  })

  it('holds one session and at most one socket through 100 forced reconnects', async () => {
    const { url, world } = await newWorld()
    // No grace: every reconnect shows as a state, so each one can be counted.
    const feed = startFeed(url, world.users.ann, { policy: { ...FAST_POLICY, reconnectGraceMs: 0 } })
    await connected(feed)
    const started = Date.now()
    let maxSockets = 0
    for (let cycle = 2; cycle <= 101; cycle++) {
      // Mostly user nudges (our own close), every tenth a server-side kill (its close).
      if (cycle % 10 === 0) await server.terminate(feed.app)
      else feed.engine.nudge('user')
      await connected(feed, cycle)
      maxSockets = Math.max(maxSockets, await ownSocketsTo(server.port))
    }
    const cycleMs = (Date.now() - started) / 100
    expect(maxSockets).toBe(1)
    expect(count(feed, 'connected')).toBe(101)
    await waitFor('one session on the server', async () => (await server.listenerCount(feed.app)) === 1, 5000)

    await feed.engine.close()
    expect(await ownSocketsTo(server.port)).toBe(0)
    await waitFor('no session on the server', async () => (await server.listenerCount(feed.app)) === 0, 3000)
    console.info(`leak: 100 reconnects, ${cycleMs.toFixed(1)} ms each, max ${maxSockets} socket(s)`)
  })

  it('ends a hanging client within the time limit by destroying its socket', async () => {
    const url = await server.createDatabase()
    const app = `s4m-test-${randomUUID().slice(0, 8)}`
    const client = new pg.Client({ connectionString: url, application_name: app })
    client.on('error', () => {})
    await client.connect()
    const [pid] = await server.backendPids(app)
    if (pid === undefined) throw new Error('no backend for the client')
    const tookMs = await frozen(pid, async () => {
      // A query in flight would make pg destroy at once; an idle client waits for the server's goodbye.
      const start = Date.now()
      await closePgClient(client, 300)
      return Date.now() - start
    })
    expect(tookMs).toBeGreaterThanOrEqual(290)
    expect(tookMs).toBeLessThan(800)
    expect(await ownSocketsTo(server.port)).toBe(0)
    await waitFor('the backend to exit', async () => (await server.listenerCount(app)) === 0, 3000)
  })
})

describe('connection strings', () => {
  it('sends our application_name and session options, keeping the URL’s own options', async () => {
    const url = await server.createDatabase()
    const app = `s4m-test-${randomUUID().slice(0, 8)}`
    const feed = startFeed(`${url}?application_name=theirs&options=-c%20search_path%3Dpublic`, 'nobody', {
      transport: { applicationName: app, sessionOptions: { idle_session_timeout: 0 } },
    })
    await connected(feed)
    expect(await server.listenerCount(app)).toBe(1)
    expect(await server.listenerCount('theirs')).toBe(0)
  })
})
