// Listening coverage: the share of 60 s in which a client has a stream open on an SSE test server
// whose streams end cleanly every 3 s. Each client gets its own server (same database), whose open
// streams are sampled every 20 ms. FeedEngine + SseTransport with production timings against two
// baselines in the same run: the policy before make-before-break (a clean close younger than 90 %
// of 240 s counted as a failure, with full-jitter backoff) and a bare client that reconnects at once.
import type { FeedState } from '@shared/feed-state'
import { FeedEngine } from '../electron/main/feed/feed-engine'
import { failureDelay, plannedDelay, reconnectPolicyWith } from '../electron/main/feed/reconnect-policy'
import { SseTransport } from '../electron/main/feed/sse/sse-transport'
import type { SseTestServer } from '../test/support/sse-test-server'
import { openBareSse } from './support/bare-sse'
import { Cleanup } from './support/cleanup'
import { startConnected } from './support/feed'
import { type BenchResult, say } from './support/report'
import { startBenchSseServer, startSeededPostgres } from './support/servers'
import { deferred, sleep } from './support/timing'

const RUN_MS = 60_000
const LIFETIME_MS = 3000
const SAMPLE_EVERY_MS = 20
const TOKEN = 'coverage-token'
const STREAM_PATH = '/api/realtime/notifications'
/** The old rule: a clean EOF earlier than 90 % of the 240 s lifetime was "ended early", a failure. */
const OLD_PLANNED_AFTER_MS = 0.9 * 240_000

interface Coverage {
  /** Samples with at least one stream open, of all samples. */
  share: number
  /** The same from `since` on. */
  shareSince(since: number): number
  maxStreams: number
}

export async function listeningCoverage(): Promise<BenchResult> {
  const cleanup = new Cleanup()
  try {
    const postgres = await startSeededPostgres(cleanup)
    const start = (name: string) =>
      startBenchSseServer(postgres, TOKEN, cleanup, { lifetimeMs: LIFETIME_MS, applicationName: name })
    const [ours, old, bare] = [await start('cov-engine'), await start('cov-old'), await start('cov-bare')]

    const engine = new FeedEngine({
      transport: new SseTransport({ serverUrl: ours.origin, auth: { kind: 'bearer', token: TOKEN } }),
    })
    cleanup.add('the feed engine', () => engine.close())
    const shown: FeedState[] = []
    engine.onState((state) => shown.push(state))
    const gaps: number[] = []
    let hidden = 0
    engine.onReconnect((reconnect) => {
      hidden++
      // A close the client did not foresee: it reconnected after it, within the grace.
      if (reconnect.gapMs > 0) gaps.push(reconnect.at)
    })
    await startConnected(engine, 'the feed engine')
    const stopOld = runBaseline(old, 'old policy')
    const stopBare = runBaseline(bare, 'at once')
    cleanup.add('the baseline clients', async () => {
      await stopOld()
      await stopBare()
    })

    say(`sampling the servers' open streams every ${SAMPLE_EVERY_MS} ms for ${RUN_MS / 1000} s`)
    const coverage = await sampleAll({ engine: ours, old, bare })
    const { engine: engineCoverage, old: oldCoverage, bare: bareCoverage } = coverage
    const offline = shown.filter((state) => state.state !== 'connected' && state.state !== 'connecting')
    // The lifetime is learned from two clean closes in a row (electron/main/feed/sse/stream-lifetime.ts).
    const learnedAt = gaps[1] ?? Number.POSITIVE_INFINITY
    say(
      `engine: ${hidden} hidden reconnects, ${gaps.length} of them after a close it did not foresee; ` +
        `${offline.length} states other than connected/connecting`,
    )
    const percent = (share: number) => (Number.isNaN(share) ? 'n/a' : `${(share * 100).toFixed(1)} %`)
    const afterLearning = engineCoverage.shareSince(learnedAt)
    return {
      bench: 'listening-coverage',
      figures: [
        {
          name: `share of ${RUN_MS / 1000} s with a stream open, ${LIFETIME_MS / 1000} s clean closes`,
          value: percent(engineCoverage.share),
          baseline: `${percent(oldCoverage.share)} old policy; ${percent(bareCoverage.share)} bare, at once`,
        },
        {
          name: 'the same, once the client has learned the lifetime',
          value: percent(afterLearning),
          baseline: `${percent(oldCoverage.shareSince(learnedAt))} old policy; ${percent(bareCoverage.shareSince(learnedAt))} bare`,
          target: '100 %',
          met: afterLearning === 1,
        },
        {
          name: 'most streams open at once',
          value: String(engineCoverage.maxStreams),
          baseline: `${oldCoverage.maxStreams} old policy; ${bareCoverage.maxStreams} bare`,
          target: '≤ 2',
          met: engineCoverage.maxStreams <= 2,
          check: true,
        },
        {
          name: 'offline states shown meanwhile',
          value: String(offline.length),
          target: '0',
          met: offline.length === 0,
          check: true,
        },
      ],
    }
  } finally {
    await cleanup.run()
  }
}

async function sampleAll<Name extends string>(
  servers: Record<Name, SseTestServer>,
): Promise<Record<Name, Coverage>> {
  const entries = Object.entries(servers) as Array<[Name, SseTestServer]>
  const tallies = entries.map(([name, server]) => ({ name, server, zeroAt: [] as number[], maxStreams: 0 }))
  const sampledAt: number[] = []
  const timer = setInterval(() => {
    const at = Date.now()
    sampledAt.push(at)
    for (const tally of tallies) {
      const streams = tally.server.openStreams()
      if (streams === 0) tally.zeroAt.push(at)
      tally.maxStreams = Math.max(tally.maxStreams, streams)
    }
  }, SAMPLE_EVERY_MS)
  await sleep(RUN_MS)
  clearInterval(timer)
  const shareSince = (zeroAt: number[], since: number) => {
    const total = sampledAt.filter((at) => at >= since).length
    return (total - zeroAt.filter((at) => at >= since).length) / total
  }
  return Object.fromEntries(
    tallies.map(({ name, zeroAt, maxStreams }) => [
      name,
      { share: shareSince(zeroAt, 0), shareSince: (since: number) => shareSince(zeroAt, since), maxStreams },
    ]),
  ) as Record<Name, Coverage>
}

/**
 * A bare client (fetch + eventsource-parser) in a loop. `old policy`: what the feed did before, with
 * the production policy's delays; `at once`: reconnects the moment a stream ends. Returns its stop.
 */
function runBaseline(server: SseTestServer, mode: 'old policy' | 'at once'): () => Promise<void> {
  const policy = reconnectPolicyWith()
  const stop = deferred()
  let stopped = false
  let current: { close(): Promise<void> } | null = null
  const loop = (async () => {
    let failures = 0
    while (!stopped) {
      let wait = 0
      try {
        const stream = await openBareSse(`${server.origin}${STREAM_PATH}`, TOKEN)
        current = stream
        await stream.ready
        const since = Date.now()
        await Promise.race([stream.ended, stop.promise])
        await stream.close()
        const age = Date.now() - since
        if (age >= policy.healthyAfterMs) failures = 0
        if (mode === 'old policy') {
          wait =
            age >= OLD_PLANNED_AFTER_MS
              ? plannedDelay(policy.baseMs, Math.random)
              : failureDelay(failures++, policy, Math.random)
        }
      } catch {
        wait = mode === 'old policy' ? failureDelay(failures++, policy, Math.random) : policy.floorMs
      }
      await Promise.race([sleep(wait), stop.promise])
    }
  })()
  return async () => {
    stopped = true
    stop.resolve()
    await current?.close()
    await loop
  }
}
