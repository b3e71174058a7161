// SSE refreshes for a new question, through the real SSE test server over PostgreSQL, in a process of
// its own (so its work does not delay the clients' timers): how long a lone question takes from
// INSERT to the engine, and how far 20 clients' refreshes for one question spread on the server. Each against the old behaviour in the same run: a fixed 250 ms wait, which is the
// same transport with its random delay pinned (spread 250 ms, every draw 1).
import { FeedEngine } from '../electron/main/feed/feed-engine'
import { SseTransport, type SseTransportOptions } from '../electron/main/feed/sse/sse-transport'
import { newId } from '../test/support/fixtures'
import { type SseServerProcess, spawnSseTestServer } from '../test/support/sse-server-process'
import { STREAM_PATH } from '../test/support/sse-test-server'
import { Arrivals } from './support/arrivals'
import { Cleanup } from './support/cleanup'
import { atMostMs, describeSummary, informational, percentileFigures } from './support/compare'
import { startConnected } from './support/feed'
import { SAMPLE_TIMEOUT_MS } from './support/latency-plan'
import { type BenchResult, type Figure, say } from './support/report'
import { connectWriter, startSeededPostgres } from './support/servers'
import { formatMs, formatRatio, summarize } from './support/stats'
import { now, sleep, within } from './support/timing'

const TOKEN = 'bench-token'
const LONE_WARMUP = 2
const LONE_SAMPLES = 40
const LONE_TARGET_MS = 300
const HERD_CLIENTS = 20
const HERD_ROUNDS = 5
const HERD_TARGET_MS = 300

type Variant = 'jitter' | 'fixed'
const VARIANTS: readonly Variant[] = ['jitter', 'fixed']
/** The old fixed debounce, as the same transport with its draw pinned to the top of the window. */
const FIXED_250_MS: Partial<SseTransportOptions> = { refreshSpreadMs: 250, random: () => 1 }

interface Servers {
  sse: SseServerProcess
  /** Commits a new open question with this id. */
  insert(id: string): Promise<void>
}

export async function sseRefresh(): Promise<BenchResult> {
  const cleanup = new Cleanup()
  try {
    const servers = await startServers(cleanup)
    const lone = await measureLoneQuestion(servers)
    const herd = await measureHerd(servers)
    return { bench: 'sse-refresh', figures: [...lone, ...herd] }
  } finally {
    await cleanup.run()
  }
}

async function startServers(cleanup: Cleanup): Promise<Servers> {
  const postgres = await startSeededPostgres(cleanup)
  const { world } = postgres
  const sse = await spawnSseTestServer({
    databaseUrl: postgres.url,
    credentials: { [TOKEN]: world.users.ann },
    applicationName: 'bench-sse-server',
  })
  cleanup.add('the SSE test server', () => sse.stop())
  const writer = await connectWriter(postgres.url, cleanup)
  return {
    sse,
    async insert(id) {
      await writer.query(
        `INSERT INTO claude_questions (id, product_id, story_id, asked_by, question, options, expires_at)
         VALUES ($1, $2, $3, $4, 'Welke kleur krijgt de knop?', '["Blauw", "Groen"]', now() + interval '1 day')`,
        [id, world.products.alpha, world.stories.st101, world.users.bob],
      )
    },
  }
}

function engineOn(sse: SseServerProcess, overrides: Partial<SseTransportOptions> = {}): FeedEngine {
  return new FeedEngine({
    transport: new SseTransport({
      serverUrl: sse.origin,
      auth: { kind: 'bearer', token: TOKEN },
      ...overrides,
    }),
  })
}

/** Marks each question for `who` when a snapshot holds it (SSE frames carry no text: a refresh brings it). */
function markSnapshots<Name extends string>(engine: FeedEngine, arrivals: Arrivals<Name>, who: Name): void {
  engine.onUpdate((update) => {
    if (update.kind === 'snapshot') for (const question of update.questions) arrivals.mark(question.id, who)
  })
}

/** A feed connects, one question is inserted: how long until the feed's snapshot holds it. */
async function loneSample(
  sse: SseServerProcess,
  insert: Servers['insert'],
  overrides: Partial<SseTransportOptions>,
): Promise<number> {
  const engine = engineOn(sse, overrides)
  try {
    const arrivals = new Arrivals<'feed'>(['feed'])
    markSnapshots(engine, arrivals, 'feed')
    await startConnected(engine, 'the feed connecting')
    const id = newId('q')
    const arrived = arrivals.expect(id)
    const start = now()
    await insert(id)
    const times = await within(SAMPLE_TIMEOUT_MS, `question ${id} reaching the feed`, arrived)
    return times.feed - start
  } finally {
    await engine.close()
  }
}

