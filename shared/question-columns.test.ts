import { describe, expect, it } from 'vitest'
import type { Question } from './question'
import { QUESTION_COLUMNS, questionFromColumns, questionToColumns } from './question-columns'

const question: Question = {
  id: 'q1',
  productId: 'prd_1',
  productName: 'Scrum4Me',
  storyId: 'sty_1',
  storyCode: 'ST-1',
  storyTitle: 'Inloggen',
  taskId: null,
  ideaId: 'idea_1',
  ideaCode: 'ID-1',
  ideaTitle: 'Donkere modus',
  assigneeId: 'usr_1',
  text: 'Mag dit weg?',
  options: ['Ja', 'Nee'],
  context: null,
  createdAt: '2026-11-30T08:00:00.000Z',
  expiresAt: '2026-12-01T08:00:00.000Z',
}

describe('question columns', () => {
  it('renames every field to snake_case and back, keeping the fields in order', () => {
    const row = questionToColumns(question)
    expect(row).toMatchObject({
      product_id: 'prd_1',
      story_code: 'ST-1',
      assignee_id: 'usr_1',
      text: 'Mag dit weg?',
    })
    expect(Object.keys(row)).toEqual(Object.values(QUESTION_COLUMNS))
    const back = questionFromColumns({ ...row, status: 'open' } as typeof row)
    expect(back).toEqual(question)
    // The CLI prints questions as JSON: the same order as always.
    expect(JSON.stringify(back)).toBe(JSON.stringify(question))
  })
})
