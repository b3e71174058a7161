// Whether a new question may become a toast. The policy gates the toast only: the question is
// already in the cache and the panel, and the tray counts it, whatever is decided here.
//
// A question held back is recorded as notified all the same, so that it never toasts later: when
// quiet hours end, a pause runs out or a Focus is switched off, nobody wants a storm of questions
// that are by then hours old. The tray count and the panel show them; they stay unseen there.
import type { Question } from '@shared/question'
import type { Settings } from '@shared/settings'
import type { DoNotDisturb } from './do-not-disturb'
import { inQuietHours } from './quiet-hours'

/** The settings that shape toasts; read afresh for every batch, since the user may change them. */
export type ToastSettings = Pick<
  Settings,
  'sound' | 'quietHours' | 'mutedProducts' | 'showQuestionText' | 'reminderMinutes' | 'keepNotifications'
>

export type HoldReason = 'paused' | 'do-not-disturb' | 'quiet-hours' | 'muted'

export interface ToastGate {
  settings: ToastSettings
  paused: boolean
  /** 'unknown' (the OS cannot tell us) lets toasts through: the OS still applies its own rules. */
  doNotDisturb: DoNotDisturb
  now: Date
}

/** Why this question may not toast now, or null when it may. */
export function holdReason(question: Pick<Question, 'productId'>, gate: ToastGate): HoldReason | null {
  if (gate.paused) return 'paused'
  if (gate.doNotDisturb === 'on') return 'do-not-disturb'
  if (inQuietHours(gate.settings.quietHours, gate.now)) return 'quiet-hours'
  if (gate.settings.mutedProducts.includes(question.productId)) return 'muted'
  return null
}
