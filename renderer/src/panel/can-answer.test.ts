import { MAX_OPTION_CHARS } from '@shared/answer-options'
import { describe, expect, it } from 'vitest'
import { canAnswer } from './can-answer'
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
