// SSE frame → engine event. A loopback stream server of our own writes the same status-change frames
// to two clients at once: fetch + eventsource-parser alone (the baseline) and FeedEngine + SseTransport.
// Then, absolute: a new question inserted in PostgreSQL until the engine has it through the SSE test
// server (frames carry no text, so the transport refreshes the snapshot).
import http, { type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FeedEngine } from '../electron/main/feed/feed-engine'
import { SseTransport } from '../electron/main/feed/sse/sse-transport'
import { newId } from '../test/support/fixtures'
import { Arrivals } from './support/arrivals'
import { openBareSse } from './support/bare-sse'
import { Cleanup } from './support/cleanup'
import { atMostRatio, percentileFigures, sayComparison } from './support/compare'
import { nextReconnect, nextState, payloadId, startConnected, updatedId } from './support/feed'
import { SAMPLE_TIMEOUT_MS, SAMPLES, SPACING_MS, TARGET_RATIO, WARMUP } from './support/latency-plan'
import { type BenchResult, type Figure, say } from './support/report'
import { connectWriter, startBenchSseServer, startSeededPostgres } from './support/servers'
import { formatMs, summarize } from './support/stats'
import { now, sleep, within } from './support/timing'

const NEW_QUESTION_WARMUP = 2
const NEW_QUESTION_SAMPLES = 12
const NEW_QUESTION_TARGET_MS = 1000
const STREAM_PATH = '/stream'
const PRODUCT_ID = 'prd_bench'

type Receiver = 'engine' | 'parser'
const RECEIVERS: readonly Receiver[] = ['engine', 'parser']

export async function sseLatency(): Promise<BenchResult> {
  const frames = await measureFrames()
  const fresh = await measureNewQuestions()
  return { bench: 'sse-latency', figures: [...frames, ...fresh] }
}

async function measureFrames(): Promise<Figure[]> {
  const cleanup = new Cleanup()
  try {
    const ids = Array.from({ length: WARMUP + SAMPLES }, () => newId('q'))
    const server = await startFrameServer(ids)
    cleanup.add('the stream server', () => server.close())
    const arrivals = new Arrivals<Receiver>(RECEIVERS)

    const parser = await openBareSse(`${server.origin}${STREAM_PATH}`, 'parser', (event) => {
      const at = now()
      const id = event.event === undefined ? payloadId(event.data) : undefined
      if (id !== undefined) arrivals.mark(id, 'parser', at)
    })
    cleanup.add('the baseline client', () => parser.close())
    const engine = new FeedEngine({
      transport: new SseTransport({
        serverUrl: server.origin,
        auth: { kind: 'bearer', token: 'engine' },
        streamPath: STREAM_PATH,
      }),
    })
    cleanup.add('the feed engine', () => engine.close())
    engine.onUpdate((update) => {
      if (update.kind === 'left') arrivals.mark(update.id, 'engine')
    })
    const connected = nextState(engine, 'connected')
    engine.start()
    await within(10_000, 'both clients receiving the snapshot', Promise.all([connected, parser.ready]))

    const latencies: Record<Receiver, number[]> = { engine: [], parser: [] }
    for (const [index, id] of ids.entries()) {
      const arrived = arrivals.expect(id)
      // Alternate who is written first, so neither client always gets the head start.
      const written = server.send(id, index % 2 === 0 ? RECEIVERS : [...RECEIVERS].reverse())
      const times = await within(SAMPLE_TIMEOUT_MS, `frame ${id} reaching both clients`, arrived).finally(
        () => arrivals.drop(id),
      )
      if (index >= WARMUP) for (const who of RECEIVERS) latencies[who].push(times[who] - (written[who] ?? 0))
      await sleep(SPACING_MS)
    }

    const ours = summarize(latencies.engine)
    const theirs = summarize(latencies.parser)
    sayComparison(
      `status-change frame → \`left\` (n=${ours.count}), from each res.write to each client's event:`,
      ours,
      theirs,
    )
    return percentileFigures('frame → left vs fetch + parser', ours, theirs, atMostRatio(TARGET_RATIO))
  } finally {
    await cleanup.run()
  }
}

interface FrameServer {
  readonly origin: string
  /** Writes one status-change frame to every client in `order`; returns when each write was made. */
  send(id: string, order: readonly Receiver[]): Partial<Record<Receiver, number>>
  close(): Promise<void>
}

