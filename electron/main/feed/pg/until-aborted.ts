// pg never settles `connect()` when the client is ended mid-handshake, so waiting for it after an
// abort would hang. This races the work against the signal instead.

/**
 * Settles like `work`, or rejects with the signal's reason the moment it aborts. The work's own
 * later rejection (its socket destroyed by the caller's cleanup) is then nobody's to handle.
 * Check the signal before starting the work: an already aborted signal never fires.
 */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {})
  let onAbort = () => {}
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason)
  })
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    return await Promise.race([work, aborted])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}
