// Small helpers around the real FeedEngine and PostgreSQL clients the benchmarks drive.
import type { FeedReconnect, FeedState, FeedStateName } from '@shared/feed-state'
import pg from 'pg'
import type { FeedEngine } from '../../electron/main/feed/feed-engine'
import type { FeedUpdate } from '../../electron/main/feed/transport'
import { deferred, within } from './timing'

/** Resolves with the first state named `name` the engine enters from now on. */
export function nextState(engine: FeedEngine, name: FeedStateName): Promise<FeedState> {
  const reached = deferred<FeedState>()
  const stop = engine.onState((state) => {
    if (state.state !== name) return
    stop()
    reached.resolve(state)
  })
  return reached.promise
}

/**
 * Resolves with the engine's next reconnect. A refresh or a planned close keeps the state
 * `connected` throughout (make-before-break), so no state change marks it.
 */
export function nextReconnect(engine: FeedEngine): Promise<FeedReconnect> {
  const reconnected = deferred<FeedReconnect>()
  const stop = engine.onReconnect((reconnect) => {
    stop()
    reconnected.resolve(reconnect)
  })
  return reconnected.promise
}

/** Starts the engine and resolves once it is connected, or fails naming `what` after 10 s. */
export function startConnected(engine: FeedEngine, what: string): Promise<FeedState> {
  const connected = nextState(engine, 'connected')
  engine.start()
  return within(10_000, what, connected)
}

/** The question an update is about; a snapshot is about the whole open set, so none. */
export function updatedId(update: FeedUpdate): string | undefined {
  if (update.kind === 'left') return update.id
  if (update.kind === 'opened') return update.question.id
  return undefined
}

/** A connected pg.Client whose `error` events cannot crash the run; `application_name` shows in pg_stat_activity. */
export async function connectClient(url: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName })
  client.on('error', () => {})
  await client.connect()
  return client
}

/** The question id in a `scrum4me_changes` payload, if it is one of ours. */
export function payloadId(payload: string | undefined): string | undefined {
  try {
    const id = (JSON.parse(payload ?? '') as { id?: unknown }).id
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}
