import { type Dispatch, type SetStateAction, useEffect, useState } from 'react'

/**
 * The latest value main pushes on a channel, seeded by one fetch. The fetch never overwrites a
 * push that arrived before its answer. Pass the API's own (stable) functions.
 */
export function usePushedState<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  fetch: () => Promise<T>,
): [T | null, Dispatch<SetStateAction<T | null>>] {
  const [state, setState] = useState<T | null>(null)
  useEffect(() => {
    let pushed = false
    const unsubscribe = subscribe((next) => {
      pushed = true
      setState(next)
    })
    void fetch().then((initial) => {
      if (!pushed) setState(initial)
    })
    return unsubscribe
  }, [subscribe, fetch])
  return [state, setState]
}
