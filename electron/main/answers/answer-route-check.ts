// Learns whether the SSE server has the answer route before anyone answers: an OPTIONS request
// for a question id no server can hold, without a body. OPTIONS is a safe method, so nothing is
// written; Next.js answers it itself for a route that exists (204 with `Allow`) and with its
// not-found page for one that does not. The mapping is in docs/protocol.md (Answering).
import type { Answering } from '@shared/answer'
import { requestStream } from '../feed/sse/stream-request'

/** Connect, and again the wait for the reply's headers; the caller's signal bounds the whole check. */
const REPLY_TIMEOUT_MS = 10_000

/** Not a cuid (those have no hyphens): even a handler that ignores the method finds no question. */
export const ROUTE_CHECK_QUESTION_ID = 'notifier-route-check'

export interface RouteCheckReply {
  status: number
  /** The `Allow` header, or null. */
  allow: string | null
  /** Whether the body is JSON: a 404 of the route itself, not the framework's not-found page. */
  json: boolean
}

export function answeringFromReply({ status, allow, json }: RouteCheckReply): Answering {
  const listsMethods = allow !== null && (status === 405 || (status >= 200 && status < 300))
  if (listsMethods) return allowsPost(allow) ? 'available' : 'web-only'
  if (status === 404 && !json) return 'web-only'
  // A CORS layer's 204, a JSON 404, signed out, a server error: the reply does not tell.
  return 'unknown'
}

function allowsPost(allow: string): boolean {
  return allow.split(',').some((method) => method.trim().toUpperCase() === 'POST')
}

/** Never throws: no reply, a redirect or a timeout leave it `unknown`. */
export async function checkAnswerRoute(
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Answering> {
  try {
    // Node's http, as the stream uses: checking must not load undici into a core that never answers.
    const response = await requestStream(url, {
      method: 'OPTIONS',
      headers,
      signal,
      timeoutMs: REPLY_TIMEOUT_MS,
    })
    const json = (response.headers.get('content-type') ?? '').includes('application/json')
    response.release()
    return answeringFromReply({ status: response.status, allow: response.headers.get('allow'), json })
  } catch {
    return 'unknown'
  }
}
