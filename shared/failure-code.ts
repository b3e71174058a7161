// How a connection failed, as a value code can decide on: the setup view's explanation, the
// diagnostics' last error and the log fields read this. The reason text beside it is for people
// and may be reworded without changing what the app concludes.

/** The PostgreSQL statement an error answered: the startup, our LISTEN, or a query. */
export type PgStep = 'connect' | 'listen' | 'query'

export type FailureCode =
  /** The host name does not resolve (`system`: ENOTFOUND, EAI_AGAIN, …). */
  | { type: 'dns'; system: string }
  /** Nothing listens at that address (ECONNREFUSED). */
  | { type: 'refused'; system: string }
  /** No route to the host, or no network (EHOSTUNREACH, ENETDOWN, …). */
  | { type: 'unreachable'; system: string }
  /** The connection broke under us: reset, aborted, a broken pipe, pg's "terminated unexpectedly". */
  | { type: 'reset'; system?: string }
  /** No answer in time: the connect, the response headers, a query. */
  | { type: 'timeout'; system?: string }
  /** The TLS handshake or the certificate failed (`system` names it), or the server offers no TLS. */
  | { type: 'tls'; system?: string }
  /** The SSE server answered with this HTTP status. */
  | { type: 'http'; status: number }
  /** The SSE server redirected the stream; redirects are never followed. */
  | { type: 'redirect' }
  /** A 200 that is not an event stream: a captive portal or a login page. */
  | { type: 'not-event-stream' }
  | { type: 'no-body' }
  /** The SSE server sent `event: error`. */
  | { type: 'server-error-event' }
  | { type: 'ended-before-snapshot' }
  | { type: 'invalid-snapshot' }
  /** An SSE event larger than the parser's buffer. */
  | { type: 'event-too-large' }
  /** Clean closes soon after connecting, several in a row (the engine's hot-loop guard). */
  | { type: 'ended-early' }
  /** No byte for the idle watchdog's time. */
  | { type: 'idle' }
  /** PostgreSQL refused with this SQLSTATE. */
  | { type: 'sqlstate'; sqlstate: string; during: PgStep }
  /** The database ended our session. */
  | { type: 'closed' }
  /** The database no longer has our LISTEN. */
  | { type: 'listen-lost' }
  /** The settings cannot be used as they are (an unreadable certificate file, nothing set up). */
  | { type: 'settings' }
  /** We stopped waiting (the attempt's signal) before the server said anything. */
  | { type: 'aborted' }
  /** An error without a code we know; `system` is its code when it has one. */
  | { type: 'unknown'; system?: string }