/**
 * INSERT → the engine's snapshot holding it. One feed at a time (the other would refresh for the same
 * question and compete with it), alternating between the jittered and the fixed-wait feed.
 */
async function measureLoneQuestion({ sse, insert }: Servers): Promise<Figure[]> {
  const latencies: Record<Variant, number[]> = { jitter: [], fixed: [] }
  for (let index = 0; index < 2 * (LONE_WARMUP + LONE_SAMPLES); index++) {
    const who = VARIANTS[index % 2] as Variant
    const latency = await loneSample(sse, insert, who === 'fixed' ? FIXED_250_MS : {})
    if (index >= 2 * LONE_WARMUP) latencies[who].push(latency)
  }
  const ours = summarize(latencies.jitter)
  const theirs = summarize(latencies.fixed)
  say(`lone new question INSERT → engine snapshot holding it (n=${ours.count}):`)
  say(`  700·U² ms refresh  ${describeSummary(ours)}`)
  say(`  fixed 250 ms (old)    ${describeSummary(theirs)}`)
  const name = 'lone new question INSERT → engine vs fixed 250 ms'
  return [
    ...percentileFigures(name, ours, theirs, atMostMs(LONE_TARGET_MS), ['p50']),
    ...percentileFigures(name, ours, theirs, informational, ['max']),
  ]
}

/** First → last new stream on the server for one question and 20 feeds, per round; both variants. */
async function measureHerd(servers: Servers): Promise<Figure[]> {
  const spreads: Record<Variant, number[]> = { jitter: [], fixed: [] }
  for (const who of VARIANTS) spreads[who] = await herdRounds(servers, who === 'fixed' ? FIXED_250_MS : {})
  const ours = summarize(spreads.jitter)
  const theirs = summarize(spreads.fixed)
  const least = (values: number[]) => Math.min(...values)
  say(
    `herd: ${HERD_CLIENTS} feeds, one new question, first → last refresh on the server (${HERD_ROUNDS} rounds):`,
  )
  say(`  700·U² ms refresh  ${spreads.jitter.map(formatMs).join(', ')}`)
  say(`  fixed 250 ms (old)    ${spreads.fixed.map(formatMs).join(', ')}`)
  return [
    {
      name: `herd spread, ${HERD_CLIENTS} clients, p50 of ${HERD_ROUNDS} rounds`,
      value: formatMs(ours.p50),
      baseline: formatMs(theirs.p50),
      ratio: formatRatio(ours.p50 / theirs.p50),
      target: `≥ ${HERD_TARGET_MS} ms`,
      met: ours.p50 >= HERD_TARGET_MS,
    },
    {
      name: `herd spread, ${HERD_CLIENTS} clients, least of ${HERD_ROUNDS} rounds`,
      value: formatMs(least(spreads.jitter)),
      baseline: formatMs(least(spreads.fixed)),
      ratio: formatRatio(least(spreads.jitter) / least(spreads.fixed)),
      target: `≥ ${HERD_TARGET_MS} ms`,
      met: least(spreads.jitter) >= HERD_TARGET_MS,
    },
  ]
}

async function herdRounds(
  { sse, insert }: Servers,
  overrides: Partial<SseTransportOptions>,
): Promise<number[]> {
  const cleanup = new Cleanup()
  try {
    const names = Array.from({ length: HERD_CLIENTS }, (_, client) => `c${client}`)
    const arrivals = new Arrivals<string>(names)
    const engines = names.map((name) => {
      const engine = engineOn(sse, overrides)
      cleanup.add(`herd feed ${name}`, () => engine.close())
      engine.onUpdate((update) => {
        if (update.kind === 'snapshot')
          for (const question of update.questions) arrivals.mark(question.id, name)
      })
      return engine
    })
    await Promise.all(engines.map((engine) => startConnected(engine, 'a herd feed connecting')))
    const spreads: number[] = []
    // One extra round first: warm-up.
    for (let round = 0; round <= HERD_ROUNDS; round++) {
      const id = newId('q')
      const arrived = arrivals.expect(id)
      const askedAt = Date.now()
      await insert(id)
      await within(SAMPLE_TIMEOUT_MS * 2, `question ${id} reaching every herd feed`, arrived)
      const times = (await sse.stats()).requestLog
        .filter((entry) => entry.path === STREAM_PATH && entry.time >= askedAt)
        .map((entry) => entry.time)
      if (round > 0) spreads.push(Math.max(...times) - Math.min(...times))
      await sleep(500)
    }
    return spreads
  } finally {
    await cleanup.run()
  }
}
