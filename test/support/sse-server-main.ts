// Entry point: runs the SSE test server in its own process, so tests can SIGKILL, SIGSTOP and restart it.
// Usage: node --import tsx test/support/sse-server-main.ts '<SseTestServerOptions as JSON>'
// Prints {"port":N} on stdout once listening.
import { z } from 'zod'
import { startSseTestServer } from './sse-test-server'

const optionsSchema = z.object({
  databaseUrl: z.string(),
  credentials: z.record(z.string(), z.string()),
  heartbeatMs: z.number().int().positive().optional(),
  lifetimeMs: z.number().int().positive().optional(),
  applicationName: z.string().optional(),
  port: z.number().int().nonnegative().optional(),
})

const server = await startSseTestServer(optionsSchema.parse(JSON.parse(process.argv[2] ?? '')))
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`)

// SIGTERM is the graceful stop: every stream releases its pg connection first.
process.once('SIGTERM', () => {
  void server.close().finally(() => process.exit(0))
})
// The parent holds our stdin open; when it dies, even by SIGKILL, we follow instead of lingering.
process.stdin.once('end', () => process.exit(0))
process.stdin.resume()
