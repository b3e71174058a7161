// Reads the failure code of a Node, undici or TLS error from its `code` property, never from its
// message, so what the app concludes does not depend on how an error is worded.
import type { FailureCode } from '@shared/failure-code'
import { describeAttemptError } from '../common/describe-error'
import { isTlsErrorCode } from './tls-errors'

type SystemType = 'dns' | 'refused' | 'unreachable' | 'reset' | 'timeout'

const SYSTEM_CODES: Record<string, SystemType> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
}

/** The code of an error as Node, undici or TLS reported it; `unknown` when it has none we know. */
export function failureCodeOf(error: unknown): FailureCode {
  const system = (error as { code?: unknown } | null)?.code
  if (typeof system !== 'string') return { type: 'unknown' }
  if (isTlsErrorCode(system)) return { type: 'tls', system }
  const type = SYSTEM_CODES[system]
  return type ? { type, system } : { type: 'unknown', system }
}

/** An attempt that failed on its own, or that we gave up on: once aborted, the abort is the cause. */
export function attemptFailure(
  error: unknown,
  signal: AbortSignal,
): { kind: 'failure'; reason: string; code: FailureCode } {
  const reason = describeAttemptError(error, signal)
  return { kind: 'failure', reason, code: signal.aborted ? { type: 'aborted' } : failureCodeOf(error) }
}
