// A real NotifierCore on the SSE feed of the Scrum4Me test server, whose answer route a test may
// take away before the core first connects.
import { type SseTestServer, startSseTestServer } from '../../test/support/sse-test-server'
import { startTestCore, type TestCore } from './pg-core'

export interface SseCore extends TestCore {
  server: SseTestServer
}

export async function startSseCore(
  databaseUrl: string,
  userId: string,
  options: { answerRoute: boolean },
): Promise<SseCore> {
  const token = `token-${userId}`
  const server = await startSseTestServer({ databaseUrl, credentials: { [token]: userId } })
  if (!options.answerRoute) server.setFaults({ answerRoute: { missing: true } })
  const core = await startTestCore({ kind: 'sse', serverUrl: server.origin, auth: { kind: 'bearer', token } })
  return {
    ...core,
    server,
    close: async () => {
      await core.close()
      await server.close()
    },
  }
}
