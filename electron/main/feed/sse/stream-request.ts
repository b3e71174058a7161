// The stream's one GET, on Node's own http/https (its HTTP parser is native). undici's fetch would
// load ~17 MB of JavaScript and compile a WebAssembly HTTP parser (a ~30 MB peak) for one request
// that stays open for minutes; see bench/core-memory.ts.
import http from 'node:http'
import https from 'node:https'
import { Readable } from 'node:stream'

export interface StreamRequestOptions {
  /** GET unless said otherwise (the answer-route check asks with OPTIONS). */
  method?: 'GET' | 'OPTIONS'
  headers: Record<string, string>
  signal: AbortSignal
  /** TCP + TLS connect, and again the wait for the response headers. */
  timeoutMs: number
}

export interface StreamResponse {
  status: number
  headers: { get(name: string): string | null }
  body: ReadableStream<Uint8Array>
  /** Destroys the request and its socket; nothing outlives it. */
  release(): void
}

/** A response status that redirects; never followed, as it could carry the credentials elsewhere. */
const REDIRECTS = new Set([301, 302, 303, 307, 308])

export class RedirectRefused extends Error {
  constructor(status: number) {
    super(`the server answered a redirect (HTTP ${status}); not following it`)
    this.name = 'RedirectRefused'
  }
}

/** Rejects with Node's error (its `code` says what failed), ETIMEDOUT, or `RedirectRefused`. */
export function requestStream(url: URL, options: StreamRequestOptions): Promise<StreamResponse> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    // agent: false gives the request a socket of its own, destroyed with it. rejectUnauthorized is
    // explicit, so NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment cannot switch verification off.
    const request = client.request(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: false,
      rejectUnauthorized: true,
      signal: options.signal,
    })
    let timer = setTimeout(() => timedOut('connect'), options.timeoutMs)
    function timedOut(what: string) {
      request.destroy(Object.assign(new Error(`${what} timed out`), { code: 'ETIMEDOUT' }))
    }
    request.once('socket', (socket) => {
      socket.setKeepAlive(true, 10_000)
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer)
        timer = setTimeout(() => timedOut('waiting for the response headers'), options.timeoutMs)
      })
    })
    request.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    request.once('response', (response) => {
      clearTimeout(timer)
      const status = response.statusCode ?? 0
      if (REDIRECTS.has(status)) {
        request.destroy()
        reject(new RedirectRefused(status))
        return
      }
      resolve({
        status,
        headers: { get: (name) => headerValue(response.headers[name.toLowerCase()]) },
        body: Readable.toWeb(response) as ReadableStream<Uint8Array>,
        release: () => request.destroy(),
      })
    })
    request.end()
  })
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null
  return Array.isArray(value) ? value.join(', ') : value
}
