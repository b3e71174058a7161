// What the feed runs with: the connection from settings.json (settings-file.ts) plus its secret from
// the keychain, put together into a FeedConfig. Missing pieces are a state the panel shows, not a crash.

import type { ConnectionSettings } from '@shared/settings'
import type { SecretName, SecretStore } from '../credentials/secret-store'
import type { FeedConfig } from '../feed/feed-config'
import {
  DATABASE_PASSWORD,
  joinConnectionString,
  secureConnectionString,
  sseAuthOf,
  sseSecretName,
} from './connection-secrets'

export type FeedResult = { ok: true; feed: FeedConfig } | { ok: false; problem: string }

/** Never throws; a problem names what is missing, never a secret. */
export async function feedConfigOf(
  connection: ConnectionSettings | null,
  secrets: SecretStore,
): Promise<FeedResult> {
  if (!connection) return { ok: false, problem: 'no connection is set up' }
  let secret: string | null
  try {
    secret = await secrets.get(secretNameOf(connection))
  } catch (error) {
    return { ok: false, problem: (error as Error).message }
  }
  if (connection.kind === 'sse' && !secret)
    return { ok: false, problem: `the ${connection.authKind} secret is not in the keychain` }
  return buildFeedConfig(connection, secret)
}

/** The keychain entry a connection's secret lives in. */
export function secretNameOf(connection: ConnectionSettings): SecretName {
  return connection.kind === 'sse' ? sseSecretName(connection.authKind) : DATABASE_PASSWORD
}

/**
 * Settings plus their secret, as the feed takes them. Never throws. A database connection may
 * have no password: the server may trust the client certificate or the local socket.
 */
export function buildFeedConfig(connection: ConnectionSettings, secret: string | null): FeedResult {
  try {
    if (connection.kind === 'sse') {
      if (!secret) return { ok: false, problem: `no ${connection.authKind} was given` }
      // HTTP header values are bytes; a pasted token with curly quotes or € would fail on every request.
      const allowed = connection.authKind === 'cookie' ? /^[\x20-\x7e]+$/ : /^[\x21-\x7e]+$/
      if (!allowed.test(secret))
        return {
          ok: false,
          problem: `the ${connection.authKind} has characters an HTTP header cannot carry (spaces or non-ASCII); paste it again`,
        }
      return {
        ok: true,
        feed: {
          kind: 'sse',
          serverUrl: connection.serverUrl,
          auth: sseAuthOf(connection.authKind, secret, connection.cookieName),
          ...(connection.streamPath && { streamPath: connection.streamPath }),
        },
      }
    }
    const secured = secureConnectionString(connection.connectionString)
    return {
      ok: true,
      feed: {
        kind: 'pg',
        connectionString: joinConnectionString(secured, secret),
        userId: connection.userId,
      },
    }
  } catch (error) {
    return { ok: false, problem: (error as Error).message }
  }
}
