// One open question for tests that need a Question but not a server: open, an hour to go.
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
    createdAt: new Date(Date.now() - 1000).toISOString(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    ...overrides,
  }
}
