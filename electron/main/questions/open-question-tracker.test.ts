import type { Question } from '@shared/question'
import { describe, expect, it } from 'vitest'
import { OpenQuestionTracker } from './open-question-tracker'

const NOW = Date.parse('2026-11-29T10:00:00Z')

function question(id: string, expiresInMs = 3_600_000): Question {
  return {
    id,
    productId: 'p1',
    productName: null,
    storyId: 's1',
    storyCode: 'ST-1',
    storyTitle: 'Story',
    taskId: null,
    ideaId: null,
    ideaCode: null,
    ideaTitle: null,
    assigneeId: null,
    text: `question ${id}`,
    options: ['Ja', 'Nee'],
    context: null,
    createdAt: new Date(NOW - 1000).toISOString(),
    expiresAt: new Date(NOW + expiresInMs).toISOString(),
  }
}

describe('OpenQuestionTracker', () => {
  it('reports a question once, however often snapshots and updates replay it', () => {
    const tracker = new OpenQuestionTracker(() => NOW)
    expect(tracker.apply({ kind: 'snapshot', questions: [question('a'), question('b')] })).toHaveLength(2)
    expect(tracker.apply({ kind: 'snapshot', questions: [question('a'), question('b')] })).toEqual([])
    expect(tracker.apply({ kind: 'opened', question: question('a') })).toEqual([])
    expect(tracker.apply({ kind: 'opened', question: question('c') })).toEqual([
      { type: 'question', question: question('c') },
    ])
  })

  it('closes questions missing from a snapshot, and those that left with a status', () => {
    const tracker = new OpenQuestionTracker(() => NOW)
    tracker.apply({ kind: 'snapshot', questions: [question('a'), question('b'), question('c')] })
    expect(tracker.apply({ kind: 'left', id: 'a', status: 'answered' })).toEqual([
      { type: 'closed', id: 'a', status: 'answered' },
    ])
    expect(tracker.apply({ kind: 'left', id: 'a', status: 'answered' })).toEqual([])
    expect(tracker.apply({ kind: 'snapshot', questions: [question('c')] })).toEqual([
      { type: 'closed', id: 'b', status: 'closed' },
    ])
  })

  it('expires questions locally when their time is up', () => {
    let now = NOW
    const tracker = new OpenQuestionTracker(() => now)
    tracker.apply({ kind: 'snapshot', questions: [question('a', 1000), question('b')] })
    expect(tracker.expire()).toEqual([])
    now += 1000
    expect(tracker.expire()).toEqual([{ type: 'closed', id: 'a', status: 'expired' }])
    expect(tracker.apply({ kind: 'opened', question: question('z', -1) })).toEqual([])
    expect(tracker.questions.map((q) => q.id)).toEqual(['b'])
  })
})