/** Serves `event: state` with `ids` open, then whatever `send` writes. The bearer token names the client. */
async function startFrameServer(ids: readonly string[]): Promise<FrameServer> {
  const createdAt = new Date().toISOString()
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString()
  const snapshot = JSON.stringify({
    questions: ids.map((id) => ({
      id,
      product_id: PRODUCT_ID,
      question: 'Mag de oude importfunctie weg?',
      options: ['Ja', 'Nee'],
      created_at: createdAt,
      expires_at: expiresAt,
    })),
  })
  const streams = new Map<Receiver, ServerResponse>()
  const server = http.createServer((req, res) => {
    const who = RECEIVERS.find((name) => req.headers.authorization === `Bearer ${name}`)
    if (req.url !== STREAM_PATH || who === undefined) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
    res.write(`event: state\ndata: ${snapshot}\n\n`)
    streams.set(who, res)
    res.on('close', () => {
      if (streams.get(who) === res) streams.delete(who)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    send(id, order) {
      const frame = `data: ${JSON.stringify({ op: 'U', entity: 'question', id, product_id: PRODUCT_ID, status: 'answered' })}\n\n`
      const written: Partial<Record<Receiver, number>> = {}
      for (const who of order) {
        written[who] = now()
        streams.get(who)?.write(frame)
      }
      return written
    },
    async close() {
      for (const res of streams.values()) res.end()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    },
  }
}

/** INSERT → the engine holding the new question, through the real SSE test server over PostgreSQL. */
async function measureNewQuestions(): Promise<Figure[]> {
  const cleanup = new Cleanup()
  try {
    const postgres = await startSeededPostgres(cleanup)
    const { world } = postgres
    const sse = await startBenchSseServer(postgres, 'bench-token', cleanup)
    const writer = await connectWriter(postgres.url, cleanup)

    const arrivals = new Arrivals<'engine'>(['engine'])
    const engine = new FeedEngine({
      transport: new SseTransport({ serverUrl: sse.origin, auth: { kind: 'bearer', token: 'bench-token' } }),
    })
    cleanup.add('the feed engine', () => engine.close())
    engine.onUpdate((update) => {
      if (update.kind === 'snapshot')
        for (const question of update.questions) arrivals.mark(question.id, 'engine')
      const id = updatedId(update)
      if (id !== undefined) arrivals.mark(id, 'engine')
    })
    await startConnected(engine, 'the SSE feed connecting')

    const latencies: number[] = []
    for (let index = 0; index < NEW_QUESTION_WARMUP + NEW_QUESTION_SAMPLES; index++) {
      const id = newId('q')
      const arrived = arrivals.expect(id)
      // The transport answers a new id with a fresh snapshot: wait for that reconnect before the next one.
      const reconnected = nextReconnect(engine)
      const start = now()
      await writer.query(
        `INSERT INTO claude_questions (id, product_id, story_id, asked_by, question, options, expires_at)
         VALUES ($1, $2, $3, $4, 'Welke kleur krijgt de knop?', '["Blauw", "Groen"]', now() + interval '1 day')`,
        [id, world.products.alpha, world.stories.st101, world.users.bob],
      )
      const times = await within(SAMPLE_TIMEOUT_MS, `question ${id} reaching the engine`, arrived)
      if (index >= NEW_QUESTION_WARMUP) latencies.push(times.engine - start)
      await within(SAMPLE_TIMEOUT_MS, 'the SSE feed reconnecting after the refresh', reconnected)
      await sleep(50)
    }
    const summary = summarize(latencies)
    say(`new question INSERT → engine snapshot holding it, via the SSE test server (n=${summary.count}):`)
    say(
      `  p50 ${formatMs(summary.p50)}, max ${formatMs(summary.max)} (includes the refresh delay, 700·U² ms)`,
    )
    return [
      {
        name: 'new question INSERT → snapshot, p50',
        value: formatMs(summary.p50),
        target: '< 1 s',
        met: summary.p50 < NEW_QUESTION_TARGET_MS,
      },
      {
        name: 'new question INSERT → snapshot, max',
        value: formatMs(summary.max),
        target: '< 1 s',
        met: summary.max < NEW_QUESTION_TARGET_MS,
      },
    ]
  } finally {
    await cleanup.run()
  }
}
