// SSE mode: answers go to the web app's answer route with the same credentials as the stream.

import type { Answering } from '@shared/answer'
import { checkServerUrl, resolveOnServer } from '@shared/server-url'
import type { Dispatcher, Response } from 'undici'
import { z } from 'zod/mini'
import { describeError } from '../common/describe-error'
import { parseRetryAfter } from '../feed/reconnect-policy'
import { authHeaders, type SseAuth } from '../feed/sse/sse-auth'
import { undiciModule, verifyingAgent } from '../feed/verifying-agent'
import { checkAnswerRoute, ROUTE_CHECK_QUESTION_ID } from './answer-route-check'
import {
  type AnswerSender,
  type OutgoingAnswer,
  type SendResult,
  SignedOutSendError,
  TransientSendError,
} from './answer-sender'

const DEFAULT_ANSWER_PATH = '/api/questions/{id}/answer'
const REQUEST_TIMEOUT_MS = 15_000

const errorBodySchema = z.looseObject({ error: z.optional(z.string()), message: z.optional(z.string()) })

export interface HttpAnswerSenderOptions {
  serverUrl: string
  auth: SseAuth
  /** `{id}` is replaced by the question id. */
  answerPath?: string
}

export class HttpAnswerSender implements AnswerSender {
  private readonly base: URL
  private readonly path: string

  constructor(private readonly options: HttpAnswerSenderOptions) {
    this.base = checkServerUrl(options.serverUrl)
    this.path = options.answerPath ?? DEFAULT_ANSWER_PATH
    if (!this.path.includes('{id}')) throw new Error('the answer path must contain {id}')
  }

  async send(answer: OutgoingAnswer): Promise<SendResult> {
    const url = this.urlFor(answer.questionId)
    // One agent per answer, closed with it: answers are rare, and no socket outlives the send.
    const agent = await verifyingAgent()
    try {
      return await this.post(url, answer, AbortSignal.timeout(REQUEST_TIMEOUT_MS), agent)
    } finally {
      await agent.destroy().catch(() => {})
    }
  }

  /** Whether the server has the answer route, learned without answering anything; never throws. */
  async checkAnswering(signal: AbortSignal): Promise<Answering> {
    const url = this.urlFor(ROUTE_CHECK_QUESTION_ID)
    const timeout = AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)])
    return checkAnswerRoute(url, authHeaders(this.options.auth), timeout)
  }

  /** The credentials go with the request: it goes to the server's own origin or nowhere. */
  private urlFor(questionId: string): URL {
    return resolveOnServer(this.path.replace('{id}', encodeURIComponent(questionId)), this.base)
  }

  private async post(
    url: URL,
    answer: OutgoingAnswer,
    signal: AbortSignal,
    agent: Dispatcher,
  ): Promise<SendResult> {
    const { fetch } = await undiciModule.load()
    let response: Response
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': answer.idempotencyKey,
          ...authHeaders(this.options.auth),
        },
        body: JSON.stringify({ answer: answer.answer }),
        redirect: 'error',
        signal,
        dispatcher: agent,
      })
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause
      throw new TransientSendError(`could not reach the server: ${describeError(cause ?? error)}`)
    }
    const body = await readErrorBody(response)
    const said = body?.error ?? body?.message
    switch (true) {
      case response.ok:
        return { kind: 'sent' }
      case response.status === 409:
        return refused('not-open', said ?? 'The question is no longer open (answered, cancelled or expired).')
      case response.status === 422 || response.status === 400:
        return refused('invalid-option', said ?? 'The server did not accept this answer.')
      // Signed out (the session expired or was revoked): the answer waits for "Sign in again".
      case response.status === 401:
        throw new SignedOutSendError(`the server answered HTTP 401${said ? ` (${said})` : ''}`)
      case response.status === 403:
        return refused('forbidden', said ?? 'You may not answer this question (demo user or no access).')
      // A 405, or a 404 that is not our JSON, means the route itself does not exist.
      case response.status === 405 || (response.status === 404 && !body):
        return refused(
          'answer-in-web-app',
          'This server cannot take answers from the notifier; answer in Scrum4Me.',
        )
      case response.status === 404:
        return refused('not-open', said ?? 'The question no longer exists.')
      default:
        throw new TransientSendError(
          `the server answered HTTP ${response.status}`,
          parseRetryAfter(response.headers.get('retry-after'), Date.now()),
        )
    }
  }
}

function refused(reason: Extract<SendResult, { kind: 'refused' }>['reason'], message: string): SendResult {
  return { kind: 'refused', reason, message: message.slice(0, 300) }
}

/** The JSON error body of our route, or null when the reply is not ours (HTML, empty). */
async function readErrorBody(response: Response): Promise<z.infer<typeof errorBodySchema> | null> {
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('application/json')) {
    await response.body?.cancel().catch(() => {})
    return null
  }
  try {
    const parsed = errorBodySchema.safeParse(await response.json())
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
