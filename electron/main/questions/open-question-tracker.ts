// Decides which feed updates are news: a question becomes "opened" once, and "closed" once.
// Kept in memory; the SQLite store replaces it where novelty must survive restarts.
import type { Question, QuestionStatus } from '@shared/question'
import type { FeedUpdate } from '../feed/transport'

export type QuestionEvent =
  | { type: 'question'; question: Question }
  | { type: 'closed'; id: string; status: QuestionStatus }

export class OpenQuestionTracker {
  private readonly open = new Map<string, Question>()

  constructor(private readonly now: () => number = Date.now) {}

  get questions(): Question[] {
    return [...this.open.values()]
  }

  apply(update: FeedUpdate): QuestionEvent[] {
    switch (update.kind) {
      case 'snapshot':
        return this.applySnapshot(update.questions)
      case 'opened':
        return this.applyOpened(update.question)
      case 'left':
        return this.applyLeft(update.id, update.status)
    }
  }

  /** Questions whose `expires_at` has passed are expired here, even without a server event. */
  expire(): QuestionEvent[] {
    const now = this.now()
    const events: QuestionEvent[] = []
    for (const question of this.open.values()) {
      if (Date.parse(question.expiresAt) <= now) events.push(...this.applyLeft(question.id, 'expired'))
    }
    return events
  }

  private applySnapshot(questions: Question[]): QuestionEvent[] {
    const now = this.now()
    const ids = new Set(questions.map((question) => question.id))
    const events: QuestionEvent[] = []
    for (const known of this.open.values()) {
      if (ids.has(known.id)) continue
      const status = Date.parse(known.expiresAt) <= now ? 'expired' : 'closed'
      events.push(...this.applyLeft(known.id, status))
    }
    for (const question of questions) events.push(...this.applyOpened(question))
    return events
  }

  private applyOpened(question: Question): QuestionEvent[] {
    if (Date.parse(question.expiresAt) <= this.now()) return this.applyLeft(question.id, 'expired')
    const isNew = !this.open.has(question.id)
    this.open.set(question.id, question)
    return isNew ? [{ type: 'question', question }] : []
  }

  private applyLeft(id: string, status: QuestionStatus): QuestionEvent[] {
    return this.open.delete(id) ? [{ type: 'closed', id, status }] : []
  }
}
