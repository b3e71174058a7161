import { MAX_OPTION_CHARS } from '@shared/answer-options'
import type { PanelQuestion } from '@shared/ipc/panel-state'
import { describe, expect, it } from 'vitest'
import { canAnswer } from './can-answer'

const item = (options: string[] | null): PanelQuestion => ({
  question: {
    id: 'q1',
    productId: 'p1',
    productName: 'Notifier',
    storyId: null,
    storyCode: null,
    storyTitle: null,
    taskId: null,
    ideaId: null,
    ideaCode: null,
    ideaTitle: null,
    assigneeId: null,
    text: 'Which one?',
    options,
    context: null,
    createdAt: '2026-12-01T08:00:00.000Z',
    expiresAt: '2026-12-02T08:00:00.000Z',
  },
  progress: null,
  webUrl: null,
})
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
