// The demo's Scrum4Me: embedded PostgreSQL with the schema and the fixtures' small world, and the SSE
// test server implementing the Scrum4Me route (stream and answer) over it. One user signs in: bob,
// who sees two products and his own idea.
import { randomBytes } from 'node:crypto'
import { seedWorld, type World } from '../test/support/fixtures'
import { startTestPostgres, type TestPostgres } from '../test/support/postgres'
import { type SseTestServer, startSseTestServer } from '../test/support/sse-test-server'

/** `application_name` of the server's LISTEN sessions, one per open stream. */
export const DEMO_SERVER_APPLICATION_NAME = 'scrum4me-demo-server'

export interface DemoWorld {
  readonly postgres: TestPostgres
  readonly databaseUrl: string
  readonly world: World
  readonly server: SseTestServer
  /** The bearer token that signs in as `userId`. */
  readonly token: string
  readonly userId: string
  /** Closes the server's streams, then stops PostgreSQL and removes its data directory. */
  close(): Promise<void>
}

export async function startDemoWorld(): Promise<DemoWorld> {
  const postgres = await startTestPostgres()
  try {
    const databaseUrl = await postgres.createDatabase()
    const world = await seedWorld(databaseUrl)
    const token = `demo-${randomBytes(12).toString('hex')}`
    const userId = world.users.bob
    const server = await startSseTestServer({
      databaseUrl,
      credentials: { [token]: userId },
      applicationName: DEMO_SERVER_APPLICATION_NAME,
    })
    return {
      postgres,
      databaseUrl,
      world,
      server,
      token,
      userId,
      async close() {
        await server.close().catch(() => {}) // PostgreSQL may already be going down (Ctrl-C)
        await postgres.destroy()
      },
    }
  } catch (error) {
    await postgres.destroy()
    throw error
  }
}
