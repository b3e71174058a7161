// The SSE test server's fault plan: what the next stream requests get instead of a healthy stream.
import { z } from 'zod'
import type { AnswerRouteFaults } from './answer-route'

const streamFaultSchema = z.discriminatedUnion('kind', [
  /** Any status instead of the stream (503 with Retry-After, 429, 401, 403, 204, 404, 500, …). Before auth. */
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(200).max(599),
    retryAfter: z.string().optional(),
    body: z.string().optional(),
  }),
  /** 200 with `text/html`, like a captive portal. Before auth. */
  z.object({ kind: z.literal('html') }),
  /** 200 stream headers, then EOF before LISTEN and the snapshot. */
  z.object({ kind: z.literal('eofBeforeSnapshot') }),
  /** A clean EOF `ms` after the headers, whatever the lifetime. */
  z.object({ kind: z.literal('endAfter'), ms: z.number().int().nonnegative() }),
  /** After the snapshot, half an event (default `data: {"id":17,`), then the socket is destroyed. */
  z.object({ kind: z.literal('partialEvent'), text: z.string().optional() }),
  /** Raw text written after the snapshot, as-is: malformed JSON, schema-invalid events, `retry:` fields. */
  z.object({ kind: z.literal('extraFrames'), frames: z.array(z.string()) }),
  /** After the snapshot, the last `count` data frames the user's previous stream forwarded, again. */
  z.object({ kind: z.literal('replay'), count: z.number().int().positive() }),
  /** `event: error` (default message 'pg connect failed') instead of the snapshot, then EOF. */
  z.object({ kind: z.literal('errorEvent'), message: z.string().optional() }),
])

export const faultSettingsSchema = z.object({
  /** Replaces the queue: one entry per stream request, in order; `times` repeats an entry (default 1). */
  next: z
    .array(z.intersection(streamFaultSchema, z.object({ times: z.number().int().positive().optional() })))
    .optional(),
  /** Live streams keep their heartbeats but forward no more data frames (server logic stuck). */
  suppressData: z.boolean().optional(),
  /** The answer route: missing (404 HTML), and how many replies to drop after committing. */
  answerRoute: z
    .object({ missing: z.boolean().optional(), dropResponses: z.number().int().nonnegative().optional() })
    .optional(),
})

export type StreamFault = z.infer<typeof streamFaultSchema>
export type FaultSettings = z.infer<typeof faultSettingsSchema>

export class FaultPlan {
  private queue: Array<{ fault: StreamFault; left: number }> = []
  suppressData = false
  readonly answerRoute: AnswerRouteFaults = { missing: false, dropResponses: 0 }

  set(settings: FaultSettings): void {
    if (settings.next) {
      this.queue = settings.next.map(({ times, ...fault }) => ({
        fault: fault as StreamFault,
        left: times ?? 1,
      }))
    }
    if (settings.suppressData !== undefined) this.suppressData = settings.suppressData
    if (settings.answerRoute?.missing !== undefined) this.answerRoute.missing = settings.answerRoute.missing
    if (settings.answerRoute?.dropResponses !== undefined) {
      this.answerRoute.dropResponses = settings.answerRoute.dropResponses
    }
  }

  clear(): void {
    this.queue = []
    this.suppressData = false
    this.answerRoute.missing = false
    this.answerRoute.dropResponses = 0
  }

  /** The fault for the stream request arriving now, if any; consumes it. */
  take(): StreamFault | undefined {
    const head = this.queue[0]
    if (!head) return undefined
    head.left -= 1
    if (head.left === 0) this.queue.shift()
    return head.fault
  }
}
