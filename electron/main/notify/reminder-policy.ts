// Which open questions are owed a notice now. A question gets at most two, once each: a reminder
// (still open `reminderMinutes` after it was first shown) and an "expires soon" notice (under an
// hour left, for questions that were given at least two hours); 'off' means neither. The store
// records each one sent.
//
// A notice the toast policy holds back (pause, do-not-disturb, quiet hours, mute) is not recorded:
// it goes out once the gate lifts, if the question is still open and the notice still holds.
// Unlike a held first toast, that is at most one per question, and several arrive as one summary.
import type { Question } from '@shared/question'
import type { Settings } from '@shared/settings'
import type { QuestionRecord, ReminderKind } from '../store/question-store'
import { type HoldReason, holdReason, type ToastGate } from './toast-policy'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
/** A question with less time than this in all gets no "expires soon" notice: it was urgent from the start. */
const EXPIRY_NOTICE_MIN_LIFETIME_MS = 2 * HOUR_MS
const EXPIRY_NOTICE_LEAD_MS = HOUR_MS

export type ReminderRecord = Pick<
  QuestionRecord,
  'question' | 'firstSeenAt' | 'notifiedAt' | 'remindedAt' | 'expiryWarnedAt'
>

export interface DueNotice {
  question: Question
  /** What the notification says; 'expiry' when both are due, since it is the more urgent. */
  kind: ReminderKind
  /** Every notice this one settles: both, when both were due at once. */
  settles: ReminderKind[]
}

export interface ReminderDecision {
  send: DueNotice[]
  held: Map<HoldReason, DueNotice[]>
}

/** When the question was first put in front of the user: its toast (or the held toast), else its arrival. */
export function firstShownAt(record: ReminderRecord): number {
  return Date.parse(record.notifiedAt ?? record.firstSeenAt)
}

/** The notices owed now, before any gate. */
export function dueNotices(
  records: readonly ReminderRecord[],
  reminderMinutes: Settings['reminderMinutes'],
  now: number,
): DueNotice[] {
  // "Never" asks for no follow-up at all, the expiry notice included.
  if (reminderMinutes === 'off') return []
  return records.flatMap((record): DueNotice[] => {
    const expiresAt = Date.parse(record.question.expiresAt)
    if (expiresAt <= now) return []
    const settles: ReminderKind[] = []
    if (isExpiryDue(record, expiresAt, now)) settles.push('expiry')
    if (isReminderDue(record, reminderMinutes, now)) settles.push('reminder')
    const [kind] = settles
    return kind ? [{ question: record.question, kind, settles }] : []
  })
}

/** The due notices split into those that may go out now and those the toast policy holds back. */
export function decideReminders(
  records: readonly ReminderRecord[],
  settings: Pick<Settings, 'reminderMinutes'>,
  gate: ToastGate,
): ReminderDecision {
  const decision: ReminderDecision = { send: [], held: new Map() }
  for (const notice of dueNotices(records, settings.reminderMinutes, gate.now.getTime())) {
    const reason = holdReason(notice.question, gate)
    if (reason === null) decision.send.push(notice)
    else decision.held.set(reason, [...(decision.held.get(reason) ?? []), notice])
  }
  return decision
}

function isReminderDue(record: ReminderRecord, minutes: number, now: number): boolean {
  return record.remindedAt === null && now >= firstShownAt(record) + minutes * MINUTE_MS
}

function isExpiryDue(record: ReminderRecord, expiresAt: number, now: number): boolean {
  if (record.expiryWarnedAt !== null) return false
  const lifetime = expiresAt - Date.parse(record.question.createdAt)
  return lifetime >= EXPIRY_NOTICE_MIN_LIFETIME_MS && expiresAt - now < EXPIRY_NOTICE_LEAD_MS
}
