// SCRUM4ME_NOTIFIER_TIMING: a test and tuning hook of JSON timing overrides (see README, "Timing overrides").
import { type FeedTiming, feedTimingSchema } from '../electron/main/feed/feed-config'
import { UsageError } from './args'

const TIMING_ENV = 'SCRUM4ME_NOTIFIER_TIMING'

export function readTiming(env: NodeJS.ProcessEnv = process.env): FeedTiming | undefined {
  const raw = env[TIMING_ENV]
  if (!raw) return undefined
  // Fixed messages: JSON.parse and zod quote the value, and it may be a secret set in the wrong variable.
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new UsageError(`${TIMING_ENV} is not valid JSON`)
  }
  const timing = feedTimingSchema.safeParse(json)
  if (!timing.success) throw new UsageError(`${TIMING_ENV} does not match the timing settings (see README)`)
  return timing.data
}
