// NOTIFY → engine event over the PostgreSQL feed. A bare pg.Client LISTENing on the same database in
// the same run is the baseline; the clock starts just before the statement that commits the change.
import type pg from 'pg'
import { FeedEngine } from '../electron/main/feed/feed-engine'
import { QUESTIONS_BY_ID_SQL } from '../electron/main/feed/pg/open-questions-sql'
import { PgTransport } from '../electron/main/feed/pg/pg-transport'
import { newId, type World } from '../test/support/fixtures'
import { closeClientSafely } from '../test/support/pg-client'
import { Arrivals } from './support/arrivals'
import { Cleanup } from './support/cleanup'
import { atMostRatio, informational, percentileFigures, sayComparison } from './support/compare'
import { connectClient, payloadId, startConnected, updatedId } from './support/feed'
import { SAMPLE_TIMEOUT_MS, SAMPLES, SPACING_MS, TARGET_RATIO, WARMUP } from './support/latency-plan'
import { type BenchResult, type Figure, say } from './support/report'
import { connectWriter, startSeededPostgres } from './support/servers'
import { summarize } from './support/stats'
import { now, sleep, within } from './support/timing'

/** Resolves once `done()` holds, checking every few milliseconds. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await sleep(2)
}

/** Questions opened per round of phase (a); below the feed's 100-question open set. */
const ROUND = 80
const CHANNEL = 'scrum4me_changes'
const QUESTION_TEXT =
  'Welke aanpak kies je voor de migratie van de sessietabel: in één keer of in twee stappen?'

/**
 * engine: the FeedEngine's update. notify: a bare client's notification; read: that plus one SELECT of
 * the row. feedSql: a second bare client's notification plus the feed's own by-id query, which tells
 * the cost of the query (joins, access rule) apart from the cost of the feed's code.
 */
type Receiver = 'engine' | 'notify' | 'read' | 'feedSql'
const RECEIVERS: readonly Receiver[] = ['engine', 'notify', 'read', 'feedSql']
type Latencies = Record<Receiver, number[]>

const INSERT_OPEN_SQL = `
  INSERT INTO claude_questions (id, product_id, story_id, asked_by, question, options, expires_at)
  SELECT id, $2, $3, $4, $5, '["Ja", "Nee"]'::jsonb, now() + interval '1 day' FROM unnest($1::text[]) AS id`
const CLOSE_SQL = "UPDATE claude_questions SET status = 'answered', answer = 'Ja' WHERE id = $1"
// The baseline's one read: the row itself, without the feed's joins and access rule.
const SELECT_ROW_SQL = `
  SELECT id, product_id, story_id, question, options, status, created_at, expires_at
    FROM claude_questions WHERE id = $1`

export async function notifyLatency(): Promise<BenchResult> {
  const cleanup = new Cleanup()
  try {
    const { url, world } = await startSeededPostgres(cleanup)
    const writer = await connectWriter(url, cleanup)
    const insert = (ids: string[]) =>
      writer.query(INSERT_OPEN_SQL, [
        ids,
        world.products.alpha,
        world.stories.st101,
        world.users.bob,
        QUESTION_TEXT,
      ])

    // PostgreSQL wakes listeners one after the other, and the first to LISTEN tends to hear first.
    // Half the samples are taken with the feed listening first and half with it last, so that order
    // favours neither side; the samples are pooled.
    const runs = [
      await measureInOrder(url, world, writer, insert, cleanup, 'baseline first'),
      await measureInOrder(url, world, writer, insert, cleanup, 'feed first'),
    ]
    const left = pool(runs.map((run) => run.left))
    const opened = pool(runs.map((run) => run.opened))

    // The payload is only a wake-up (anyone who may NOTIFY can forge one), so the row is read first.
    say('(a) status change of a question the feed shows → `left`, after reading the row:')
    const leftFigures = [
      ...compare('(a) left vs NOTIFY + SELECT', left.engine, left.read),
      ...compare('(a) left vs bare NOTIFY', left.engine, left.notify, false),
      ...compare('(a) left vs NOTIFY + feed SQL', left.engine, left.feedSql, false),
    ]
    say('(b) new question → `opened` (the question text needs one row read):')
    const openedFigures = [
      ...compare('(b) opened vs NOTIFY + SELECT', opened.engine, opened.read),
      ...compare('(b) opened vs NOTIFY + feed SQL', opened.engine, opened.feedSql, false),
    ]
    return { bench: 'notify-latency', figures: [...leftFigures, ...openedFigures] }
  } finally {
    await cleanup.run()
  }
}

type Order = 'baseline first' | 'feed first'

