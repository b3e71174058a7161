// One open question for tests that need a Question but not a server.
import type { Question } from '@shared/question'

export function makeQuestion(id: string, overrides: Partial<Question> = {}): Question {
  return {
    id,
    productId: 'p1',
    productName: 'Webshop',
    storyId: 's1',
    storyCode: 'ST-101',
    storyTitle: 'Checkout',
    taskId: null,
    ideaId: null,
    ideaCode: null,
    ideaTitle: null,
    assigneeId: null,
    text: 'Welke betaalprovider?',
    options: ['Mollie', 'Stripe'],
    context: null,
    // Fixed, so two calls give equal questions; open for decades, so nothing expires mid-test.
    createdAt: '2026-11-29T10:00:00.000Z',
    expiresAt: '2099-12-31T00:00:00.000Z',
    ...overrides,
  }
}
