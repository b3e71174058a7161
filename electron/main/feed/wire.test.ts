import { describe, expect, it } from 'vitest'
import { parseChange, parseQuestions } from './wire'

const row = {
  id: 'q1',
  product_id: 'p1',
  story_id: 's1',
  task_id: null,
  story_code: 'ST-101',
  story_title: 'Login',
  assignee_id: 'u1',
  question: 'Welke aanpak?',
  options: ['A', 'B'],
  created_at: '2026-11-29T10:00:00.000Z',
  expires_at: '2026-11-30T10:00:00.000Z',
}

describe('parseChange', () => {
  it('accepts a question change and keeps its ids and status', () => {
    const parsed = parseChange(
      JSON.stringify({ op: 'U', entity: 'question', id: 'q1', product_id: 'p1', status: 'answered' }),
    )
    expect(parsed).toMatchObject({ kind: 'question', change: { id: 'q1', status: 'answered' } })
  })

  it('tells foreign payloads (other entities, app messages) from garbage', () => {
    expect(parseChange('{"op":"U","entity":"task","id":"t1","product_id":"p1"}')).toEqual({ kind: 'foreign' })
    expect(parseChange('{"type":"claude_job_enqueued","job_id":"j1"}')).toEqual({ kind: 'foreign' })
    expect(parseChange('{not json}')).toMatchObject({ kind: 'invalid', reason: 'malformed JSON' })
    expect(parseChange('[1,2]')).toMatchObject({ kind: 'invalid' })
    expect(parseChange('{"id":"x"}')).toMatchObject({ kind: 'invalid' })
    expect(parseChange('{"entity":"question","id":"x"}')).toMatchObject({ kind: 'invalid' })
  })
})

describe('parseQuestions', () => {
  it('maps the wire row to a Question', () => {
    const { questions, rejected } = parseQuestions([row])
    expect(rejected).toEqual([])
    expect(questions[0]).toMatchObject({
      id: 'q1',
      productId: 'p1',
      storyCode: 'ST-101',
      text: 'Welke aanpak?',
      options: ['A', 'B'],
      context: null,
      ideaId: null,
      expiresAt: '2026-11-30T10:00:00.000Z',
    })
  })

  it('keeps good rows when one is bad, and says why the bad one was skipped', () => {
    const { questions, rejected } = parseQuestions([
      row,
      { ...row, id: '' },
      { ...row, id: 'q3', expires_at: 'x' },
    ])
    expect(questions.map((q) => q.id)).toEqual(['q1'])
    expect(rejected).toHaveLength(2)
  })

  it('turns option objects into context, drops blank options and makes unusable lists free text', () => {
    const conflict = { sprint_run_id: 'r1', pr_url: 'https://example.com/pr/1', conflict_files: ['a.ts'] }
    const [withContext, withBlank, allBlank, withNumbers] = parseQuestions([
      { ...row, id: 'a', options: conflict },
      { ...row, id: 'b', options: ['A', ' '] },
      { ...row, id: 'c', options: ['', ' '] },
      { ...row, id: 'd', options: [1, 2] },
    ]).questions
    expect(withContext).toMatchObject({ options: null, context: conflict })
    expect(withBlank).toMatchObject({ options: ['A'], context: null })
    expect(allBlank).toMatchObject({ options: null, context: null })
    expect(withNumbers).toMatchObject({ options: null, context: null })
  })

  it('cuts every over-long text field, keeps the question and says which fields were cut', () => {
    const huge = 'x'.repeat(5_000_000)
    const { questions, rejected, cut } = parseQuestions([
      row,
      {
        ...row,
        id: 'big',
        product_name: huge,
        story_code: huge,
        story_title: huge,
        idea_code: huge,
        idea_title: huge,
        question: huge,
        options: ['A', huge],
      },
      { ...row, id: 'ctx', options: { pr_url: 'https://example.com/pr/1', conflict_files: [huge] } },
    ])
    expect(rejected).toEqual([])
    expect(questions.map((q) => q.id)).toEqual(['q1', 'big', 'ctx'])
    const big = questions[1]
    expect(big?.productName).toHaveLength(200)
    expect(big?.storyCode).toHaveLength(64)
    expect(big?.ideaCode).toHaveLength(64)
    expect(big?.storyTitle).toHaveLength(500)
    expect(big?.ideaTitle).toHaveLength(500)
    expect(big?.text).toHaveLength(4000)
    expect(big?.options).toEqual(['A', 'x'.repeat(501)])
    // An oversized context cannot be cut sensibly: the question stays, without it.
    expect(questions[2]).toMatchObject({ options: null, context: null })
    expect(JSON.stringify(questions).length).toBeLessThan(20_000)
    expect(cut).toEqual([
      {
        id: 'big',
        fields: [
          'product_name',
          'story_code',
          'story_title',
          'idea_code',
          'idea_title',
          'question',
          'options',
        ],
      },
      { id: 'ctx', fields: ['options (context)'] },
    ])
  })

  it('never cuts a character in half', () => {
    const [question] = parseQuestions([{ ...row, question: `${'x'.repeat(3999)}😀` }]).questions
    expect(question?.text).toBe('x'.repeat(3999))
  })

  it('refuses a question whose ids are not ids, keeping the others', () => {
    const { questions, rejected } = parseQuestions([row, { ...row, id: 'q2', story_id: 's'.repeat(1000) }])
    expect(questions.map((q) => q.id)).toEqual(['q1'])
    expect(rejected).toHaveLength(1)
  })

  it('cuts question text at 4000 characters and keeps hostile text as plain data', () => {
    const hostile = `<img src=x onerror=alert(1)>${'x'.repeat(5000)}`
    const [question] = parseQuestions([{ ...row, question: hostile }]).questions
    expect(question?.text).toHaveLength(4000)
    expect(question?.text.startsWith('<img src=x onerror=alert(1)>')).toBe(true)
  })
})
