// Short-lived and long-lived pg.Client plumbing shared by the test support modules.
import pg from 'pg'

/** Every helper connection carries this name, so `listenerCount(app)` of the code under test never counts it. */
export const SUPPORT_APPLICATION_NAME = 's4m-test-support'

/** Runs `work` on a fresh connection and always ends it. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    application_name: SUPPORT_APPLICATION_NAME,
    connectionTimeoutMillis: 5_000,
  })
  // A restart or terminate mid-call also rejects the pending query; the event alone must not crash the worker.
  client.on('error', () => {})
  await client.connect()
  try {
    return await work(client)
  } finally {
    await closeClientSafely(client)
  }
}

/**
 * Ends a client, but never waits more than `timeoutMs`: `end()` can hang on a dead peer and leave the
 * socket (and the server's backend) behind, so on timeout the socket is destroyed (Scrum4Me's leak fix;
 * docs/reliability.md, No connection left behind).
 */
export async function closeClientSafely(client: pg.Client, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const ended = client.end().then(
    () => true,
    () => true,
  )
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  const inTime = await Promise.race([ended, timedOut])
  clearTimeout(timer)
  if (!inTime) client.connection.stream.destroy()
}
