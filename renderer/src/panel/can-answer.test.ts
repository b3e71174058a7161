import type { RefusalReason } from '@shared/answer'
import { MAX_OPTION_CHARS } from '@shared/answer-options'
import type { PanelQuestion } from '@shared/ipc/panel-state'
import { describe, expect, it } from 'vitest'
import { answersInWebApp, canAnswer, canAnswerHere } from './can-answer'
import { panelItem } from './testing/panel-item'

const item = (options: string[] | null) => panelItem('q1', 0, { options })
const idle = { isHandingOver: () => false }

describe('canAnswer', () => {
  it('takes options and free text here', () => {
    expect(canAnswer(item(['Ja', 'Nee']), idle)).toBe(true)
    expect(canAnswer(item(null), idle)).toBe(true)
  })

  it('leaves a question whose option was cut to Scrum4Me: the cut text is not the option', () => {
    const cut = 'x'.repeat(MAX_OPTION_CHARS + 1)
    expect(canAnswer(item(['Ja', cut]), idle)).toBe(false)
    expect(canAnswer(item(['Ja', 'x'.repeat(MAX_OPTION_CHARS)]), idle)).toBe(true)
  })

  it('never answers twice at once', () => {
    expect(canAnswer(item(['Ja']), { isHandingOver: () => true })).toBe(false)
  })
})

describe('answering where the server takes no answers', () => {
  const refused = (reason: RefusalReason): PanelQuestion => ({
    ...item(null),
    progress: { state: 'refused', answer: { kind: 'text', text: 'Ja' }, reason, message: '' },
  })

  it('sends nothing from the notifier once the server is known to be web-only', () => {
    expect(canAnswerHere(item(['Ja']), idle, 'web-only')).toBe(false)
    expect(canAnswerHere(item(['Ja']), idle, 'unknown')).toBe(true)
    expect(canAnswerHere(item(['Ja']), idle, 'available')).toBe(true)
  })

  it('points to Scrum4Me for a question still waiting, or just refused for that reason', () => {
    expect(answersInWebApp(item(['Ja']), idle, 'web-only')).toBe(true)
    expect(answersInWebApp(refused('answer-in-web-app'), idle, 'web-only')).toBe(true)
    expect(answersInWebApp(refused('invalid-option'), idle, 'web-only')).toBe(true)
    expect(answersInWebApp(refused('not-open'), idle, 'web-only')).toBe(false)
    expect(answersInWebApp(item(['Ja']), idle, 'unknown')).toBe(false)
  })
})
