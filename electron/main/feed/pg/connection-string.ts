// The rules every postgres:// URL the notifier uses must pass (feed, access check, answers, the
// settings it saves and the CLI's --database), in one place.
import { isLoopbackHost } from '@shared/loopback-host'
import { hasRepeatedQueryParameter } from '@shared/pg-url'

/**
 * Parses a postgres:// or postgresql:// URL. The error never repeats the input: it may hold the
 * password, and a pasted secret may sit anywhere.
 */
export function parsePostgresUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error('the database connection string is not a URL; expected postgres://user@host/db')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    // Not even the scheme is repeated: a pasted password parses as one (`s3cret:…`).
    throw new Error('the database connection string must start with postgres://')
  }
  return url
}

/** pg 8 verifies the certificate fully for all of these; pg 9 will give them libpq's weaker meaning. */
const VERIFYING_SSLMODES = new Set(['allow', 'prefer', 'require', 'verify-ca', 'verify-full'])

/**
 * Checks a postgres:// URL and pins its TLS settings (docs/reliability.md, PostgreSQL session).
 * Settings that turn certificate checks off are refused, not fixed quietly; a remote host gets
 * `sslmode=verify-full`.
 * Errors never repeat the URL or any part of it: it holds the password, and a pasted secret may sit anywhere.
 */
export function checkConnectionString(raw: string, env: NodeJS.ProcessEnv = process.env): URL {
  const url = parsePostgresUrl(raw)
  // pg takes the last of a repeated parameter while every check here reads the first (shared/pg-url.ts).
  if (hasRepeatedQueryParameter(url)) {
    throw new Error('the database connection string gives a query parameter more than once; give each once')
  }
  const params = url.searchParams
  for (const [name, value] of params) {
    if (/rejectunauthorized/i.test(name) && /^(false|0|no|off)$/i.test(value)) {
      throw new Error(
        'the database connection string turns certificate checks off (rejectUnauthorized); refusing',
      )
    }
  }
  const sslmode = params.get('sslmode') ?? env.PGSSLMODE
  if (sslmode === 'no-verify' || params.get('ssl') === 'no-verify') {
    throw new Error(
      'sslmode=no-verify turns certificate checks off; refusing. Use sslmode=verify-full (with sslrootcert for a private CA)',
    )
  }
  if (sslmode !== undefined && sslmode !== 'disable' && !VERIFYING_SSLMODES.has(sslmode)) {
    throw new Error('unknown sslmode; use sslmode=verify-full')
  }
  // pg's own fallbacks when the URL names no host.
  const host = params.get('host') || decodeURIComponent(url.hostname) || env.PGHOST || 'localhost'
  const local = host.startsWith('/') || isLoopbackHost(host)
  const plaintext =
    sslmode === 'disable' || (sslmode === undefined && /^(0|false)$/.test(params.get('ssl') ?? ''))
  if (!local && plaintext) {
    throw new Error('refusing to talk to a remote database without TLS; use sslmode=verify-full')
  }
  if (sslmode === 'disable') params.set('sslmode', 'disable')
  else if (sslmode !== undefined || !local) params.set('sslmode', 'verify-full')
  return url
}
