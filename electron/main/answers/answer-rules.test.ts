import { offeredOptions } from '@shared/answer-options'
import { describe, expect, it } from 'vitest'
import { checkAnswer } from './answer-rules'

describe('checkAnswer', () => {
  it('takes one of the options exactly, or non-empty free text', () => {
    expect(checkAnswer(['Ja', 'Nee'], { kind: 'option', option: 'Ja' })).toBeNull()
    expect(checkAnswer(['Ja', 'Nee'], { kind: 'text', text: 'Misschien' })).toMatchObject({
      reason: 'invalid-option',
    })
    expect(checkAnswer(null, { kind: 'text', text: 'Misschien' })).toBeNull()
    expect(checkAnswer(null, { kind: 'text', text: ' ' })).toMatchObject({ reason: 'invalid-option' })
  })

  it('sends nothing for a question with an option too long to show whole: it is answered in Scrum4Me', () => {
    // The server compares the answer with the full option, so the cut text would be refused (SSE)
    // or stored as an answer nobody offered (PostgreSQL).
    const { options } = offeredOptions(['Ja', 'y'.repeat(5000)])
    for (const option of options ?? []) {
      expect(checkAnswer(options, { kind: 'option', option }), option.slice(0, 8)).toMatchObject({
        kind: 'refused',
        reason: 'answer-in-web-app',
      })
    }
    const whole = offeredOptions(['Ja', 'y'.repeat(500)]).options
    expect(checkAnswer(whole, { kind: 'option', option: 'y'.repeat(500) })).toBeNull()
  })
})