/** One full measurement with the listeners started in `order`; everything it starts is closed after. */
async function measureInOrder(
  url: string,
  world: World,
  writer: pg.Client,
  insert: (ids: string[]) => Promise<unknown>,
  cleanup: Cleanup,
  order: Order,
): Promise<{ left: Latencies; opened: Latencies }> {
  const arrivals = new Arrivals<Receiver>(RECEIVERS)
  const openSeen = new Set<string>()
  const startFeed = async () => {
    const engine = await startEngine(url, world, arrivals, openSeen)
    cleanup.add('the feed engine', () => engine.close())
    return engine
  }
  const engine = order === 'feed first' ? await startFeed() : null
  const bare = await startBareListener(url, 'bench-bare-listener', (client, id) => {
    arrivals.mark(id, 'notify')
    return client.query(SELECT_ROW_SQL, [id]).then(() => arrivals.mark(id, 'read'))
  })
  cleanup.add('the bare listener', () => closeClientSafely(bare))
  const feedSql = await startBareListener(url, 'bench-bare-feed-sql', (client, id) =>
    client.query(QUESTIONS_BY_ID_SQL, [world.users.ann, [id]]).then(() => arrivals.mark(id, 'feedSql')),
  )
  cleanup.add('the bare listener running the feed query', () => closeClientSafely(feedSql))
  const feed = engine ?? (await startFeed())

  // Questions the feed shows are the open set it knows (at most 100, like the server's snapshot),
  // so phase (a) opens them in rounds the feed can see, then closes them one by one.
  const left: Latencies = { engine: [], notify: [], read: [], feedSql: [] }
  for (let done = 0; done < WARMUP + SAMPLES; done += ROUND) {
    const round = Array.from({ length: Math.min(ROUND, WARMUP + SAMPLES - done) }, () => newId('q'))
    const seen = until(() => round.every((id) => openSeen.has(id)))
    await insert(round)
    await within(SAMPLE_TIMEOUT_MS, 'the round of questions reaching the feed', seen)
    const measured = await measure(
      'status change',
      round,
      arrivals,
      (id) => writer.query(CLOSE_SQL, [id]),
      done,
    )
    for (const receiver of RECEIVERS) left[receiver].push(...measured[receiver])
  }
  const fresh = Array.from({ length: WARMUP + SAMPLES }, () => newId('q'))
  const opened = await measure('new question', fresh, arrivals, (id) => insert([id]))

  await feed.close()
  await closeClientSafely(bare)
  await closeClientSafely(feedSql)
  return { left, opened }
}

function pool(runs: Latencies[]): Latencies {
  const pooled: Latencies = { engine: [], notify: [], read: [], feedSql: [] }
  for (const run of runs) for (const receiver of RECEIVERS) pooled[receiver].push(...run[receiver])
  return pooled
}

/** A LISTENing client that hands each of our notifications to `onChange` the moment it arrives. */
async function startBareListener(
  url: string,
  applicationName: string,
  onChange: (client: pg.Client, id: string) => Promise<unknown>,
): Promise<pg.Client> {
  const client = await connectClient(url, applicationName)
  client.on('notification', (message) => {
    const id = payloadId(message.payload)
    if (id !== undefined) onChange(client, id).catch(() => {})
  })
  await client.query(`LISTEN ${CHANNEL}`)
  return client
}

async function startEngine(
  url: string,
  world: World,
  arrivals: Arrivals<Receiver>,
  openSeen: Set<string>,
): Promise<FeedEngine> {
  const engine = new FeedEngine({
    transport: new PgTransport({
      connectionString: url,
      userId: world.users.ann,
      applicationName: 'bench-feed',
    }),
  })
  engine.onUpdate((update) => {
    if (update.kind === 'opened') openSeen.add(update.question.id)
    const id = updatedId(update)
    if (id !== undefined) arrivals.mark(id, 'engine')
  })
  await startConnected(engine, 'the PostgreSQL feed connecting')
  return engine
}

/** One change at a time: start the clock, commit, wait for every receiver, pause, repeat. */
async function measure(
  label: string,
  ids: readonly string[],
  arrivals: Arrivals<Receiver>,
  commit: (id: string) => Promise<unknown>,
  /** Samples already taken before this call, so the warm-up spans several calls. */
  offset = 0,
): Promise<Latencies> {
  const latencies: Latencies = { engine: [], notify: [], read: [], feedSql: [] }
  for (const [position, id] of ids.entries()) {
    const index = offset + position
    const arrived = arrivals.expect(id)
    const start = now()
    await commit(id)
    const times = await within(SAMPLE_TIMEOUT_MS, `${label} ${id} reaching every receiver`, arrived).finally(
      () => arrivals.drop(id),
    )
    if (index >= WARMUP) {
      for (const receiver of RECEIVERS) latencies[receiver].push(times[receiver] - start)
    }
    await sleep(SPACING_MS)
  }
  return latencies
}

/** Prints engine against baseline and returns the p50/p99 rows for the summary. */
function compare(name: string, engine: number[], baseline: number[], judged = true): Figure[] {
  const ours = summarize(engine)
  const theirs = summarize(baseline)
  sayComparison(`${name} (n=${ours.count}):`, ours, theirs, '    ')
  return percentileFigures(name, ours, theirs, judged ? atMostRatio(TARGET_RATIO) : informational)
}
