// The reminder policy on fake time: what is due when, what the toast gates hold back, and what a
// record of a sent notice (as the store keeps it across restarts) rules out for good.
import type { Settings } from '@shared/settings'
import { SETTING_DEFAULTS } from '@shared/settings'
import { describe, expect, it } from 'vitest'
import { question } from '../store/testing/fixtures'
import { decideReminders, dueNotices, type ReminderRecord } from './reminder-policy'
import type { ToastGate } from './toast-policy'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Local noon, so no quiet-hours window of the tests below covers it by accident. */
const SHOWN = new Date(2026, 0, 2, 12, 0).getTime()

/** A question first shown at SHOWN, created `ageMs` before, expiring `lifetimeMs` after creation. */
function record(
  id: string,
  {
    ageMs = 0,
    lifetimeMs = 24 * HOUR,
    ...marks
  }: Partial<ReminderRecord> & { ageMs?: number; lifetimeMs?: number } = {},
): ReminderRecord {
  const createdAt = SHOWN - ageMs
  return {
    question: {
      ...question(id),
      createdAt: new Date(createdAt).toISOString(),
      expiresAt: new Date(createdAt + lifetimeMs).toISOString(),
    },
    firstSeenAt: new Date(SHOWN).toISOString(),
    notifiedAt: new Date(SHOWN).toISOString(),
    remindedAt: null,
    expiryWarnedAt: null,
    ...marks,
  }
}

const kinds = (records: ReminderRecord[], minutes: Settings['reminderMinutes'], at: number) =>
  dueNotices(records, minutes, at).map(({ question: q, kind, settles }) => ({ id: q.id, kind, settles }))

function gate(fields: Partial<ToastGate> = {}): ToastGate {
  return { settings: SETTING_DEFAULTS, paused: false, doNotDisturb: 'off', now: new Date(SHOWN), ...fields }
}

describe('reminder policy', () => {
  it('owes one reminder once the chosen minutes have passed since the question was first shown', () => {
    const records = [record('q1')]
    expect(kinds(records, 15, SHOWN + 15 * MINUTE - 1)).toEqual([])
    expect(kinds(records, 15, SHOWN + 15 * MINUTE)).toEqual([
      { id: 'q1', kind: 'reminder', settles: ['reminder'] },
    ])
    expect(kinds(records, 5, SHOWN + 5 * MINUTE)).toHaveLength(1)
    expect(kinds(records, 60, SHOWN + 59 * MINUTE)).toEqual([])
    expect(kinds(records, 'off', SHOWN + 20 * HOUR)).toEqual([])
    // "Never" means no follow-up at all: not the expiry notice either.
    expect(kinds(records, 'off', SHOWN + 23 * HOUR + 1)).toEqual([])
  })

  it('counts from the first toast, and from its arrival when it never had one', () => {
    const late = record('q1', { notifiedAt: new Date(SHOWN + 10 * MINUTE).toISOString() })
    expect(kinds([late], 15, SHOWN + 20 * MINUTE)).toEqual([])
    expect(kinds([late], 15, SHOWN + 25 * MINUTE)).toHaveLength(1)
    const never = record('q2', { notifiedAt: null })
    expect(kinds([never], 15, SHOWN + 15 * MINUTE)).toHaveLength(1)
  })

  it('owes "expires soon" under an hour before expiry, only to questions given two hours or more', () => {
    const long = record('long', { lifetimeMs: 2 * HOUR, remindedAt: 'x' })
    const short = record('short', { lifetimeMs: 2 * HOUR - 1, remindedAt: 'x' })
    expect(kinds([long, short], 15, SHOWN + HOUR)).toEqual([])
    expect(kinds([long, short], 15, SHOWN + HOUR + 1)).toEqual([
      { id: 'long', kind: 'expiry', settles: ['expiry'] },
    ])
    expect(kinds([long], 15, SHOWN + 2 * HOUR)).toEqual([]) // expired: nothing at all
  })

  it('sends one notice, not two, when both are due at once, and settles both', () => {
    // First shown with 50 minutes left (e.g. after the app was off): the expiry notice says it all.
    const r = record('q1', { ageMs: 70 * MINUTE, lifetimeMs: 2 * HOUR })
    expect(kinds([r], 15, SHOWN + 15 * MINUTE)).toEqual([
      { id: 'q1', kind: 'expiry', settles: ['expiry', 'reminder'] },
    ])
  })

  it('never owes a notice twice: a recorded one stays settled, also after a restart', () => {
    const reminded = record('q1', { remindedAt: new Date(SHOWN + 15 * MINUTE).toISOString() })
    expect(kinds([reminded], 15, SHOWN + 16 * MINUTE)).toEqual([])
    // A shorter setting later changes nothing for a question already reminded.
    expect(kinds([reminded], 5, SHOWN + 23 * HOUR + 1)).toEqual([
      { id: 'q1', kind: 'expiry', settles: ['expiry'] },
    ])
    const both = record('q2', { remindedAt: 'x', expiryWarnedAt: 'y' })
    expect(kinds([both], 5, SHOWN + 23 * HOUR + 30 * MINUTE)).toEqual([])
  })

  it('after a restart, owes at once what fell due while the app was off', () => {
    // Shown yesterday, never reminded (the app quit five minutes after): due at the first look.
    expect(kinds([record('q1', { lifetimeMs: 3 * 24 * HOUR })], 15, SHOWN + 20 * HOUR)).toEqual([
      { id: 'q1', kind: 'reminder', settles: ['reminder'] },
    ])
  })

  it('holds back what pause, do-not-disturb, quiet hours or a mute hold back, and lets it go after', () => {
    const at = new Date(SHOWN + 20 * MINUTE)
    const records = [
      record('q1'),
      { ...record('q2'), question: { ...record('q2').question, productId: 'muted' } },
    ]
    const settings = { ...SETTING_DEFAULTS, mutedProducts: ['muted'] }
    const quiet = { ...settings, quietHours: { enabled: true, days: [5], start: '12:10', end: '13:00' } }
    const held = (g: ToastGate) => {
      const { send, held: byReason } = decideReminders(records, settings, g)
      return {
        send: send.map((n) => n.question.id),
        held: Object.fromEntries([...byReason].map(([r, ns]) => [r, ns.map((n) => n.question.id)])),
      }
    }
    expect(held(gate({ settings, now: at, paused: true }))).toEqual({
      send: [],
      held: { paused: ['q1', 'q2'] },
    })
    expect(held(gate({ settings, now: at, doNotDisturb: 'on' }))).toEqual({
      send: [],
      held: { 'do-not-disturb': ['q1', 'q2'] },
    })
    expect(held(gate({ settings: quiet, now: at }))).toEqual({
      send: [],
      held: { 'quiet-hours': ['q1', 'q2'] },
    })
    // The gate lifted: the held reminder goes out now, the muted one still waits.
    expect(held(gate({ settings, now: new Date(SHOWN + 2 * HOUR) }))).toEqual({
      send: ['q1'],
      held: { muted: ['q2'] },
    })
  })
})
