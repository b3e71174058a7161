import { useLayoutEffect, useRef } from 'react'

/** A ref that always holds the latest value, so a listener attached once still sees fresh props. */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value)
  useLayoutEffect(() => {
    ref.current = value
  })
  return ref
}
