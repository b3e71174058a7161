import type { AnswerInput } from '@shared/answer'
import { useCallback, useRef, useState } from 'react'
import type { PanelApi } from '../notifier-api'

export interface Answers {
  /** Hands an answer to main; a second one for the same question is ignored until the first returns. */
  submit(questionId: string, answer: AnswerInput): void
  /** Handed over, but main has not answered yet: blocks a double answer from a fast key. */
  isHandingOver(questionId: string): boolean
  /** The hand-over itself failed (main rejected the call); the user may try again. */
  handOverFailed(questionId: string): boolean
}

export function useAnswers(api: PanelApi): Answers {
  // The ref gates synchronously (two key presses in one frame); the state re-renders the cards.
  const gate = useRef(new Set<string>())
  const [handingOver, setHandingOver] = useState<ReadonlySet<string>>(new Set())
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set())

  const submit = useCallback(
    (questionId: string, answer: AnswerInput) => {
      if (gate.current.has(questionId)) return
      const release = (failure: boolean) => {
        gate.current.delete(questionId)
        setHandingOver(new Set(gate.current))
        setFailed((current) => withItem(current, questionId, failure))
      }
      gate.current.add(questionId)
      setHandingOver(new Set(gate.current))
      api.answer(questionId, answer).then(
        () => release(false),
        () => release(true),
      )
    },
    [api],
  )

  return {
    submit,
    isHandingOver: (questionId) => handingOver.has(questionId),
    handOverFailed: (questionId) => failed.has(questionId),
  }
}

function withItem(set: ReadonlySet<string>, item: string, present: boolean): ReadonlySet<string> {
  if (set.has(item) === present) return set
  const next = new Set(set)
  if (present) next.add(item)
  else next.delete(item)
  return next
}
