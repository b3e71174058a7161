// A panel card's data for the renderer's unit tests: an open question, asked `minute` past nine.
import type { PanelQuestion } from '@shared/ipc/panel-state'
import type { Question } from '@shared/question'

export function panelItem(id: string, minute: number, fields: Partial<Question> = {}): PanelQuestion {
  const question: Question = {
    id,
    productId: 'alpha',
    productName: 'Alpha',
    storyId: null,
    storyCode: null,
    storyTitle: null,
    taskId: null,
    ideaId: null,
    ideaCode: null,
    ideaTitle: null,
    assigneeId: null,
    text: id,
    options: null,
    context: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString(),
    expiresAt: new Date(Date.UTC(2025, 0, 2)).toISOString(),
    ...fields,
  }
  return { question, progress: null, webUrl: null }
}
