// Closing a pg.Client must never hang and never leave its socket behind: `end()` waits for the
// server's goodbye, which a dead path or a frozen backend never sends (docs/reliability.md, E4),
// and the backend then lingers on the server for hours. That pile-up filled Scrum4Me's connection budget
// (docs/reliability.md, No connection left behind).
import type pg from 'pg'

/** Ends the client politely within `timeoutMs`, then destroys its socket whatever happened. */
export async function closePgClient(client: pg.Client, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs)
  })
  // A client that already failed may reject here; closing must still finish.
  const ended = client.end().catch(() => {})
  await Promise.race([ended, timedOut])
  clearTimeout(timer)
  // After a clean end this is a no-op; after a timeout it frees the descriptor, and the server
  // notices the disconnect instead of keeping an idle LISTEN backend.
  client.connection.stream.destroy()
}
