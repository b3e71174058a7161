// The API has no product list: the products to mute are those of the questions in the panel now,
// plus the ones already muted (which may have no open question, or have been renamed).
import type { PanelQuestion } from '@shared/ipc/panel-state'

export interface ProductChoice {
  id: string
  /** Null when only the id is known. */
  name: string | null
}

export function productChoices(questions: PanelQuestion[], muted: string[]): ProductChoice[] {
  const names = new Map<string, string | null>()
  for (const { question } of questions) {
    if (!names.has(question.productId) || names.get(question.productId) === null)
      names.set(question.productId, question.productName)
  }
  for (const id of muted) if (!names.has(id)) names.set(id, null)
  return [...names]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id))
}
