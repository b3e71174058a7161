// Which feed to run, as chosen by the user (settings in the app, flags in the CLI).
import { z } from 'zod/mini'
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
// zod/mini, as in wire.ts: the headless core loads this, and the full API costs it memory.
const positive = z.number().check(z.positive())
const nonnegative = z.number().check(z.nonnegative())
export const feedTimingSchema = z.partial(
  z.object({
    policy: z.partial(
      z.object({
        baseMs: positive,
        capMs: positive,
        floorMs: nonnegative,
        connectTimeoutMs: positive,
        healthyAfterMs: positive,
        suspendAfterMs: positive,
        recheckFatalMs: positive,
        nudgeMinIntervalMs: nonnegative,
        reconnectGraceMs: nonnegative,
      }),
    ) satisfies z.ZodMiniType<Partial<ReconnectPolicy>>,
    sse: z.partial(
      z.object({
        idleTimeoutMs: positive,
        watchdogTickMs: positive,
        plannedLifetimeMs: positive,
        refreshSpreadMs: nonnegative,
      }),
    ),
    pg: z.partial(
      z.object({
        heartbeatMs: positive,
        heartbeatTimeoutMs: positive,
      }),
    ),
  }),
)
export type FeedTiming = z.infer<typeof feedTimingSchema>
