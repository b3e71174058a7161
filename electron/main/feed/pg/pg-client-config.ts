// The one way the notifier configures a PostgreSQL connection (feed, access check, answers): the
// connection string's rules from checkConnectionString, and TLS that verifies the certificate
// whatever NODE_TLS_REJECT_UNAUTHORIZED says.
import { readFileSync } from 'node:fs'
import type { ConnectionOptions } from 'node:tls'
import type pg from 'pg'
import { checkConnectionString } from './connection-string'

export interface PgSessionSettings
  extends Omit<pg.ClientConfig, 'connectionString' | 'ssl' | 'application_name'> {
  /** Shown in `pg_stat_activity`. */
  applicationName: string
}

/** Connection string parameters that choose TLS; pg would turn them into an `ssl` that overrides ours. */
const TLS_PARAMS = ['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat', 'sslnegotiation']
const TLS_FILES = { ca: 'sslrootcert', cert: 'sslcert', key: 'sslkey' } as const

/**
 * Throws a message meant for the user, without the password, for a connection string that is
 * refused or a certificate file that cannot be read.
 */
export function pgClientConfig(
  raw: string,
  settings: PgSessionSettings,
  env: NodeJS.ProcessEnv = process.env,
): pg.ClientConfig {
  const { applicationName, ...rest } = settings
  const url = checkConnectionString(raw, env)
  const params = url.searchParams
  const ssl = tlsOptions(params)
  const sslnegotiation = params.get('sslnegotiation') as pg.ClientConfig['sslnegotiation'] | null
  for (const name of TLS_PARAMS) params.delete(name)
  // The URL's parameters override pg's config object, so the name is written into the URL.
  params.set('application_name', applicationName)
  return { ...rest, connectionString: url.href, ssl, ...(sslnegotiation && { sslnegotiation }) }
}

/** checkConnectionString leaves `sslmode` as `disable`, `verify-full` or (this machine only) unset. */
function tlsOptions(params: URLSearchParams): false | ConnectionOptions {
  const sslmode = params.get('sslmode')
  const ssl = params.get('ssl')
  const files = Object.entries(TLS_FILES).filter(([, param]) => params.has(param))
  const wanted =
    sslmode === 'verify-full' ||
    (sslmode === null && ((ssl !== null && !/^(0|false)$/.test(ssl)) || files.length > 0))
  if (!wanted) return false
  const options: ConnectionOptions = { rejectUnauthorized: true }
  for (const [option, param] of files) {
    const path = params.get(param) as string
    try {
      options[option as keyof typeof TLS_FILES] = readFileSync(path, 'utf8')
    } catch (error) {
      throw new Error(`cannot read ${param} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)
    }
  }
  return options
}
