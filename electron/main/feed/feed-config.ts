// Which feed to run, as chosen by the user (settings in the app, flags in the CLI).
import { z } from 'zod'
import type { ReconnectPolicy } from './reconnect-policy'
import type { SseAuth } from './sse/sse-auth'

export type FeedConfig =
  | { kind: 'sse'; serverUrl: string; auth: SseAuth; streamPath?: string }
  | { kind: 'pg'; connectionString: string; userId: string }

/** What in a feed config must never reach a log line: the token, the cookie, the database password. */
export function secretsOf(feed: FeedConfig): string[] {
  if (feed.kind === 'sse') return [feed.auth.kind === 'cookie' ? feed.auth.cookie : feed.auth.token]
  if (!URL.canParse(feed.connectionString)) return []
  const url = new URL(feed.connectionString)
  return [decodeURIComponent(url.password), url.searchParams.get('password') ?? ''].filter(Boolean)
}

/**
 * Timing overrides. Production uses the defaults in docs/reliability.md; tests scale them down
 * (a 3 s planned close instead of 240 s) so fault scenarios run in seconds.
 */
export const feedTimingSchema = z
  .object({
    policy: z
      .object({
        baseMs: z.number().positive(),
        capMs: z.number().positive(),
        floorMs: z.number().nonnegative(),
        connectTimeoutMs: z.number().positive(),
        healthyAfterMs: z.number().positive(),
        suspendAfterMs: z.number().positive(),
        recheckFatalMs: z.number().positive(),
        nudgeMinIntervalMs: z.number().nonnegative(),
        reconnectGraceMs: z.number().nonnegative(),
      })
      .partial() satisfies z.ZodType<Partial<ReconnectPolicy>>,
    sse: z
      .object({
        idleTimeoutMs: z.number().positive(),
        watchdogTickMs: z.number().positive(),
        plannedLifetimeMs: z.number().positive(),
        refreshSpreadMs: z.number().nonnegative(),
      })
      .partial(),
    pg: z
      .object({
        heartbeatMs: z.number().positive(),
        heartbeatTimeoutMs: z.number().positive(),
      })
      .partial(),
  })
  .partial()
export type FeedTiming = z.infer<typeof feedTimingSchema>
