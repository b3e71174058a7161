// Runs a real FeedEngine over a real transport into a real SQLite store, and records what a user
// would see: states, and questions opened/closed (novelty decided by the store, as in the app).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FeedReconnect, FeedState } from '@shared/feed-state'
import { FeedEngine } from '../../electron/main/feed/feed-engine'
import type { ReconnectPolicy } from '../../electron/main/feed/reconnect-policy'
import type { FeedTransport } from '../../electron/main/feed/transport'
import { createLineLogger, type Logger } from '../../electron/main/log/logger'
import { openDatabase } from '../../electron/main/store/database'
import { type QuestionEvent, QuestionStore } from '../../electron/main/store/question-store'

export interface FeedHarness {
  engine: FeedEngine
  store: QuestionStore
  states: FeedState[]
  /** Reconnects the engine did not show as a state change. */
  reconnects: FeedReconnect[]
  events: QuestionEvent[]
  logs: string[]
  /** How often each question id was reported as new. */
  openedCount(id: string): number
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>
  waitForState(state: FeedState['state'], timeoutMs?: number, after?: number): Promise<FeedState>
  close(): Promise<void>
}

export function startFeed(transport: FeedTransport, policy: Partial<ReconnectPolicy> = {}): FeedHarness {
  const dir = mkdtempSync(join(tmpdir(), 's4m-feed-'))
  const logs: string[] = []
  const log: Logger = createLineLogger((line) => logs.push(line), { minLevel: 'debug' })
  const store = new QuestionStore(openDatabase(join(dir, 'cache.sqlite'), { log }), { log })
  const engine = new FeedEngine({ transport, policy, log })
  const states: FeedState[] = []
  const reconnects: FeedReconnect[] = []
  const events: QuestionEvent[] = []
  engine.onState((state) => states.push(state))
  engine.onReconnect((reconnect) => reconnects.push(reconnect))
  engine.onUpdate((update) => events.push(...store.apply(update)))
  engine.start()

  const waitFor = async (what: string, predicate: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; states: ${states.map((s) => `${s.state}(${s.reason ?? ''})`).join(' → ')}`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  return {
    engine,
    store,
    states,
    reconnects,
    events,
    logs,
    openedCount: (id) => events.filter((e) => e.type === 'question' && e.question.id === id).length,
    waitFor,
    waitForState: async (state, timeoutMs = 10_000, after = 0) => {
      let found: FeedState | undefined
      await waitFor(
        `state ${state}`,
        () => {
          found = states.slice(after).find((s) => s.state === state)
          return found !== undefined
        },
        timeoutMs,
      )
      return found as FeedState
    },
    close: async () => {
      await engine.close()
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** ESTABLISHED TCP sockets on this machine whose remote end is `port`: the client side of our feeds. */
export async function clientSocketsTo(port: number): Promise<number> {
  const { readFile } = await import('node:fs/promises')
  let count = 0
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '')
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      const remote = fields[2]
      const state = fields[3]
      if (!remote || state !== '01') continue
      if (Number.parseInt(remote.split(':')[1] ?? '', 16) === port) count++
    }
  }
  return count
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
