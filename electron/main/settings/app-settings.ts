// What the app runs with: settings.json (settings-file.ts) plus the connection's secret from the
// keychain, put together into a FeedConfig. Missing pieces are a state the panel shows, not a crash.

import type { ConnectionSettings, Settings } from '@shared/settings'
import type { SecretName, SecretStore } from '../credentials/secret-store'
import type { FeedConfig } from '../feed/feed-config'
import type { Logger } from '../log/logger'
import {
  DATABASE_PASSWORD,
  joinConnectionString,
  secureConnectionString,
  sseAuthOf,
  sseSecretName,
} from './connection-secrets'
import { loadSettingsFile } from './settings-file'

export type FeedResult = { ok: true; feed: FeedConfig } | { ok: false; problem: string }

export interface AppSettings {
  settings: Settings
  feed: FeedResult
}

export async function loadAppSettings(path: string, secrets: SecretStore, log: Logger): Promise<AppSettings> {
  const { settings } = loadSettingsFile(path, log)
  return { settings, feed: await feedConfigOf(settings.connection, secrets) }
}

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

/** The web app's origin: the only place "Open in Scrum4Me" may go. Unknown in pg mode. */
export function webAppOrigin(feed: FeedConfig | null): string | null {
  return feed?.kind === 'sse' ? new URL(feed.serverUrl).origin : null
}
