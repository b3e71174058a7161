// Roving focus over the question cards: one "current" card, ↑/↓ move it, a toast click jumps to one.
import { useCallback, useEffect, useState } from 'react'
import type { PanelApi } from '../notifier-api'
import { useLatest } from './use-latest'

export interface QuestionFocus {
  /** The card keys act on: the focused one, or the first when none was chosen or it went away. */
  currentId: string | null
  move(by: 1 | -1): void
  /** A card (or something in it) received focus. */
  focused(questionId: string): void
}

export function useQuestionFocus(ids: readonly string[], api: PanelApi): QuestionFocus {
  const [chosenId, setChosenId] = useState<string | null>(null)
  const currentId = chosenId !== null && ids.includes(chosenId) ? chosenId : (ids[0] ?? null)

  const focusCard = useCallback((questionId: string) => {
    setChosenId(questionId)
    const card = findCard(questionId)
    if (!card) return
    card.focus({ preventScroll: true })
    card.scrollIntoView({ block: 'nearest', behavior: prefersReducedMotion() ? 'instant' : 'smooth' })
  }, [])

  const latest = useLatest({ ids, currentId })
  const move = useCallback(
    (by: 1 | -1) => {
      const { ids: order, currentId: from } = latest.current
      const index = from === null ? -1 : order.indexOf(from)
      const next = order[Math.min(Math.max(index + by, 0), order.length - 1)]
      if (next !== undefined) focusCard(next)
    },
    [latest, focusCard],
  )

  useEffect(() => api.onFocusQuestion(({ questionId }) => focusCard(questionId)), [api, focusCard])

  // Keep the keyboard somewhere useful: on open, and after the focused element vanished or was disabled.
  useEffect(() => {
    const active = document.activeElement
    if (currentId !== null && (active === null || active === document.body)) {
      findCard(currentId)?.focus({ preventScroll: true })
    }
  })

  return { currentId, move, focused: setChosenId }
}

function findCard(questionId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.question-card[data-question-id="${CSS.escape(questionId)}"]`)
}

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches
}
