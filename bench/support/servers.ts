// The servers most benchmarks start the same way: a PostgreSQL cluster with a seeded database, a
// writer connection, the SSE test server. Each is handed to `cleanup` as soon as it is up.
import type pg from 'pg'
import { seedWorld, type World } from '../../test/support/fixtures'
import { closeClientSafely } from '../../test/support/pg-client'
import { startTestPostgres } from '../../test/support/postgres'
import {
  type SseTestServer,
  type SseTestServerOptions,
  startSseTestServer,
} from '../../test/support/sse-test-server'
import type { Cleanup } from './cleanup'
import { connectClient } from './feed'

export interface SeededPostgres {
  url: string
  /** The cluster's port, for putting a fault proxy in front of it. */
  port: number
  world: World
}

export async function startSeededPostgres(cleanup: Cleanup): Promise<SeededPostgres> {
  const server = await startTestPostgres()
  cleanup.add('the PostgreSQL cluster', () => server.destroy())
  const url = await server.createDatabase()
  return { url, port: server.port, world: await seedWorld(url) }
}

/** The connection that commits the measured changes; without waiting for the disk, as a busy server. */
export async function connectWriter(url: string, cleanup: Cleanup): Promise<pg.Client> {
  const writer = await connectClient(url, 'bench-writer')
  cleanup.add('the writer', () => closeClientSafely(writer))
  await writer.query('SET synchronous_commit = off')
  return writer
}

/** The SSE test server with the production timings (unless `overrides` say otherwise), on which `token` logs in as ann. */
export async function startBenchSseServer(
  { url, world }: SeededPostgres,
  token: string,
  cleanup: Cleanup,
  overrides: Partial<SseTestServerOptions> = {},
): Promise<SseTestServer> {
  const sse = await startSseTestServer({
    databaseUrl: url,
    credentials: { [token]: world.users.ann },
    applicationName: 'bench-sse-server',
    ...overrides,
  })
  cleanup.add('the SSE test server', () => sse.close())
  return sse
}
