// pg mode only: does the user exist, and may they see any product (the access rule of docs/protocol.md)?
// The feed cannot tell: an unknown user or one without products simply has an empty open set.

import type { PgStep } from '@shared/failure-code'
import { z } from 'zod'
import { describeError } from '../common/describe-error'
import { closePgClient } from '../feed/pg/close-pg-client'
import { pgClientConfig } from '../feed/pg/pg-client-config'
import { pgFailureCode } from '../feed/pg/pg-failure-code'
import { pgModule } from '../feed/pg/pg-module'
import { untilAborted } from '../feed/pg/until-aborted'
import { ConnectFailed } from '../feed/transport'

export interface PgAccess {
  userExists: boolean
  /** Non-archived products the user owns or is a member of. */
  products: number
}

const ACCESS_SQL = `
SELECT EXISTS (SELECT 1 FROM users WHERE id = $1::text) AS user_exists,
       (SELECT count(*) FROM products p
         WHERE NOT p.archived
           AND (p.user_id = $1::text
                OR EXISTS (SELECT 1 FROM product_members m WHERE m.product_id = p.id AND m.user_id = $1::text))
       )::int AS products`

const accessRowSchema = z.object({ user_exists: z.boolean(), products: z.number().int().nonnegative() })

/**
 * One short session with the feed's connection rules (TLS pinned the same way). Rejects with a
 * `ConnectFailed` carrying pg's error as a code, or with the signal's reason once aborted; the
 * socket is gone before it settles.
 */
export async function checkPgAccess(
  connectionString: string,
  userId: string,
  options: { applicationName: string; signal: AbortSignal; timeoutMs: number },
): Promise<PgAccess> {
  const { Client } = await pgModule.load()
  const client = new Client(
    pgClientConfig(connectionString, {
      applicationName: options.applicationName,
      connectionTimeoutMillis: options.timeoutMs,
      query_timeout: options.timeoutMs,
    }),
  )
  // An `error` event without a listener would crash the process; the pending call rejects anyway.
  client.on('error', () => {})
  let step: PgStep = 'connect'
  try {
    options.signal.throwIfAborted()
    const row = await untilAborted(
      (async () => {
        await client.connect()
        step = 'query'
        const { rows } = await client.query(ACCESS_SQL, [userId])
        return accessRowSchema.parse(rows[0])
      })(),
      options.signal,
    )
    return { userExists: row.user_exists, products: row.products }
  } catch (error) {
    if (options.signal.aborted) throw error
    throw new ConnectFailed({
      kind: 'failure',
      code: pgFailureCode(error, step),
      reason: describeError(error),
    })
  } finally {
    // Before the startup finished there is no session to say goodbye to.
    await closePgClient(client, step === 'connect' ? 0 : 2000)
  }
}
